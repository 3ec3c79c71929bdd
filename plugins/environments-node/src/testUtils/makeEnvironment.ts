import type { ApiEnvironment } from '@greenroom/plugin-environments-common';

/** The time every made environment and operation is stamped with. */
export const FAKE_NOW = '2025-11-20T09:12:00.000Z';

/**
 * An environment as the API answers it, with the given fields and the rest
 * filled in (a running staging environment of `system:default/shop`).
 *
 * @public
 */
export function makeEnvironment(
  fields: Partial<ApiEnvironment> & { name: string },
): ApiEnvironment {
  return {
    id: `env-${fields.name}`,
    title: fields.name,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'staging',
    runtime: { type: 'local' },
    services: [],
    variables: [],
    policy: { priority: 50 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    attention: [],
    lastActivityAt: FAKE_NOW,
    createdBy: 'user:default/guest',
    createdAt: FAKE_NOW,
    updatedAt: FAKE_NOW,
    revision: 1,
    ...fields,
  };
}
