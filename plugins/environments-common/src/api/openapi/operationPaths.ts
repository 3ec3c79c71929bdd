import { name } from './parameters';
import { json, ref, answer, errors } from './responses';

/** Operations: an environment's timeline, and one operation by id. */
export const operationPaths = {
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
} as const;
