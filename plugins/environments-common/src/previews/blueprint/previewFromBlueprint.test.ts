import { cloneRequestSchema } from '../../clone/cloneRequest';
import { planClone } from '../../clone/planClone';
import {
  testEnvironment,
  testService,
} from '../../clone/__testUtils__/fixtures';
import {
  type PreviewBlueprintInput,
  previewBlueprintSchema,
} from './previewBlueprintSchema';
import { previewFromBlueprint } from './previewFromBlueprint';

const staging = testEnvironment('staging', {
  services: [
    testService('storefront', 'application'),
    testService('orders-api', 'application'),
    testService('orders-db', 'database', {
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    }),
  ],
});

function blueprint(spec: PreviewBlueprintInput['spec']) {
  return previewBlueprintSchema.parse({
    apiVersion: 'greenroom.dev/v1alpha1',
    kind: 'PreviewBlueprint',
    spec,
  });
}

function plan(
  spec: PreviewBlueprintInput['spec'] | undefined,
  componentServices = ['storefront'],
) {
  return previewFromBlueprint({
    blueprint: spec === undefined ? undefined : blueprint(spec),
    base: staging,
    componentServices,
    name: 'pr-example-storefront-7',
    ttlDefault: '3d',
  });
}

const defaultClone = {
  name: 'pr-example-storefront-7',
  mode: 'preview',
  services: ['storefront'],
  baseline: { databases: 'clone' },
  ttl: '3d',
};

describe('previewFromBlueprint', () => {
  it.each([
    [
      'no blueprint: the component’s services, the rest shared',
      undefined,
      defaultClone,
    ],
    ['an empty spec: the same default', {}, defaultClone],
    [
      'services and shared databases',
      { services: ['orders-api', 'storefront'], share: { databases: 'share' } },
      {
        ...defaultClone,
        services: ['orders-api', 'storefront'],
        baseline: { databases: 'share' },
      },
    ],
    [
      'share: false clones the whole base',
      { share: false },
      { name: defaultClone.name, mode: 'preview', ttl: '3d' },
    ],
    [
      'its own ttl and data policy',
      { ttl: '12h', dataPolicy: 'seed' },
      { ...defaultClone, ttl: '12h', dataPolicy: 'seed' },
    ],
    [
      'a seed per database',
      {
        dataPolicy: 'copy',
        data: { 'orders-db': { policy: 'seed', seed: { sql: 'select 1' } } },
      },
      {
        ...defaultClone,
        dataPolicy: 'copy',
        data: { 'orders-db': { policy: 'seed', seed: { sql: 'select 1' } } },
      },
    ],
    [
      'the base it names, when it is the base',
      { base: 'staging' },
      defaultClone,
    ],
  ] as const)('%s', (_, spec, clone) => {
    const result = plan(spec as PreviewBlueprintInput['spec']);
    expect(result.errors).toEqual([]);
    expect(result.clone).toEqual(clone);
    // What the caller sends is a valid clone request.
    expect(
      cloneRequestSchema.safeParse({ ...result.clone, pullRequest: undefined })
        .success,
    ).toBe(true);
  });

  it('gives the additions and plain variables', () => {
    const result = plan({
      add: [
        {
          name: 'cache',
          template: 'redis@1.3.0',
          parameters: { maxMemory: '256mb' },
        },
        { name: 'queue', template: 'servicetemplate:default/rabbitmq' },
      ],
      variables: { FEATURE_X: 'on' },
    });
    expect(result.errors).toEqual([]);
    expect(result.additions).toEqual([
      {
        name: 'cache',
        template: 'servicetemplate:default/redis',
        version: '1.3.0',
        parameters: { maxMemory: '256mb' },
      },
      {
        name: 'queue',
        template: 'servicetemplate:default/rabbitmq',
        parameters: {},
      },
    ]);
    expect(result.clone.variables).toEqual([
      { key: 'FEATURE_X', kind: 'value', value: 'on' },
    ]);
  });

  it.each([
    [
      'a service the base does not have',
      { services: ['storefront', 'search'] },
      ['storefront'],
      {
        field: 'spec.services[1]',
        message: 'staging has no service named search',
        fix: 'list services of staging: storefront, orders-api, orders-db',
      },
    ],
    [
      'a blueprint without services when no service of the base runs the component',
      { ttl: '1d' },
      ['payments-worker'],
      {
        field: 'spec.services',
        message: "no service of staging runs the repository's Component",
        fix: expect.stringContaining('list the services the preview deploys'),
      },
    ],
    [
      'an added service named like one of the base',
      { add: [{ name: 'orders-db', template: 'postgresql' }] },
      ['storefront'],
      {
        field: 'spec.add[0].name',
        message: 'staging already has a service named orders-db',
        fix: expect.stringContaining('choose another name'),
      },
    ],
    [
      'another base than the one the preview is made from',
      { base: 'qa' },
      ['storefront'],
      {
        field: 'spec.base',
        message: 'is qa, but the preview is being made from staging',
        fix: expect.stringContaining('greenroom.dev/preview-base'),
      },
    ],
    [
      'services together with share: false',
      { services: ['storefront'], share: false },
      ['storefront'],
      {
        field: 'spec.share',
        message: expect.stringContaining('spec.services has no effect'),
        fix: expect.any(String),
      },
    ],
  ] as const)('refuses %s, naming the field', (_, spec, components, error) => {
    expect(
      plan(spec as PreviewBlueprintInput['spec'], [...components]).errors,
    ).toEqual([error]);
  });

  it('clones the whole base without a blueprint when no service of it runs the component', () => {
    const { clone, errors } = plan(undefined, ['payments-worker']);
    expect(errors).toEqual([]);
    expect(clone.services).toBeUndefined();
    expect(clone.baseline).toBeUndefined();
  });

  it('plans a clone that deploys only the changed service and shares the rest', () => {
    const { clone } = plan({ services: ['storefront'] });
    const cloned = planClone(staging, cloneRequestSchema.parse(clone));
    expect(cloned.input.services.map(s => s.name)).toEqual([
      'storefront',
      'orders-db',
    ]);
    expect(cloned.baseline).toMatchObject({
      environment: 'staging',
      databases: 'clone',
    });
    expect(
      cloned.diff.filter(d => d.kind === 'shared').map(d => d.path),
    ).toEqual(['services.orders-api']);
  });
});
