import type {
  Service,
  ServiceTemplateLifecycle,
  ServiceTemplateSummary,
} from '@greenroom/plugin-environments-common';

// The list's shapes are shared with the backend that answers them.
export type {
  ListTemplatesQuery,
  ServiceTemplateSummary,
} from '@greenroom/plugin-environments-common';

/**
 * A version of a template the backend has seen.
 *
 * @public
 */
export interface ServiceTemplateVersion {
  version: string;
  lifecycle: ServiceTemplateLifecycle | string;
  firstSeenAt: string;
}

/**
 * How an upgrade status compares a service's template version with the
 * template's versions.
 *
 * @public
 */
export type TemplateUpgradeStatus = 'current' | 'outdated' | 'deprecated';

/**
 * A service of an environment that was created from a template.
 *
 * @public
 */
export interface ServiceTemplateUsage {
  environment: string;
  environmentTitle: string;
  /** The environment's mode. */
  mode: string;
  service: string;
  version: string;
  status: TemplateUpgradeStatus;
}

/**
 * One template with its versions (newest first) and where it is used, from
 * `GET /templates/{namespace}/{name}`.
 *
 * @public
 */
export interface ServiceTemplateDetails {
  template: ServiceTemplateSummary & {
    /** The service defaults, with `${{ parameters.x }}` expressions. */
    service: Record<string, unknown>;
  };
  versions: ServiceTemplateVersion[];
  usage: ServiceTemplateUsage[];
}

/**
 * The body of {@link EnvironmentsApi.addService}.
 *
 * @public
 */
export interface AddServiceRequest {
  /** Entity ref of the template. */
  template: string;
  /** The name of the new service. */
  name: string;
  /** Values of the template's parameters. */
  parameters: Record<string, unknown>;
  dryRun?: boolean;
}

/**
 * The answer to a dry run of {@link EnvironmentsApi.addService}: the service
 * as it would be added (secret values are never included).
 *
 * @public
 */
export interface AddServicePreview {
  service: Service;
}

/**
 * The template version of one service of an environment, from
 * `GET /environments/{name}/template-upgrades`.
 *
 * @public
 */
export interface TemplateUpgradeInfo {
  service: string;
  /** Entity ref of the template. */
  template: string;
  version: string;
  status: TemplateUpgradeStatus;
  /** The newest version that is not deprecated. */
  latest?: string;
}

/**
 * What upgrading a service to its template's latest version changes, from
 * the dry run of {@link EnvironmentsApi.upgradeService}.
 *
 * @public
 */
export interface ServiceUpgradePlan {
  service: string;
  from: string;
  to: string;
  changes: Array<{ path: string; before?: unknown; after?: unknown }>;
}
