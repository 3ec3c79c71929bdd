import { z } from 'zod';
import { wireSchemas } from '../wireSchemas';

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
 * The spec's component schemas: the error, request bodies described loosely
 * (the zod schemas validate them in full), and the answers.
 */
export const componentSchemas = {
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
      dataPolicy: {
        description:
          "empty (default) | snapshot | seed | copy: copy moves the source's PostgreSQL or MySQL data through the service's data rules (a copy out of production needs a rule for every sensitive column)",
      },
      data: {
        description:
          '{ <database service>: { policy?, seed? } }: per database, its own data policy over dataPolicy, and the seed ({ sql } or { image, command }) to run for seed',
      },
      services: {
        description: 'Names of the services to clone; all when omitted',
      },
      baseline: {
        description:
          "{ databases?: clone | share }: share the services left out of `services` with the source (they keep resolving to the source's hosts) instead of dropping them; databases are cloned unless `share`, when the clone's writes reach the source's",
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
} as const;
