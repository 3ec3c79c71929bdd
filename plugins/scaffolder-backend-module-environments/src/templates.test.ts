import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { fakeEnvironments } from './actions/__testUtils__/fakeEnvironments';
import { createEnvironmentCloneAction } from './actions/cloneEnvironment';
import { createEnvironmentCreateAction } from './actions/createEnvironment';
import { createEnvironmentLifecycleAction } from './actions/lifecycle';
import { createEnvironmentPreviewAction } from './actions/previewEnvironment';

// The example scaffolder templates run against this module's actions, so a
// template that drifts from an action's schema fails CI.

const TEMPLATES_DIR = path.resolve(__dirname, '../../../examples/templates');
const BUILT_IN_ACTIONS = ['catalog:fetch'];

function actionsOf(environments: ReturnType<typeof fakeEnvironments>) {
  return [
    createEnvironmentCreateAction(environments),
    createEnvironmentCloneAction(environments),
    createEnvironmentPreviewAction(environments),
    ...(['stop', 'start', 'destroy'] as const).map(verb =>
      createEnvironmentLifecycleAction(verb, environments),
    ),
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
function render(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(render);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v)]),
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
      .reduce((obj: any, key) => obj?.[key], context);
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
  it('holds the clone and the component templates', () => {
    expect(templates.map(t => t.file).sort()).toEqual([
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
      const properties = Object.assign(
        {},
        ...template.spec.parameters.map((p: any) => p.properties),
      );
      for (const key of Object.keys(properties)) {
        expect(context.parameters).toHaveProperty(key);
      }
    },
  );

  it.each(templates)(
    '$file runs each environment step against the actions',
    async ({ template }) => {
      const known = actionsOf(fakeEnvironments()).map(a => a.id);
      let ran = 0;
      for (const step of template.spec.steps) {
        expect([...known, ...BUILT_IN_ACTIONS]).toContain(step.action);
        if (!step.action.startsWith('environment:')) continue;
        const fake = fakeEnvironments();
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
          'name',
          context.parameters.name,
        );
        ran++;
      }
      expect(ran).toBeGreaterThan(0);
    },
  );
});
