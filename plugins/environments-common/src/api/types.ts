import type { components, paths } from './openapi.generated';

/**
 * The objects of the environments REST API by their name in the spec
 * (`components.schemas`), as the generated types declare them.
 *
 * @public
 */
export type EnvironmentsApiSchemas = components['schemas'];

/**
 * A variable as the API answers: a secret carries `isSet`, never its value.
 *
 * @public
 */
export type ApiVariable = EnvironmentsApiSchemas['Variable'];

/**
 * A service as the API answers (its variables as {@link ApiVariable}).
 *
 * @public
 */
export type ApiService = EnvironmentsApiSchemas['Service'];

/**
 * An environment as the API answers: the `Environment` of this package with
 * secret values removed.
 *
 * @public
 */
export type ApiEnvironment = EnvironmentsApiSchemas['Environment'];

/**
 * The `202 Accepted` answer of a change: the operation that carries it out
 * and the environment as it is now.
 *
 * @public
 */
export type ApiAccepted = EnvironmentsApiSchemas['Accepted'];

/**
 * An operation as the API answers.
 *
 * @public
 */
export type ApiOperation = EnvironmentsApiSchemas['Operation'];

/**
 * The plan of a clone, the answer of its dry run.
 *
 * @public
 */
export type ApiClonePlan = EnvironmentsApiSchemas['ClonePlan'];

/**
 * The query of `GET /environments`: every field optional, entity refs in
 * full (`system:default/shop`), `q` matched against name and title.
 *
 * @public
 */
export type ApiListEnvironmentsQuery = NonNullable<
  paths['/environments']['get']['parameters']['query']
>;

/**
 * How full the preview quotas are, per system and per team, from
 * `GET /previews/quota`.
 *
 * @public
 */
export type ApiPreviewQuota = EnvironmentsApiSchemas['PreviewQuota'];

/**
 * What sharing its base saved an environment, from
 * `GET /environments/{name}/cost/sharing`.
 *
 * @public
 */
export type ApiSharingSavings = EnvironmentsApiSchemas['SharingSavings'];

/** What sharing saved all environments that share a base, from `GET /cost/sharing`. @public */
export type ApiSharingSavingsTotals =
  EnvironmentsApiSchemas['SharingSavingsTotals'];

/** How an environment's cost over a window was computed, from `GET /environments/{name}/cost/breakdown`. @public */
export type ApiCostBreakdown = EnvironmentsApiSchemas['CostBreakdown'];
