// The REST API of the environments plugin, OpenAPI 3.1: the one contract of
// the backend's router, the frontend's client and the backend modules'
// client. Their types are generated from it (`yarn generate` in this package
// writes openapi.generated.ts). Request bodies are described loosely: the
// zod schemas of this package validate them in full, with messages that name
// the field. Answers are described exactly, from the same zod schemas.

import { z } from 'zod';
import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '../constants';
import { COST_GROUP_BYS } from '../cost/summarize';
import { wireSchemas } from './wireSchemas';

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

const query = (
  parameter: string,
  schema: object,
  description?: string,
) =>
  ({
    name: parameter,
    in: 'query',
    required: false,
    ...(description ? { description } : {}),
    schema,
  } as const);

const costQuery = [
  query(
    'groupBy',
    { type: 'string', enum: COST_GROUP_BYS },
    'What rows group by; default environment',
  ),
  query(
    'from',
    { type: 'string', maxLength: 40 },
    'Start of the window (ISO 8601, inclusive); default the start of the current UTC month',
  ),
  query(
    'to',
    { type: 'string', maxLength: 40 },
    'End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now',
  ),
  query(
    'owner',
    { type: 'string', maxLength: 255 },
    'Only environments owned by this group (entity ref)',
  ),
  query(
    'system',
    { type: 'string', maxLength: 255 },
    'Only environments of this system (entity ref)',
  ),
  query(
    'mode',
    { type: 'string', enum: ENVIRONMENT_MODES },
    'Only environments of this mode',
  ),
  query(
    'environment',
    { type: 'string', maxLength: 40 },
    'Only this environment (name)',
  ),
];

const json = (schema: object) => ({ 'application/json': { schema } } as const);
const ref = (schemaName: string) =>
  ({ $ref: `#/components/schemas/${schemaName}` } as const);
const answer = (description: string, schemaName: string) => ({
  description,
  content: json(ref(schemaName)),
});
const body = (schema: object) =>
  ({ required: true, content: json(schema) } as const);

const errors = {
  '400': answer(
    'Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit',
    'Error',
  ),
  '401': answer('No or invalid credentials', 'Error'),
  '403': answer(
    'Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names',
    'Error',
  ),
  '404': answer('Not found', 'Error'),
  '409': answer(
    'Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend',
    'Error',
  ),
};
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
    content: json(ref('Accepted')),
  },
  ...errors,
  '422': answer(
    'The Idempotency-Key was already used for a different request',
    'Error',
  ),
};

/** JSON Schemas of the answers, from the zod schemas, `$ref`ing each other. */
function answerSchemas(): Record<string, object> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(wireSchemas)) {
    registry.add(schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    uri: id => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema, $id, ...schema }]) => [
      id,
      schema,
    ]),
  );
}

/**
 * The OpenAPI document of the environments REST API, served at
 * `/api/environments/openapi.json`.
 *
 * @public
 */
export const environmentsApiSpec = {
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
          request: {
            type: 'object',
            properties: {
              method: { type: 'string' },
              url: { type: 'string' },
            },
          },
          response: {
            type: 'object',
            properties: { statusCode: { type: 'integer' } },
            required: ['statusCode'],
          },
        },
        required: ['error', 'response'],
      },
      EnvironmentInput: {
        type: 'object',
        description:
          'See environmentInputSchema of @greenroom/plugin-environments-common: name, title?, system, owner, mode, runtime?, services[], variables[], policy?, ttl? (short for policy.ttl), expiresAt?. The owner must be the caller or one of their groups unless the caller holds environments.admin; production needs environments.environment.production; a mode with a maximum lifetime always gets an expiry.',
        required: ['name', 'system', 'owner', 'mode'],
        additionalProperties: true,
      },
      EnvironmentPatch: {
        type: 'object',
        description:
          'title, system, owner, services, policy, expiresAt. The update must be allowed for the environment as it is and as it would be after the change; a new owner must be the caller or one of their groups unless the caller holds environments.admin; expiresAt (set or null) also needs environments.environment.delete, and null is refused for a mode with a maximum lifetime. Services may be sent back as read: a set secret `{ isSet: true }` keeps its stored value.',
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
      VariableInput: {
        type: 'object',
        description:
          '`{ kind: value | secret, value }` or `{ kind: alias, aliasOf }`',
        required: ['kind'],
        additionalProperties: true,
      },
      ...answerSchemas(),
    },
  },
  paths: {
    '/environments': {
      get: {
        operationId: 'ListEnvironments',
        parameters: [
          query('limit', {
            type: 'integer',
            minimum: 1,
            maximum: 1000,
            default: 50,
          }),
          query('offset', { type: 'integer', minimum: 0, default: 0 }),
          query('system', { type: 'string' }),
          query('owner', { type: 'string' }),
          query('component', { type: 'string' }),
          query('mode', { type: 'string', enum: ENVIRONMENT_MODES }),
          query('status', { type: 'string', enum: ENVIRONMENT_STATUSES }),
          query('q', { type: 'string', maxLength: 200 }),
          query('sort', {
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
          }),
        ],
        responses: {
          '200': {
            description: 'A page of environments',
            content: json({
              type: 'object',
              properties: {
                items: { type: 'array', items: ref('Environment') },
                totalCount: {
                  type: 'integer',
                  description: 'How many match, across all pages',
                },
              },
              required: ['items', 'totalCount'],
              additionalProperties: false,
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
          '200': answer('The environment', 'Environment'),
          ...errors,
        },
      },
      patch: {
        operationId: 'UpdateEnvironment',
        parameters: [name, ifMatch, idempotencyKey],
        requestBody: body(ref('EnvironmentPatch')),
        responses: {
          '200': answer('Updated; nothing to deploy', 'Environment'),
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
          '200': answer(
            'With dryRun: the plan; nothing is stored',
            'ClonePlan',
          ),
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
            parameters: { type: 'object', additionalProperties: true },
            dryRun: { type: 'boolean' },
          },
        }),
        responses: {
          '200': {
            description:
              'With dryRun: the rendered service (secrets as isSet); nothing is stored',
            content: json({
              type: 'object',
              properties: { service: ref('Service') },
              required: ['service'],
              additionalProperties: false,
            }),
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
            content: json({
              type: 'object',
              properties: {
                items: { type: 'array', items: ref('TemplateUpgrade') },
              },
              required: ['items'],
              additionalProperties: false,
            }),
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
          '200': answer(
            'With dryRun: what the upgrade changes',
            'ServiceUpgradePlan',
          ),
          ...accepted,
        },
      },
    },
    '/templates': {
      get: {
        operationId: 'ListServiceTemplates',
        parameters: [
          query('q', { type: 'string', maxLength: 255 }),
          query('type', { type: 'string', enum: SERVICE_TEMPLATE_TYPES }),
          query('engine', { type: 'string', maxLength: 255 }),
          query('lifecycle', {
            type: 'string',
            enum: SERVICE_TEMPLATE_LIFECYCLES,
          }),
          query('owner', { type: 'string', maxLength: 255 }),
        ],
        responses: {
          '200': {
            description: 'ServiceTemplates of the catalog, by title',
            content: json({
              type: 'object',
              properties: {
                items: {
                  type: 'array',
                  items: ref('ServiceTemplateSummary'),
                },
              },
              required: ['items'],
              additionalProperties: false,
            }),
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
          '200': answer(
            'A template with its versions (newest first) and usage',
            'ServiceTemplateDetails',
          ),
          ...errors,
        },
      },
    },
    '/environments/{name}/plan': {
      get: {
        operationId: 'PlanEnvironment',
        parameters: [name],
        responses: {
          '200': answer('What the runtime would change', 'RuntimePlan'),
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
              additionalProperties: false,
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
          '200': answer('The environment', 'Environment'),
          ...errors,
        },
      },
      delete: {
        operationId: 'DeleteVariable',
        parameters: [name, key, ifMatch],
        responses: {
          '200': answer('The environment', 'Environment'),
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
          '200': answer('The environment', 'Environment'),
          ...errors,
        },
      },
      delete: {
        operationId: 'DeleteServiceVariable',
        parameters: [name, service, key, ifMatch],
        responses: {
          '200': answer('The environment', 'Environment'),
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
          '200': answer('The operation', 'Operation'),
          ...errors,
        },
      },
    },
    '/cost/summary': {
      get: {
        operationId: 'GetCostSummary',
        parameters: costQuery,
        responses: {
          '200': answer(
            'Cost per group over the window, with the rates used; projectedMonth when the window is the current month so far',
            'CostSummary',
          ),
          ...errors,
        },
      },
    },
    '/cost/series': {
      get: {
        operationId: 'GetCostSeries',
        parameters: [
          ...costQuery,
          query('granularity', { type: 'string', enum: ['day'] }),
        ],
        responses: {
          '200': answer(
            'Cost per group and UTC day, with the rates used',
            'CostSeries',
          ),
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
        responses: { '200': answer('Healthy', 'Health') },
      },
    },
  },
} as const;
