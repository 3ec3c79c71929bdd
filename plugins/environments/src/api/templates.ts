import type { EnvironmentsApiSchemas } from '@greenroom/plugin-environments-common';

// The list's shapes are shared with the backend that answers them.
export type {
  ListTemplatesQuery,
  ServiceTemplateSummary,
} from '@greenroom/plugin-environments-common';

/**
 * One template with its versions (newest first) and where it is used, from
 * `GET /templates/{namespace}/{name}`: the spec's `ServiceTemplateDetails`.
 *
 * @public
 */
export type ServiceTemplateDetails =
  EnvironmentsApiSchemas['ServiceTemplateDetails'];

/**
 * A version of a template the backend has seen.
 *
 * @public
 */
export type ServiceTemplateVersion = ServiceTemplateDetails['versions'][number];

/**
 * A service of an environment that was created from a template.
 *
 * @public
 */
export type ServiceTemplateUsage = ServiceTemplateDetails['usage'][number];

/**
 * The template version of one service of an environment, from
 * `GET /environments/{name}/template-upgrades`.
 *
 * @public
 */
export type TemplateUpgradeInfo = EnvironmentsApiSchemas['TemplateUpgrade'];

/**
 * How an upgrade status compares a service's template version with the
 * template's versions.
 *
 * @public
 */
export type TemplateUpgradeStatus = TemplateUpgradeInfo['status'];

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
 * as it would be added (secrets as `isSet`, never their value).
 *
 * @public
 */
export interface AddServicePreview {
  service: EnvironmentsApiSchemas['Service'];
}

/**
 * What upgrading a service to its template's latest version changes, from
 * the dry run of {@link EnvironmentsApi.upgradeService}.
 *
 * @public
 */
export type ServiceUpgradePlan = EnvironmentsApiSchemas['ServiceUpgradePlan'];
