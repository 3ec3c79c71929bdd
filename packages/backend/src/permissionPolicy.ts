import {
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createEnvironmentConditionalDecision,
  environmentConditions,
} from '@greenroom/plugin-environments-backend';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * An example policy for Greenroom (the README's "Security model" explains it):
 * - members of an admin group may do everything;
 * - the preview bot (`environments.github.actAs`) may link environments to pull
 *   requests (`environments.admin`) and act on every environment except
 *   production ones;
 * - the wake bot (`environments.wake.actAs`) may only start (lifecycle)
 *   preview and development environments, nothing else;
 * - everyone else reads every environment, changes only those their groups
 *   own, and may not create production environments or take admin rights.
 * Other plugins' permissions are allowed, as create-app's allow-all policy does.
 */
export class GreenroomExamplePolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      adminGroups: string[];
      previewBot?: string;
      wakeBot?: string;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('environments.')) return ALLOW;
    const refs = (user?.info.ownershipEntityRefs ?? []).map(r =>
      r.toLowerCase(),
    );
    if (refs.some(r => this.options.adminGroups.includes(r))) return ALLOW;
    const isBot =
      this.options.previewBot !== undefined &&
      user?.info.userEntityRef.toLowerCase() === this.options.previewBot;

    if (
      this.options.wakeBot !== undefined &&
      user?.info.userEntityRef.toLowerCase() === this.options.wakeBot
    ) {
      return permission.name === 'environments.environment.lifecycle' &&
        isResourcePermission(permission, 'environment')
        ? createEnvironmentConditionalDecision(
            permission,
            environmentConditions.hasMode({
              modes: ['preview', 'development'],
            }),
          )
        : DENY;
    }
    if (permission.name === 'environments.admin') return isBot ? ALLOW : DENY;
    if (permission.name === 'environments.environment.production') return DENY;
    if (isResourcePermission(permission, 'environment')) {
      if (isBot) {
        return createEnvironmentConditionalDecision(permission, {
          not: environmentConditions.hasMode({ modes: ['production'] }),
        });
      }
      if (permission.attributes.action === 'read') return ALLOW;
      return createEnvironmentConditionalDecision(
        permission,
        environmentConditions.isOwner({
          owners: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return ALLOW;
  }
}

/**
 * The demo's permission policy: create-app's allow-all by default, the
 * example above with `permission.demoPolicy: example`.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'greenroom-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        if (config.getOptionalString('permission.demoPolicy') !== 'example') {
          policy.setPolicy({ handle: async () => ALLOW });
          return;
        }
        policy.setPolicy(
          new GreenroomExamplePolicy({
            adminGroups: (
              config.getOptionalStringArray('permission.demoAdminGroups') ?? [
                'group:default/platform',
              ]
            ).map(r => r.toLowerCase()),
            previewBot: config
              .getOptionalString('environments.github.actAs')
              ?.toLowerCase(),
            wakeBot: config
              .getOptionalString('environments.wake.actAs')
              ?.toLowerCase(),
          }),
        );
      },
    });
  },
});
