import { formatZodError } from '../zodErrors';
import { operationSchema } from './operation';

const operation = {
  id: 'op-1',
  environmentId: 'env-1',
  type: 'clone',
  status: 'running',
  steps: [
    {
      name: 'copy services',
      status: 'succeeded',
      startedAt: '2025-03-01T10:00:00Z',
      finishedAt: '2025-03-01T10:00:05Z',
    },
    {
      name: 'provision databases',
      status: 'running',
      startedAt: '2025-03-01T10:00:05Z',
    },
    { name: 'start', status: 'queued' },
  ],
  idempotencyKey: 'c0ffee',
  requestedBy: 'user:default/guest',
  createdAt: '2025-03-01T10:00:00Z',
  updatedAt: '2025-03-01T10:00:05Z',
};

describe('operationSchema', () => {
  it('accepts an operation', () => {
    expect(operationSchema.parse(operation)).toEqual(operation);
  });

  it('accepts a failed operation with its error', () => {
    expect(
      operationSchema.parse({
        ...operation,
        status: 'failed',
        error: 'quota exceeded',
      }).error,
    ).toBe('quota exceeded');
  });

  it('names bad fields', () => {
    const result = operationSchema.safeParse({
      ...operation,
      type: 'restart',
      steps: [{ name: 'x', status: 'done' }],
    });
    expect(formatZodError(result.error!)).toBe(
      'type: must be one of create, clone, update, stop, start, destroy, extend; steps[0].status: must be one of queued, running, succeeded, failed, cancelled',
    );
  });
});
