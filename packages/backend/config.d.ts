export interface Config {
  permission?: {
    /**
     * The demo backend's permission policy: `allow-all` (the default, as
     * create-app ships) or `example`, Greenroom's example policy
     * (packages/backend/src/permissionPolicy.ts).
     */
    demoPolicy?: 'allow-all' | 'example';
    /** Groups whose members may do everything under the example policy. Default `[group:default/platform]`. */
    demoAdminGroups?: string[];
  };
}
