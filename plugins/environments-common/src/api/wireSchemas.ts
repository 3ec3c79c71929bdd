import { z } from 'zod';
import {
  DATABASE_ENGINES,
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '../constants';
import { COST_GROUP_BYS } from '../cost/summarize';
import { dataRulesSchema, dataSeedSchema } from '../data/dataRules';
import {
  attentionItemSchema,
  baselineSchema,
  driftFindingSchema,
  environmentInputSchema,
  environmentObservationSchema,
  environmentSchema,
  operationSchema,
  serviceObservationSchema,
  serviceSchema,
} from '../schemas';

// The objects the REST API answers with, as zod schemas only to write their
// JSON Schemas (the components of the OpenAPI document): they reuse the
// domain's schemas, so enums and patterns cannot drift from what is stored.

/**
 * A variable as the API shows it: a value or an alias with what it holds, a
 * built-in (computed) one, or a secret that carries `isSet`, never its value.
 */
const variable = z.discriminatedUnion('kind', [
  z.object({ key: z.string(), kind: z.literal('value'), value: z.string() }),
  z.object({ key: z.string(), kind: z.literal('alias'), aliasOf: z.string() }),
  z.object({
    key: z.string(),
    kind: z.literal('builtin'),
    value: z.string().optional(),
  }),
  z.object({ key: z.string(), kind: z.literal('secret'), isSet: z.boolean() }),
]);

const service = z.object({
  ...serviceSchema.shape,
  variables: z.array(variable),
  /** What the runtime last saw of it; absent until first observed. */
  observed: serviceObservationSchema.optional(),
});

const environment = z.object({
  ...environmentSchema.shape,
  services: z.array(service),
  variables: z.array(variable),
  /** On reads (one environment, the list); absent until first observed. */
  observation: environmentObservationSchema.optional(),
  /**
   * On reads of an environment with a baseline: the base's services it
   * reaches there, and how the base is (absent when the base is gone).
   */
  sharing: z
    .object({
      services: z.array(
        z.object({
          name: serviceSchema.shape.name,
          kind: serviceSchema.shape.kind,
          ports: serviceSchema.shape.ports,
          database: serviceSchema.shape.database,
        }),
      ),
      base: z
        .object({
          desiredState: environmentSchema.shape.desiredState,
          status: environmentSchema.shape.status,
        })
        .optional(),
    })
    .optional(),
  /** On reads of one environment: the environments that share its services. */
  sharedWith: z.array(z.string()).optional(),
});

const clonePlan = z.object({
  /** The new environment as a create input; no secret values are copied. */
  input: environmentInputSchema,
  attention: z.array(attentionItemSchema),
  baseline: baselineSchema.optional(),
  data: z.array(
    z.object({
      service: z.string(),
      engine: z.enum(DATABASE_ENGINES),
      action: z.enum(['empty', 'restore-snapshot', 'run-seed', 'copy']),
      detail: z.string(),
      rules: dataRulesSchema.optional(),
      preview: z
        .array(
          z.object({
            table: z.string(),
            columns: z.array(z.string()),
            rows: z.array(
              z.object({
                before: z.array(z.string().nullable()),
                after: z.array(z.string().nullable()),
              }),
            ),
          }),
        )
        .optional(),
      seed: dataSeedSchema.optional(),
    }),
  ),
  diff: z.array(
    z.object({
      kind: z.enum([
        'copied',
        'changed',
        'dropped',
        'shared',
        'attention',
        'data',
      ]),
      path: z.string(),
      from: z.string().optional(),
      to: z.string().optional(),
      reason: z.string().optional(),
    }),
  ),
});

const accepted = z.object({
  environment: environment.optional(),
  operation: operationSchema,
});

const runtimePlan = z.object({
  runtime: z.string(),
  changes: z.array(
    z.object({
      action: z.enum(['create', 'update', 'delete', 'unchanged']),
      resource: z.string(),
      service: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});

const serviceTemplateSummary = z.object({
  ref: z.string(),
  namespace: z.string(),
  name: z.string(),
  title: z.string(),
  description: z.string().optional(),
  tags: z.array(z.string()),
  owner: z.string(),
  type: z.enum(SERVICE_TEMPLATE_TYPES),
  version: z.string(),
  lifecycle: z.enum(SERVICE_TEMPLATE_LIFECYCLES),
  engine: z.string().optional(),
  /** The JSON Schema of the template's parameters. */
  parameters: z.record(z.string(), z.unknown()).optional(),
  links: z.array(
    z.object({
      url: z.string(),
      title: z.string().optional(),
      icon: z.string().optional(),
    }),
  ),
  usageCount: z.number().int(),
});

const templateUpgradeStatus = z.enum(['current', 'outdated', 'deprecated']);

const serviceTemplateDetails = z.object({
  template: z.object({
    ...serviceTemplateSummary.shape,
    /** The service defaults, with `${{ parameters.x }}` expressions. */
    service: z.record(z.string(), z.unknown()),
  }),
  versions: z.array(
    z.object({
      version: z.string(),
      lifecycle: z.string(),
      firstSeenAt: z.string(),
    }),
  ),
  usage: z.array(
    z.object({
      environment: z.string(),
      environmentTitle: z.string(),
      mode: z.string(),
      service: z.string(),
      version: z.string(),
      status: templateUpgradeStatus,
    }),
  ),
});

const templateUpgrade = z.object({
  service: z.string(),
  template: z.string(),
  version: z.string(),
  status: templateUpgradeStatus,
  /** The newest version that is not deprecated. */
  latest: z.string().optional(),
});

const serviceUpgradePlan = z.object({
  service: z.string(),
  from: z.string(),
  to: z.string(),
  changes: z.array(
    z.object({
      path: z.string(),
      before: z.unknown().optional(),
      after: z.unknown().optional(),
    }),
  ),
});

const priceRates = z.object({
  currency: z.string(),
  cpuCoreHour: z.number(),
  memoryGbHour: z.number(),
  storageGbHour: z.number(),
  managedDatabaseHourly: z.record(z.string(), z.number()),
});

const costRow = z.object({
  key: z.string(),
  currency: z.string(),
  total: z.number(),
  compute: z.number(),
  storage: z.number(),
  database: z.number(),
  idle: z.number(),
  /** Hours the environments of the row ran while idle. */
  idleHours: z.number(),
  savings: z.number(),
  /**
   * Where the figures come from: `estimate` (configured rates),
   * `aws-price-file`, `opencost`, `kubecost` or a price module's name;
   * several joined by `+` (e.g. `estimate+opencost`: a cluster's cost for
   * rolled-up days, the estimate for the hours since).
   */
  source: z.string(),
});

const costGroupBy = z.enum(COST_GROUP_BYS);

const costSummary = z.object({
  groupBy: costGroupBy,
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  rates: priceRates,
  rows: z.array(costRow),
  /** How many rows the report has in all; more than `rows` holds when `limit` cut them. */
  rowCount: z.number().int(),
  totals: costRow,
  unpricedInstanceClasses: z.array(z.string()),
  /** Where the window's figures come from, as each row's `source`. */
  source: z.string(),
  /** Days whose cluster cost source failed: they hold the estimate until a rollup reads them. */
  sourceFallbackDays: z.array(z.string()),
  /** Linear projection of the month; only when the window is the current UTC month so far. */
  projectedMonth: z.number().optional(),
});

const costSeries = z.object({
  groupBy: costGroupBy,
  granularity: z.literal('day'),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  rates: priceRates,
  days: z.array(z.string()),
  series: z.array(
    z.object({
      key: z.string(),
      total: z.number(),
      totals: z.array(z.number()),
    }),
  ),
});

const sharingSavings = z.object({
  environment: z.string(),
  /** The base it shares; absent without a baseline or once the base is destroyed. */
  base: z.string().optional(),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  /** Hours the environment ran in the window. */
  runningHours: z.number(),
  /** What its shared services would have cost in a full clone, full precision. */
  saved: z.object({
    total: z.number(),
    compute: z.number(),
    storage: z.number(),
    database: z.number(),
  }),
  services: z.array(z.object({ name: z.string(), saved: z.number() })),
});

const sharingSavingsTotals = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  /** All environments that share a base, added up; full precision. */
  saved: sharingSavings.shape.saved,
  /** Each of them, most saved first. */
  environments: z.array(
    z.object({
      environment: z.string(),
      /** Absent once the base is destroyed. */
      base: z.string().optional(),
      saved: z.number(),
    }),
  ),
});

const costParts = z.object({
  total: z.number(),
  compute: z.number(),
  storage: z.number(),
  database: z.number(),
  /** Hours inside the window. */
  hours: z.number(),
});

const costBreakdown = z.object({
  environment: z.string(),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  rates: priceRates,
  /** Where the rates come from: `estimate` (configured or price-source rates applied to the ledger). */
  source: z.string(),
  /**
   * What the cost reports show for this environment and window, when it is
   * not the intervals' figure: a cluster cost source (OpenCost, Kubecost)
   * replaced the estimate for the rolled-up days it covers.
   */
  reported: z.object({ total: z.number(), source: z.string() }).optional(),
  /** The ledger intervals inside the window, clipped to it, oldest first. */
  intervals: z.array(
    z.object({
      service: z.string(),
      state: z.enum(['running', 'stopped']),
      startedAt: z.string(),
      endedAt: z.string(),
      /** The interval goes on past the window's end (or is still open). */
      open: z.boolean(),
      cpuCores: z.number(),
      memoryGb: z.number(),
      storageGb: z.number(),
      instanceClass: z.string().optional(),
      reason: z.string().optional(),
      /** Hourly prices of what it reserved; compute and database only count while running. */
      hourly: z.object({
        compute: z.number(),
        storage: z.number(),
        database: z.number(),
      }),
      cost: costParts,
      /** The part of `cost` that ran while the environment was idle; `hours` of it. */
      idle: costParts,
      /** What running would have cost while auto-stopped (compute and database); `hours` stopped. */
      saved: costParts,
    }),
  ),
  /** Intervals inside the window; more than listed when truncated. */
  intervalCount: z.number().int(),
  truncated: z.boolean(),
  /** Every interval of the window added up, full precision: what GET /cost/summary counts. */
  totals: costParts,
  /** The intervals' idle parts added up (the summary's idle); `hours` counts idle time once (its idleHours). */
  idle: costParts,
  /** The auto-stopped intervals' savings added up (the summary's savings). */
  savings: costParts,
  /** Milliseconds without activity after which the environment counted as idle. */
  idleAfterMs: z.number().int(),
  unpricedInstanceClasses: z.array(z.string()),
});

const previewQuotaUsage = z.object({
  /** The system or team (owner) entity ref. */
  ref: z.string(),
  /** Running previews allowed; absent when there is no limit. */
  limit: z.number().int().optional(),
  running: z.number().int(),
  queued: z.number().int(),
  /** The running previews the caller may read, in the order the quota reclaims them. */
  previews: z.array(
    z.object({
      name: z.string(),
      priority: z.number().int(),
      lastActivityAt: z.string(),
      /** The one stopped first when one more preview of higher or equal priority asks. */
      reclaimNext: z.boolean(),
    }),
  ),
});

const previewQuota = z.object({
  /** Whether any quota is configured; without one no preview is reclaimed. */
  configured: z.boolean(),
  systems: z.array(previewQuotaUsage),
  teams: z.array(previewQuotaUsage),
});

const health = z.object({
  status: z.literal('ok'),
  /** The runtime types registered, e.g. `local`. */
  runtimes: z.array(z.string()),
});

/** The schemas by their component name; each is a `$ref` where another uses it. */
export const wireSchemas = {
  Variable: variable,
  ServiceObservation: serviceObservationSchema,
  DriftFinding: driftFindingSchema,
  EnvironmentObservation: environmentObservationSchema,
  Service: service,
  Environment: environment,
  Operation: operationSchema,
  Accepted: accepted,
  ClonePlan: clonePlan,
  RuntimePlan: runtimePlan,
  ServiceTemplateSummary: serviceTemplateSummary,
  ServiceTemplateDetails: serviceTemplateDetails,
  TemplateUpgrade: templateUpgrade,
  ServiceUpgradePlan: serviceUpgradePlan,
  PriceRates: priceRates,
  CostRow: costRow,
  CostSummary: costSummary,
  CostSeries: costSeries,
  SharingSavings: sharingSavings,
  SharingSavingsTotals: sharingSavingsTotals,
  CostBreakdown: costBreakdown,
  PreviewQuotaUsage: previewQuotaUsage,
  PreviewQuota: previewQuota,
  Health: health,
};
