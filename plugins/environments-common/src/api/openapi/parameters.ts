import { ENVIRONMENT_MODES } from '../../constants';
import { COST_GROUP_BYS } from '../../cost/summarize';

// Parameters the paths of the spec share.

export const name = {
  name: 'name',
  in: 'path',
  required: true,
  description: 'Environment name',
  schema: { type: 'string', maxLength: 40 },
} as const;
export const service = {
  name: 'service',
  in: 'path',
  required: true,
  schema: { type: 'string', maxLength: 22 },
} as const;
export const key = {
  name: 'key',
  in: 'path',
  required: true,
  schema: { type: 'string', maxLength: 255 },
} as const;
export const ifMatch = {
  name: 'if-match',
  in: 'header',
  required: false,
  description: 'Expected revision; a stale one is answered with 409',
  schema: { type: 'string' },
} as const;
export const idempotencyKey = {
  name: 'idempotency-key',
  in: 'header',
  required: false,
  description:
    'The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422',
  schema: { type: 'string', maxLength: 255 },
} as const;

export const query = (
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

export const costQuery = [
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
