// Request bodies and answers the paths of the spec share.

export const json = (schema: object) =>
  ({ 'application/json': { schema } } as const);
export const ref = (schemaName: string) =>
  ({ $ref: `#/components/schemas/${schemaName}` } as const);
export const answer = (description: string, schemaName: string) => ({
  description,
  content: json(ref(schemaName)),
});
export const body = (schema: object) =>
  ({ required: true, content: json(schema) } as const);

export const errors = {
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
export const accepted = {
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
