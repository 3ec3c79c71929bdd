// The REST API of the environments plugin, OpenAPI 3.1. This document is the
// source of truth: the router validates requests against it and derives its
// handler types from it, and it is served at /api/environments/openapi.json.
// Bodies are validated in full by the zod schemas of
// @greenroom/plugin-environments-common, whose messages name the field.

import {
  COST_GROUP_BYS,
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
} from '@greenroom/plugin-environments-common';

const name = {
  name: 'name',
  in: 'path',
  required: true,
  description: 'Environment name',
  schema: { type: 'string', maxLength: 40 },
} as const;
const service = {
  name: 'service',
  in: 'path',
  required: true,
  schema: { type: 'string', maxLength: 22 },
} as const;
const key = {
  name: 'key',
  in: 'path',
  required: true,
  schema: { type: 'string', maxLength: 255 },
} as const;
const ifMatch = {
  name: 'if-match',
  in: 'header',
  required: false,
  description: 'Expected revision; a stale one is answered with 409',
  schema: { type: 'string' },
} as const;
const idempotencyKey = {
  name: 'idempotency-key',
  in: 'header',
  required: false,
  description:
    'The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422',
  schema: { type: 'string', maxLength: 255 },
} as const;

const costQuery = [
  {
    name: 'groupBy',
    in: 'query',
    required: false,
    description: 'What rows group by; default environment',
    schema: { type: 'string', enum: COST_GROUP_BYS },
  },
  {
    name: 'from',
    in: 'query',
    required: false,
    description:
      'Start of the window (ISO 8601, inclusive); default the start of the current UTC month',
    schema: { type: 'string', maxLength: 40 },
  },
  {
    name: 'to',
    in: 'query',
    required: false,
    description:
      'End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now',
    schema: { type: 'string', maxLength: 40 },
  },
  {
    name: 'owner',
    in: 'query',
    required: false,
    description: 'Only environments owned by this group (entity ref)',
    schema: { type: 'string', maxLength: 255 },
  },
  {
    name: 'system',
    in: 'query',
    required: false,
    description: 'Only environments of this system (entity ref)',
    schema: { type: 'string', maxLength: 255 },
  },
  {
    name: 'mode',
    in: 'query',
    required: false,
    description: 'Only environments of this mode',
    schema: { type: 'string', enum: ENVIRONMENT_MODES },
  },
  {
    name: 'environment',
    in: 'query',
    required: false,
    description: 'Only this environment (name)',
    schema: { type: 'string', maxLength: 40 },
  },
] as const;

const json = (schema: object) => ({ 'application/json': { schema } } as const);
const ref = (schemaName: string) =>
  ({ $ref: `#/components/schemas/${schemaName}` } as const);
const errors = {
  '400': {
    description:
      'Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit',
    content: json(ref('Error')),
  },
  '403': {
    description:
      'Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names',
    content: json(ref('Error')),
  },
  '404': { description: 'Not found', content: json(ref('Error')) },
  '409': {
    description:
      'Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend',
    content: json(ref('Error')),
  },
} as const;
const accepted = {
  '202': {
    description: 'The change is queued as an operation',
    headers: {
      'Idempotent-Replayed': {
        description:
          'true when this answers an earlier request with the same Idempotency-Key: nothing was changed now',
        schema: { type: 'string', enum: ['true'] },
      },
    },
    content: json({
      type: 'object',
      properties: {
        environment: ref('Environment'),
        operation: ref('Operation'),
      },
      required: ['operation'],
    }),
  },
  ...errors,
  '422': {
    description: 'The Idempotency-Key was already used for a different request',
    content: json(ref('Error')),
  },
} as const;
const body = (schema: object) =>
  ({ required: true, content: json(schema) } as const);

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'environments',
    version: '1',
    description: 'Greenroom environments: catalog, lifecycle and operations.',
    license: { name: 'UNLICENSED' },
  },
  servers: [{ url: '/' }],
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
            required: ['name', 'message'],
          },
          response: {
            type: 'object',
            properties: { statusCode: { type: 'integer' } },
          },
        },
        required: ['error'],
      },
      Environment: {
        type: 'object',
        description:
          'See the Environment type of @greenroom/plugin-environments-common. Secret variables carry `isSet` instead of a value.',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          title: { type: 'string' },
          system: { type: 'string' },
          owner: { type: 'string' },
          mode: {
            type: 'string',
            enum: ENVIRONMENT_MODES,
          },
          status: { type: 'string' },
          desiredState: { type: 'string' },
          revision: { type: 'integer' },
        },
        required: ['id', 'name', 'mode', 'status', 'revision'],
        additionalProperties: true,
      },
      Operation: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          environmentId: { type: 'string' },
          type: { type: 'string' },
          status: { type: 'string' },
          steps: { type: 'array', items: { type: 'object' } },
        },
        required: ['id', 'environmentId', 'type', 'status', 'steps'],
        additionalProperties: true,
      },
      EnvironmentInput: {
        type: 'object',
        description:
          'name, title?, system, owner, mode, runtime?, services[], variables[], policy?, ttl? (short for policy.ttl), expiresAt?. The owner must be the caller or one of their groups unless the caller holds environments.admin; production needs environments.environment.production; a mode with a maximum lifetime always gets an expiry.',
        required: ['name', 'system', 'owner', 'mode'],
        additionalProperties: true,
      },
      CloneRequest: {
        type: 'object',
        description:
          'See cloneRequestSchema of @greenroom/plugin-environments-common, which validates it and names the failing field.',
        properties: {
          name: { description: 'Name of the new environment' },
          mode: {
            description:
              'production | staging | development | preview; production needs environments.environment.production',
          },
          owner: {
            description:
              "The clone's owner; the source's when omitted. Unless the caller holds environments.admin, the caller or one of their groups",
          },
          title: { description: 'Display title; defaults to the name' },
          ttl: {
            description:
              "Time to live, e.g. '3d', at most the mode's environments.limits.maxLifetime; the rest of the policy is the mode's default",
          },
          dataPolicy: { description: 'empty (default) | snapshot | seed' },
          services: {
            description: 'Names of the services to clone; all when omitted',
          },
          pullRequest: {
            description:
              'The pull request a preview is for (its origin); only holders of environments.admin may set it',
          },
          dryRun: {
            description:
              'Answer 200 with the plan and store nothing (after the same checks as the clone)',
          },
        },
        required: ['name', 'mode'],
        additionalProperties: true,
      },
      ClonePlan: {
        type: 'object',
        description:
          'See ClonePlan of @greenroom/plugin-environments-common: the new environment as a create input, attention items, data steps and a readable diff.',
        properties: {
          input: ref('EnvironmentInput'),
          attention: { type: 'array', items: { type: 'object' } },
          data: { type: 'array', items: { type: 'object' } },
          diff: { type: 'array', items: { type: 'object' } },
        },
        required: ['input', 'attention', 'data', 'diff'],
        additionalProperties: true,
      },
      PriceRates: {
        type: 'object',
        properties: {
          currency: { type: 'string' },
          cpuCoreHour: { type: 'number' },
          memoryGbHour: { type: 'number' },
          storageGbHour: { type: 'number' },
          managedDatabaseHourly: {
            type: 'object',
            additionalProperties: { type: 'number' },
          },
        },
        required: [
          'currency',
          'cpuCoreHour',
          'memoryGbHour',
          'storageGbHour',
          'managedDatabaseHourly',
        ],
      },
      CostRow: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          currency: { type: 'string' },
          total: { type: 'number' },
          compute: { type: 'number' },
          storage: { type: 'number' },
          database: { type: 'number' },
          idle: { type: 'number' },
          savings: { type: 'number' },
        },
        required: [
          'key',
          'currency',
          'total',
          'compute',
          'storage',
          'database',
          'idle',
          'savings',
        ],
      },
      CostSummary: {
        type: 'object',
        description:
          'See CostSummary of @greenroom/plugin-environments-common. Money is in full precision.',
        properties: {
          groupBy: { type: 'string', enum: COST_GROUP_BYS },
          from: { type: 'string' },
          to: { type: 'string' },
          currency: { type: 'string' },
          rates: ref('PriceRates'),
          rows: { type: 'array', items: ref('CostRow') },
          totals: ref('CostRow'),
          unpricedInstanceClasses: { type: 'array', items: { type: 'string' } },
          projectedMonth: {
            type: 'number',
            description:
              'Linear projection of the month; only when the window is the current UTC month so far',
          },
        },
        required: [
          'groupBy',
          'from',
          'to',
          'currency',
          'rates',
          'rows',
          'totals',
          'unpricedInstanceClasses',
        ],
      },
      CostSeries: {
        type: 'object',
        description: 'See CostSeries of @greenroom/plugin-environments-common.',
        properties: {
          groupBy: { type: 'string', enum: COST_GROUP_BYS },
          granularity: { type: 'string', enum: ['day'] },
          from: { type: 'string' },
          to: { type: 'string' },
          currency: { type: 'string' },
          rates: ref('PriceRates'),
          days: { type: 'array', items: { type: 'string' } },
          series: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                key: { type: 'string' },
                total: { type: 'number' },
                totals: { type: 'array', items: { type: 'number' } },
              },
              required: ['key', 'total', 'totals'],
            },
          },
        },
        required: [
          'groupBy',
          'granularity',
          'from',
          'to',
          'currency',
          'rates',
          'days',
          'series',
        ],
      },
      VariableInput: {
        type: 'object',
        description:
          '`{ kind: value | secret, value }` or `{ kind: alias, aliasOf }`',
        required: ['kind'],
        additionalProperties: true,
      },
    },
  },
  paths: {
    '/environments': {
      get: {
        operationId: 'ListEnvironments',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 0, default: 0 },
          },
          {
            name: 'system',
            in: 'query',
            required: false,
            schema: { type: 'string' },
          },
          {
            name: 'owner',
            in: 'query',
            required: false,
            schema: { type: 'string' },
          },
          {
            name: 'component',
            in: 'query',
            required: false,
            schema: { type: 'string' },
          },
          {
            name: 'mode',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ENVIRONMENT_MODES,
            },
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ENVIRONMENT_STATUSES,
            },
          },
          {
            name: 'q',
            in: 'query',
            required: false,
            schema: { type: 'string', maxLength: 200 },
          },
          {
            name: 'sort',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: [
                'name',
                '-name',
                'updatedAt',
                '-updatedAt',
                'lastActivityAt',
                '-lastActivityAt',
                'expiresAt',
                '-expiresAt',
              ],
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of environments',
            content: json({
              type: 'object',
              properties: {
                items: { type: 'array', items: ref('Environment') },
                totalCount: { type: 'integer' },
              },
              required: ['items', 'totalCount'],
            }),
          },
          ...errors,
        },
      },
      post: {
        operationId: 'CreateEnvironment',
        parameters: [idempotencyKey],
        requestBody: body(ref('EnvironmentInput')),
        responses: accepted,
      },
    },
    '/environments/{name}': {
      get: {
        operationId: 'GetEnvironment',
        parameters: [name],
        responses: {
          '200': {
            description: 'The environment',
            content: json(ref('Environment')),
          },
          ...errors,
        },
      },
      patch: {
        operationId: 'UpdateEnvironment',
        parameters: [name, ifMatch, idempotencyKey],
        requestBody: body({
          type: 'object',
          description:
            'title, system, owner, services, policy, expiresAt. The update must be allowed for the environment as it is and as it would be after the change; a new owner must be the caller or one of their groups unless the caller holds environments.admin; expiresAt (set or null) also needs environments.environment.delete, and null is refused for a mode with a maximum lifetime.',
          additionalProperties: true,
        }),
        responses: {
          '200': {
            description: 'Updated; nothing to deploy',
            content: json(ref('Environment')),
          },
          ...accepted,
        },
      },
      delete: {
        operationId: 'DestroyEnvironment',
        parameters: [name, ifMatch, idempotencyKey],
        responses: accepted,
      },
    },
    '/environments/{name}/stop': {
      post: {
        operationId: 'StopEnvironment',
        parameters: [name, ifMatch, idempotencyKey],
        responses: accepted,
      },
    },
    '/environments/{name}/start': {
      post: {
        operationId: 'StartEnvironment',
        parameters: [name, ifMatch, idempotencyKey],
        responses: accepted,
      },
    },
    '/environments/{name}/extend': {
      post: {
        operationId: 'ExtendEnvironment',
        parameters: [name, ifMatch, idempotencyKey],
        requestBody: body({
          type: 'object',
          properties: {
            by: {
              type: 'string',
              description:
                "e.g. 2d: from the later of now and the current expiry, within the mode's maximum lifetime; 409 for an environment without an expiry",
            },
            renew: {
              type: 'boolean',
              description:
                'Renew instead of add: the expiry becomes at least now + by, and stays when already later (a preview renewed on each push)',
            },
          },
          required: ['by'],
        }),
        responses: accepted,
      },
    },
    '/environments/{name}/clone': {
      post: {
        operationId: 'CloneEnvironment',
        parameters: [name, idempotencyKey],
        requestBody: body(ref('CloneRequest')),
        responses: {
          '200': {
            description: 'With dryRun: the plan; nothing is stored',
            content: json(ref('ClonePlan')),
          },
          ...accepted,
        },
      },
    },
    '/environments/{name}/activity': {
      post: {
        operationId: 'RecordActivity',
        description:
          'Counts as activity, so the environment is not stopped as idle; needs environments.environment.lifecycle',
        parameters: [name],
        requestBody: {
          required: false,
          content: json({
            type: 'object',
            properties: { kind: { type: 'string' } },
          }),
        },
        responses: { '204': { description: 'Recorded' }, ...errors },
      },
    },
    '/environments/{name}/services': {
      post: {
        operationId: 'AddServiceFromTemplate',
        description:
          'Renders a service from a ServiceTemplate and the values of its parameters and adds it; with dryRun only answers with the service',
        parameters: [name, idempotencyKey],
        requestBody: body({
          type: 'object',
          properties: {
            template: { type: 'string', maxLength: 255 },
            name: { type: 'string', maxLength: 22 },
            parameters: { type: 'object' },
            dryRun: { type: 'boolean' },
          },
        }),
        responses: {
          '200': {
            description: 'With dryRun: the rendered service; nothing is stored',
            content: json({ type: 'object' }),
          },
          ...accepted,
        },
      },
    },
    '/environments/{name}/template-upgrades': {
      get: {
        operationId: 'ListTemplateUpgrades',
        parameters: [name],
        responses: {
          '200': {
            description:
              'Each service made from a template: current, outdated or deprecated',
            content: json({ type: 'object' }),
          },
          ...errors,
        },
      },
    },
    '/environments/{name}/services/{service}/upgrade': {
      post: {
        operationId: 'UpgradeService',
        description:
          'Needs environments.environment.update and environments.template.use',
        parameters: [name, service, idempotencyKey],
        requestBody: {
          required: false,
          content: json({
            type: 'object',
            properties: { dryRun: { type: 'boolean' } },
          }),
        },
        responses: {
          '200': {
            description: 'With dryRun: what the upgrade changes',
            content: json({ type: 'object' }),
          },
          ...accepted,
        },
      },
    },
    '/templates': {
      get: {
        operationId: 'ListServiceTemplates',
        parameters: [
          ...(['q', 'type', 'engine', 'lifecycle', 'owner'] as const).map(
            param =>
              ({
                name: param,
                in: 'query',
                required: false,
                schema: { type: 'string', maxLength: 255 },
              } as const),
          ),
        ],
        responses: {
          '200': {
            description: 'ServiceTemplates of the catalog, by title',
            content: json({ type: 'object' }),
          },
          ...errors,
        },
      },
    },
    '/templates/{namespace}/{templateName}': {
      get: {
        operationId: 'GetServiceTemplate',
        parameters: [
          {
            name: 'namespace',
            in: 'path',
            required: true,
            schema: { type: 'string', maxLength: 63 },
          },
          {
            name: 'templateName',
            in: 'path',
            required: true,
            schema: { type: 'string', maxLength: 63 },
          },
        ],
        responses: {
          '200': {
            description: 'A template with its versions and usage',
            content: json({ type: 'object' }),
          },
          ...errors,
        },
      },
    },
    '/environments/{name}/plan': {
      get: {
        operationId: 'PlanEnvironment',
        parameters: [name],
        responses: {
          '200': {
            description: 'What the runtime would change',
            content: json({ type: 'object' }),
          },
          ...errors,
        },
      },
    },
    '/environments/{name}/operations': {
      get: {
        operationId: 'ListOperations',
        parameters: [name],
        responses: {
          '200': {
            description: 'Operations, newest first',
            content: json({
              type: 'object',
              properties: { items: { type: 'array', items: ref('Operation') } },
              required: ['items'],
            }),
          },
          ...errors,
        },
      },
    },
    '/environments/{name}/variables/{key}': {
      put: {
        operationId: 'PutVariable',
        parameters: [name, key, ifMatch],
        requestBody: body(ref('VariableInput')),
        responses: {
          '200': {
            description: 'The environment',
            content: json(ref('Environment')),
          },
          ...errors,
        },
      },
      delete: {
        operationId: 'DeleteVariable',
        parameters: [name, key, ifMatch],
        responses: {
          '200': {
            description: 'The environment',
            content: json(ref('Environment')),
          },
          ...errors,
        },
      },
    },
    '/environments/{name}/services/{service}/variables/{key}': {
      put: {
        operationId: 'PutServiceVariable',
        parameters: [name, service, key, ifMatch],
        requestBody: body(ref('VariableInput')),
        responses: {
          '200': {
            description: 'The environment',
            content: json(ref('Environment')),
          },
          ...errors,
        },
      },
      delete: {
        operationId: 'DeleteServiceVariable',
        parameters: [name, service, key, ifMatch],
        responses: {
          '200': {
            description: 'The environment',
            content: json(ref('Environment')),
          },
          ...errors,
        },
      },
    },
    '/operations/{id}': {
      get: {
        operationId: 'GetOperation',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'The operation',
            content: json(ref('Operation')),
          },
          ...errors,
        },
      },
    },
    '/cost/summary': {
      get: {
        operationId: 'GetCostSummary',
        parameters: costQuery,
        responses: {
          '200': {
            description:
              'Cost per group over the window, with the rates used; projectedMonth when the window is the current month so far',
            content: json(ref('CostSummary')),
          },
          ...errors,
        },
      },
    },
    '/cost/series': {
      get: {
        operationId: 'GetCostSeries',
        parameters: [
          ...costQuery,
          {
            name: 'granularity',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['day'] },
          },
        ],
        responses: {
          '200': {
            description: 'Cost per group and UTC day, with the rates used',
            content: json(ref('CostSeries')),
          },
          ...errors,
        },
      },
    },
    '/cost/export.csv': {
      get: {
        operationId: 'ExportCostCsv',
        parameters: costQuery,
        responses: {
          '200': {
            description:
              'The summary rows as CSV (key,currency,total,compute,storage,database,idle,savings)',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...errors,
        },
      },
    },
    '/health': {
      get: {
        operationId: 'Health',
        responses: {
          '200': { description: 'Healthy', content: json({ type: 'object' }) },
        },
      },
    },
  },
} as const;
