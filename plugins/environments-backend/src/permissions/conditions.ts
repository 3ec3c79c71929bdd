import { createConditionExports } from '@backstage/plugin-permission-node';
import { ENVIRONMENT_RESOURCE_TYPE } from '@greenroom/plugin-environments-common';
import { hasMode, isOwner } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  pluginId: 'environments',
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
  rules: { isOwner, hasMode },
});

/**
 * Conditions on environments for permission policies:
 * `environmentConditions.isOwner({ owners })` and
 * `environmentConditions.hasMode({ modes })`.
 *
 * @public
 */
export const environmentConditions = conditions;

/**
 * A conditional decision on an environment permission, for permission
 * policies, e.g.
 * `createEnvironmentConditionalDecision(permission, environmentConditions.isOwner({ owners: user.info.ownershipEntityRefs }))`.
 *
 * @public
 */
export const createEnvironmentConditionalDecision = createConditionalDecision;
