import type { EnvironmentsService } from '@greenroom/plugin-environments-node';

const ATTENTION = [
  {
    item: 'secret:STRIPE_KEY',
    reason: 'secrets are not copied: set a value for the clone',
  },
];

/** The base environment previews and clones start from. */
export const STAGING = {
  name: 'staging',
  mode: 'staging',
  status: 'running',
  services: [
    {
      name: 'storefront',
      kind: 'application',
      componentRef: 'component:default/storefront',
      image: { repository: 'ghcr.io/example/storefront', tag: '1.8.2' },
      git: { repository: 'example/storefront', branch: 'main' },
    },
    {
      name: 'orders-api',
      kind: 'application',
      componentRef: 'component:default/orders-api',
      image: { repository: 'ghcr.io/example/orders-api', tag: '2.4.0' },
    },
  ],
};

/**
 * A double of our own client interface, recording what the actions ask for.
 * It keeps environments in memory (`staging` and `existing`): clones and
 * updates change them, so an action that runs twice sees its first run.
 */
export function fakeEnvironments(
  finalStatus = 'succeeded',
  existing: Array<Record<string, any>> = [],
) {
  const store = new Map<string, any>(
    [STAGING, ...existing].map(env => [env.name, structuredClone(env)]),
  );
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
    getEnvironment: async name => structuredClone(store.get(name)),
    createEnvironment: async (...args) => {
      calls.push({ method: 'createEnvironment', args });
      return { operation: operation('create') as any };
    },
    updateEnvironment: async (...args) => {
      calls.push({ method: 'updateEnvironment', args });
      const [name, patch] = args;
      const environment = { ...store.get(name), ...patch };
      store.set(name, environment);
      return {
        environment,
        operation: patch.services ? (operation('update') as any) : undefined,
      };
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
      const [source, { name, mode, ttl, pullRequest, services }] = args;
      const from = store.get(source);
      if (!from) throw new Error(`Environment ${source} not found`);
      if (store.has(name)) throw new Error(`Environment ${name} exists`);
      const environment = {
        ...structuredClone(from),
        name,
        mode,
        ttl,
        origin: pullRequest
          ? { type: 'preview', pullRequest }
          : { type: 'clone' },
        services: from.services.filter(
          (s: any) => !services || services.includes(s.name),
        ),
        attention: ATTENTION,
      };
      store.set(name, environment);
      return { operation: operation('clone'), environment };
    }) as any,
    getOperation: async id =>
      operation(id.replace('op-', ''), finalStatus) as any,
  };
  return { environments, calls, store, attention: ATTENTION };
}
