import type { EnvironmentsService } from '@greenroom/plugin-environments-node';

const ATTENTION = [
  {
    item: 'secret:STRIPE_KEY',
    reason: 'secrets are not copied: set a value for the clone',
  },
];

/** A double of our own client interface, recording what the actions ask for. */
export function fakeEnvironments(finalStatus = 'succeeded') {
  const calls: Array<{ method: string; args: any[] }> = [];
  const operation = (type: string, status = 'queued') => ({
    id: `op-${type}`,
    environmentId: 'env-1',
    type,
    status,
    steps: [{ name: 'apply', status }],
    requestedBy: 'user:default/mock',
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
  });
  const environments: EnvironmentsService = {
    listEnvironments: async () => ({ items: [], totalCount: 0 }),
    getEnvironment: async () => undefined,
    createEnvironment: async (...args) => {
      calls.push({ method: 'createEnvironment', args });
      return { operation: operation('create') as any };
    },
    updateEnvironment: async (...args) => {
      calls.push({ method: 'updateEnvironment', args });
      return { environment: {} as any };
    },
    lifecycle: async (...args) => {
      calls.push({ method: 'lifecycle', args });
      return { operation: operation(args[1]) as any };
    },
    cloneEnvironment: (async (...args: any[]) => {
      calls.push({ method: 'cloneEnvironment', args });
      if (args[1].dryRun) {
        return {
          input: { name: args[1].name },
          attention: ATTENTION,
          data: [],
          diff: [
            {
              kind: 'changed',
              path: 'variables.GR_DB_HOST',
              from: 'db-staging',
              to: `db-${args[1].name}`,
            },
            {
              kind: 'attention',
              path: 'variables.STRIPE_KEY',
              reason: 'secrets are not copied',
            },
          ],
        };
      }
      return {
        operation: operation('clone'),
        environment: { name: args[1].name, attention: ATTENTION },
      };
    }) as any,
    getOperation: async id =>
      operation(id.replace('op-', ''), finalStatus) as any,
  };
  return { environments, calls, attention: ATTENTION };
}
