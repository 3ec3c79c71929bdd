import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import {
  SERVICE_TEMPLATES_DIR,
  inMemoryEnvironments,
} from './actions/__testUtils__/inMemoryEnvironments';
import { createEnvironmentAddServiceAction } from './actions/addService';
import { createEnvironmentCloneAction } from './actions/cloneEnvironment';
import { createEnvironmentCreateAction } from './actions/createEnvironment';
import { createEnvironmentLifecycleAction } from './actions/lifecycle';
import { createEnvironmentPreviewAction } from './actions/previewEnvironment';

// The example scaffolder templates run against this module's actions, so a
// template that drifts from an action's schema fails CI.

const TEMPLATES_DIR = path.resolve(__dirname, '../../../examples/templates');
const BUILT_IN_ACTIONS = ['catalog:fetch'];

function actionsOf(environments: EnvironmentsService) {
  return [
    createEnvironmentCreateAction({ environments }),
    createEnvironmentCloneAction({ environments }),
    createEnvironmentPreviewAction({ environments }),
    ...(['stop', 'start', 'destroy'] as const).map(verb =>
      createEnvironmentLifecycleAction(verb, { environments }),
    ),
    createEnvironmentAddServiceAction({ environments }),
  ];
}

/** What a user would pick in the forms, and what the built-in steps answer. */
const context = {
  parameters: {
    source: 'environment:default/staging',
    component: 'component:default/orders-api',
    name: 'dev-ada',
    mode: 'development',
    ttl: '3d',
    dataPolicy: 'snapshot',
    idleAfter: '2h',
    environment: 'environment:default/staging',
    serviceName: 'orders-db',
    engine: 'postgresql',
    version: '16',
    storage: 20,
  },
  steps: {
    fetch: {
      output: {
        entity: {
          kind: 'Component',
          metadata: { name: 'orders-api', namespace: 'default' },
          spec: { type: 'service', owner: 'team-shop', system: 'shop' },
        },
      },
    },
  },
};

const FILTERS: Record<string, (value: any, arg?: string) => any> = {
  parseEntityRef: (ref: string) => {
    const [, kind, namespace = 'default', name] =
      /^([^:]+):(?:([^/]+)\/)?(.+)$/.exec(ref)!;
    return { kind, namespace, name };
  },
  pick: (value: any, key?: string) => value[key!],
};

/**
 * Renders `${{ path | filter('arg') }}` the way the scaffolder does for the
 * plain lookups and filters the templates use; undefined for anything else.
 */
function render(value: unknown, scope: object = context): unknown {
  if (Array.isArray(value)) return value.map(v => render(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v, scope)]),
    );
  }
  if (typeof value !== 'string' || !value.includes('${{')) return value;
  const whole = /^\$\{\{([^}]*)\}\}$/.exec(value.trim());
  const evaluate = (expression: string) => {
    const [lookup, ...filters] = expression.split('|').map(s => s.trim());
    if (!/^[a-z]+(\.\w+|\['\w+'\])*$/i.test(lookup)) {
      throw new Error(`unsupported expression: ${expression}`);
    }
    let result: any = lookup
      .split(/\.|\['|'\]/)
      .filter(Boolean)
      .reduce((obj: any, key) => obj?.[key], scope);
    for (const filter of filters) {
      const [, fn, arg] = /^(\w+)(?:\('([^']*)'\))?$/.exec(filter) ?? [];
      if (!FILTERS[fn]) throw new Error(`unsupported filter: ${filter}`);
      result = FILTERS[fn](result, arg);
    }
    if (result === undefined) throw new Error(`${lookup} is undefined`);
    return result;
  };
  return whole
    ? evaluate(whole[1])
    : value.replace(/\$\{\{([^}]*)\}\}/g, (_, e) => String(evaluate(e)));
}

/** A step's `if: ${{ path === 'value' }}` (or `!==`); true without one. */
function runsStep(step: { if?: string }, scope: object = context): boolean {
  if (step.if === undefined) return true;
  const match = /^\$\{\{\s*([\w.]+)\s*(===|!==)\s*'([^']*)'\s*\}\}$/.exec(
    step.if,
  );
  if (!match) throw new Error(`unsupported condition: ${step.if}`);
  const value = match[1]
    .split('.')
    .reduce((obj: any, key) => obj?.[key], scope);
  return (value === match[3]) === (match[2] === '===');
}

/** What each action outputs for the context above. */
const EXPECTED_OUTPUT: Record<string, [string, unknown]> = {
  'environment:add-service': ['serviceName', context.parameters.serviceName],
};

/** Every form field of a template: each page's properties and those of its dependencies. */
function formFields(template: any): string[] {
  return template.spec.parameters.flatMap((page: any) => [
    ...Object.keys(page.properties ?? {}),
    ...Object.values(page.dependencies ?? {}).flatMap((dependency: any) =>
      (dependency.oneOf ?? []).flatMap((branch: any) =>
        Object.keys(branch.properties ?? {}),
      ),
    ),
  ]);
}

const templates = fs
  .readdirSync(TEMPLATES_DIR)
  .filter(file => file.endsWith('.yaml'))
  .map(file => ({
    file,
    template: yaml.parse(
      fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'),
    ),
  }));

describe('examples/templates', () => {
  it('holds the clone, component and add-database templates', () => {
    expect(templates.map(t => t.file).sort()).toEqual([
      'add-database.yaml',
      'clone-environment.yaml',
      'component-dev-environment.yaml',
    ]);
  });

  it.each(templates)(
    '$file is a Template of the platform team',
    ({ template }) => {
      expect(template).toMatchObject({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        spec: { owner: 'group:default/platform' },
      });
      for (const key of formFields(template)) {
        expect(context.parameters).toHaveProperty(key);
      }
    },
  );

  it.each(templates)(
    '$file runs each environment step against the actions',
    async ({ template }) => {
      const known = actionsOf(inMemoryEnvironments()).map(a => a.id);
      let ran = 0;
      for (const step of template.spec.steps) {
        expect([...known, ...BUILT_IN_ACTIONS]).toContain(step.action);
        if (!step.action.startsWith('environment:') || !runsStep(step)) {
          continue;
        }
        const fake = inMemoryEnvironments();
        const action = actionsOf(fake).find(a => a.id === step.action)!;
        const input = render(step.input) as Record<string, any>;
        // The input's keys against the action's JSON schema: none unknown, none missing.
        const schema = action.schema?.input as any;
        expect(Object.keys(schema.properties)).toEqual(
          expect.arrayContaining(Object.keys(input)),
        );
        expect(Object.keys(input)).toEqual(
          expect.arrayContaining(schema.required ?? []),
        );
        const ctx = createMockActionContext({ input });
        await action.handler(ctx as any);
        expect(fake.calls.length).toBeGreaterThan(0);
        expect(ctx.output).toHaveBeenCalledWith(
          ...(EXPECTED_OUTPUT[step.action] ?? [
            'name',
            context.parameters.name,
          ]),
        );
        ran++;
      }
      expect(ran).toBeGreaterThan(0);
    },
  );

  describe('add-database.yaml', () => {
    const { template } = templates.find(t => t.file === 'add-database.yaml')!;
    const branches = template.spec.parameters[1].dependencies.engine.oneOf;

    it('offers each engine with the versions and defaults of its ServiceTemplate', () => {
      for (const branch of branches) {
        const engine = branch.properties.engine.enum[0];
        const serviceTemplate = yaml.parse(
          fs.readFileSync(
            path.join(SERVICE_TEMPLATES_DIR, `${engine}.yaml`),
            'utf8',
          ),
        );
        const { version } = serviceTemplate.spec.parameters.properties;
        expect(branch.properties.version.enum).toEqual(version.enum);
        expect(branch.properties.version.default).toBe(version.default);
        const storage =
          serviceTemplate.spec.parameters.properties[
            engine === 'redis' ? 'maxMemory' : 'storageGb'
          ];
        expect(branch.properties.storage).toMatchObject({
          type: storage.type,
          default: storage.default,
          ...(storage.enum ? { enum: storage.enum } : {}),
          ...(storage.minimum ? { minimum: storage.minimum } : {}),
          ...(storage.maximum ? { maximum: storage.maximum } : {}),
        });
      }
      expect(template.spec.parameters[1].properties.engine.enum).toEqual([
        'postgresql',
        'mysql',
        'mongodb',
        'redis',
      ]);
    });

    it.each<[string, any]>(
      branches.map((b: any) => [b.properties.engine.enum[0], b]),
    )(
      'adds a %s service rendered from its ServiceTemplate with the chosen version and storage',
      async (engine: string, branch: any) => {
        const version = branch.properties.version.enum[0]; // not the default
        const storage =
          branch.properties.storage.type === 'integer'
            ? branch.properties.storage.minimum
            : branch.properties.storage.enum[0];
        const scope = {
          ...context,
          parameters: {
            ...context.parameters,
            engine,
            version,
            storage,
            serviceName: 'store',
          },
        };
        const fake = inMemoryEnvironments();
        const steps = template.spec.steps.filter((step: any) =>
          runsStep(step, scope),
        );
        expect(steps).toHaveLength(1);
        const action = actionsOf(fake).find(a => a.id === steps[0].action)!;
        const input = render(steps[0].input, scope) as Record<string, any>;
        expect(input.template).toBe(`servicetemplate:default/${engine}`);
        const ctx = createMockActionContext({ input });
        await action.handler(ctx as any);

        const service = fake.environments
          .get('staging')!
          .services.find(s => s.name === 'store');
        expect(service).toMatchObject({
          kind: 'database',
          template: { ref: `servicetemplate:default/${engine}` },
          database: { engine, version },
        });
        // Redis: a memory limit; the others: a disk of `storage` GB.
        const sized =
          engine === 'redis'
            ? { resources: { memory: storage } }
            : {
                resources: { storage: `${storage}Gi` },
                database: { storageGb: storage },
              };
        expect(service).toMatchObject(sized);
        expect(ctx.output).toHaveBeenCalledWith(
          'environmentUrl',
          '/environments/staging',
        );
      },
    );
  });
});
