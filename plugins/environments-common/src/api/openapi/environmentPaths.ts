import { ENVIRONMENT_MODES, ENVIRONMENT_STATUSES } from '../../constants';
import {
  name,
  service,
  key,
  ifMatch,
  idempotencyKey,
  query,
} from './parameters';
import { json, ref, answer, body, errors, accepted } from './responses';

const SHARED_BASE =
  "409 naming them when other environments share this one's services (their baseline), unless forced";

/** Environments: list, create, read, update, lifecycle, clone, activity, plan, variables. */
export const environmentPaths = {
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
      description: SHARED_BASE,
      parameters: [
        name,
        ifMatch,
        idempotencyKey,
        query(
          'force',
          { type: 'string', enum: ['true', 'false'] },
          'true: destroy even though other environments share it',
        ),
      ],
      responses: accepted,
    },
  },
  '/environments/{name}/stop': {
    post: {
      operationId: 'StopEnvironment',
      description: SHARED_BASE,
      parameters: [name, ifMatch, idempotencyKey],
      requestBody: {
        required: false,
        content: json({
          type: 'object',
          properties: {
            force: {
              type: 'boolean',
              description: 'Stop even though other environments share it',
            },
          },
        }),
      },
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
  '/environments/{name}/reapply': {
    post: {
      operationId: 'ReapplyEnvironment',
      description:
        'Applies the environment again as it is stored (an update operation with no change): repairs drift, objects deleted or changed out of band. Needs environments.environment.update; 409 unless it is meant to run.',
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
        '200': answer('With dryRun: the plan; nothing is stored', 'ClonePlan'),
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
} as const;
