import { z } from 'zod';
import { OPERATION_STATUSES, OPERATION_TYPES } from '../constants';
import { timestampSchema, typeError } from './common';

const statusSchema = z.enum(OPERATION_STATUSES, {
  error: typeError(`must be one of ${OPERATION_STATUSES.join(', ')}`),
});

/** @public */
export const operationStepSchema = z.object({
  name: z.string().min(1, { error: 'must not be empty' }),
  status: statusSchema,
  startedAt: timestampSchema.optional(),
  finishedAt: timestampSchema.optional(),
  message: z.string().optional(),
});
/** @public */
export type OperationStep = z.infer<typeof operationStepSchema>;

/**
 * Every change to an environment is an operation, answered with `202` by
 * mutating endpoints. The same idempotency key returns the same operation.
 *
 * @public
 */
export const operationSchema = z.object({
  id: z.string().min(1, { error: 'must not be empty' }),
  environmentId: z.string().min(1, { error: 'must not be empty' }),
  type: z.enum(OPERATION_TYPES, {
    error: typeError(`must be one of ${OPERATION_TYPES.join(', ')}`),
  }),
  status: statusSchema,
  steps: z.array(operationStepSchema),
  idempotencyKey: z.string().min(1).max(255).optional(),
  requestedBy: z.string().min(1, { error: 'must not be empty' }),
  /** What went wrong, for a failed operation. */
  error: z.string().optional(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** @public */
export type Operation = z.infer<typeof operationSchema>;
