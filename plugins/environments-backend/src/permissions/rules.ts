import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_RESOURCE_TYPE,
  Environment,
  EnvironmentMode,
} from '@greenroom/plugin-environments-common';
import { z } from 'zod';

/** A rule turned into data the store can filter on. */
export type EnvironmentQuery =
  | { owner: string[] }
  | { mode: EnvironmentMode[] };

/** Environments as permission resources, referenced by name. */
export const environmentPermissionResourceRef = createPermissionResourceRef<
  Environment,
  EnvironmentQuery
>().with({ pluginId: 'environments', resourceType: ENVIRONMENT_RESOURCE_TYPE });

/** Environments owned by one of the given entity refs (a user's ownership claims). */
export const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow environments owned by one of the given entity refs',
  resourceRef: environmentPermissionResourceRef,
  paramsSchema: z.object({
    owners: z
      .array(z.string())
      .describe('Entity refs, e.g. the ownership claims of the user'),
  }),
  apply: (environment, { owners }) =>
    owners.map(o => o.toLowerCase()).includes(environment.owner.toLowerCase()),
  toQuery: ({ owners }) => ({ owner: owners }),
});

/** Environments in one of the given modes. */
export const hasMode = createPermissionRule({
  name: 'HAS_MODE',
  description: 'Allow environments in one of the given modes',
  resourceRef: environmentPermissionResourceRef,
  paramsSchema: z.object({
    modes: z.array(z.enum(ENVIRONMENT_MODES)).describe('Environment modes'),
  }),
  apply: (environment, { modes }) => modes.includes(environment.mode),
  toQuery: ({ modes }) => ({ mode: modes }),
});

export const environmentPermissionRules = [isOwner, hasMode];
