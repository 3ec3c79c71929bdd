import {
  ServiceTemplateEntityV1alpha1,
  renderServiceFromTemplate,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

/** The platform's example ServiceTemplates, which the demo's catalog holds. */
export const SERVICE_TEMPLATES_DIR = path.resolve(
  __dirname,
  '../../../../../examples/service-templates',
);

function loadServiceTemplate(
  ref: string,
): ServiceTemplateEntityV1alpha1 | undefined {
  const match = /^servicetemplate:default\/([a-z0-9-]+)$/.exec(ref);
  const file = match && path.join(SERVICE_TEMPLATES_DIR, `${match[1]}.yaml`);
  return file && fs.existsSync(file)
    ? yaml.parse(fs.readFileSync(file, 'utf8'))
    : undefined;
}

/** What `ResponseError.fromResponse` makes of a backend error answer. */
export function responseError(
  statusCode: number,
  name: string,
  message: string,
) {
  return Object.assign(new Error(`Request failed with ${statusCode}`), {
    name: 'ResponseError',
    statusCode,
    cause: { name, message },
  });
}

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
    // As the backend does: 404 for an unknown environment or template, the
    // same rendering and checks as the UI (renderServiceFromTemplate), 400
    // naming the field.
    addService: (async (...args: any[]) => {
      calls.push({ method: 'addService', args });
      const [environmentName, { template, name, parameters, dryRun }] = args;
      const environment = store.get(environmentName);
      if (!environment) {
        throw responseError(
          404,
          'NotFoundError',
          `Environment ${environmentName} not found`,
        );
      }
      const entity = loadServiceTemplate(template);
      if (!entity) {
        throw responseError(
          404,
          'NotFoundError',
          `template: no ServiceTemplate ${template}`,
        );
      }
      if (environment.services.some((s: any) => s.name === name)) {
        throw responseError(
          400,
          'InputError',
          `name: a service named "${name}" already exists`,
        );
      }
      let service: any;
      try {
        service = renderServiceFromTemplate(entity, {
          name,
          parameters,
        }).service;
      } catch (error) {
        throw responseError(
          400,
          'InputError',
          (error as Error).message.replace(/^template [^:]+: /, ''),
        );
      }
      if (dryRun) return { service };
      environment.services.push(service);
      return { environment, operation: operation('update') };
    }) as any,
    getOperation: async id =>
      operation(id.replace('op-', ''), finalStatus) as any,
  };
  return { environments, calls, store, attention: ATTENTION };
}
