import {
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '../../constants';
import { name, service, idempotencyKey, query } from './parameters';
import { json, ref, answer, body, errors, accepted } from './responses';

/** Service templates, and adding or upgrading an environment's service from one. */
export const templatePaths = {
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
} as const;
