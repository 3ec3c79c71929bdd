import { parsePreviewBlueprint } from './parsePreviewBlueprint';

const HEAD = 'apiVersion: greenroom.dev/v1alpha1\nkind: PreviewBlueprint\n';

function errorsOf(text: string) {
  const result = parsePreviewBlueprint(text);
  if (!('errors' in result)) throw new Error('expected errors');
  return result.errors;
}

describe('parsePreviewBlueprint', () => {
  it('reads every field of the documented example', () => {
    const result = parsePreviewBlueprint(
      [
        HEAD,
        'spec:',
        '  base: staging',
        '  services: [storefront]',
        '  share: { databases: share }',
        '  add:',
        '    - name: cache',
        '      template: servicetemplate:default/redis@1.3.0',
        '      parameters: { maxMemory: 256mb }',
        '    - name: queue',
        '      template: rabbitmq',
        '  variables: { FEATURE_X: "on", RETRIES: 3, DEBUG: true }',
        '  ttl: 2d',
        '  dataPolicy: seed',
      ].join('\n'),
    );
    expect(result).toEqual({
      blueprint: {
        apiVersion: 'greenroom.dev/v1alpha1',
        kind: 'PreviewBlueprint',
        spec: {
          base: 'staging',
          services: ['storefront'],
          share: { databases: 'share' },
          add: [
            {
              name: 'cache',
              template: {
                ref: 'servicetemplate:default/redis',
                version: '1.3.0',
              },
              parameters: { maxMemory: '256mb' },
            },
            {
              name: 'queue',
              template: { ref: 'servicetemplate:default/rabbitmq' },
              parameters: {},
            },
          ],
          variables: { FEATURE_X: 'on', RETRIES: '3', DEBUG: 'true' },
          ttl: '2d',
          dataPolicy: 'seed',
        },
      },
    });
  });

  it('fills in the defaults: share the rest with databases cloned, nothing added', () => {
    expect(parsePreviewBlueprint(HEAD)).toEqual({
      blueprint: {
        apiVersion: 'greenroom.dev/v1alpha1',
        kind: 'PreviewBlueprint',
        spec: { share: { databases: 'clone' }, add: [], variables: {} },
      },
    });
    expect(parsePreviewBlueprint(`${HEAD}spec:\n  share: false\n`)).toEqual({
      blueprint: expect.objectContaining({
        spec: expect.objectContaining({ share: false }),
      }),
    });
  });

  it('gives the line of a YAML syntax error', () => {
    expect(errorsOf(`${HEAD}spec:\n  services: [storefront\n`)).toEqual([
      {
        field: '(yaml)',
        message: expect.stringMatching(/^is not valid YAML: Flow sequence/),
        fix: expect.stringContaining('fix the YAML syntax'),
        line: 5,
      },
    ]);
  });

  it.each([
    ['an empty file', '', '(root)', 'is empty'],
    [
      'a list',
      '- a\n',
      '(root)',
      'must be a mapping with apiVersion, kind and spec',
    ],
    [
      'another kind',
      'apiVersion: greenroom.dev/v1alpha1\nkind: ServiceTemplate\n',
      'kind',
      'must be PreviewBlueprint',
    ],
    [
      'an unresolved alias',
      'a: *nothing\n',
      '(yaml)',
      expect.stringMatching(/^is not valid YAML/),
    ],
  ])('refuses %s', (_, text, field, message) => {
    expect(errorsOf(text)[0]).toMatchObject({ field, message });
  });

  it('names each failing field with its line and a fix', () => {
    const errors = errorsOf(
      [
        HEAD,
        'spec:',
        '  sevices: [storefront]',
        '  services: [storefront, Storefront, storefront]',
        '  share: { databases: maybe }',
        '  add:',
        '    - name: cache',
        '      template: redis@latest',
        '    - name: queue',
        '      template: group:default/platform',
        '  ttl: 90d',
        '  dataPolicy: backup',
      ].join('\n'),
    );
    expect(errors.map(e => [e.field, e.line, e.message])).toEqual([
      ['spec.services[1]', 6, expect.stringMatching(/^must be a service name/)],
      ['spec.services[2]', 6, 'names storefront a second time'],
      ['spec.share.databases', 7, 'must be one of clone, share'],
      [
        'spec.add[0].template',
        10,
        'has the version "latest", which is not a semantic version such as "1.3.0"',
      ],
      [
        'spec.add[1].template',
        12,
        'must refer to a servicetemplate, not a group',
      ],
      ['spec.ttl', 13, 'must be at most 30d'],
      ['spec.dataPolicy', 14, 'must be one of empty, snapshot, seed, copy'],
      ['spec.sevices', 5, 'unknown field'],
    ]);
    expect(errors.find(e => e.field === 'spec.sevices')?.fix).toMatch(
      /^remove it or correct its spelling/,
    );
    expect(errors.find(e => e.field === 'spec.ttl')?.fix).toBe(
      'write a duration of at most 30d, e.g. "2d" or "1d12h"',
    );
  });

  it('refuses secrets without repeating their values', () => {
    const errors = errorsOf(
      `${HEAD}spec:\n  variables:\n    STRIPE_KEY: sk_live_abc\n    DB: { secret: hunter2 }\n    lower: x\n    LIST: [1]\n`,
    );
    expect(errors.map(e => [e.field, e.message])).toEqual([
      [
        'spec.variables.STRIPE_KEY',
        'names a secret; a blueprint holds plain values only',
      ],
      ['spec.variables.DB', 'is a secret; a blueprint holds plain values only'],
      [
        'spec.variables.lower',
        expect.stringMatching(/^must be upper case letters/),
      ],
      [
        'spec.variables.LIST',
        'must be a plain value (text, a number or true/false)',
      ],
    ]);
    expect(errors[0].fix).toMatch(
      /set secrets on the environment in Greenroom/,
    );
    expect(JSON.stringify(errors)).not.toMatch(/sk_live_abc|hunter2/);
  });

  it('refuses a service added twice under one name', () => {
    expect(
      errorsOf(
        `${HEAD}spec:\n  add:\n    - { name: cache, template: redis }\n    - { name: cache, template: memcached }\n`,
      ),
    ).toMatchObject([
      {
        field: 'spec.add[1].name',
        message: 'names cache a second time',
        line: 6,
      },
    ]);
  });

  it('refuses a share that is neither false nor a mapping', () => {
    expect(errorsOf(`${HEAD}spec:\n  share: yes\n`)).toMatchObject([
      {
        field: 'spec.share',
        message: 'must be false or { databases: clone | share }',
        line: 4,
      },
    ]);
  });

  it('refuses more services and additions than the limits', () => {
    const services = Array.from({ length: 21 }, (_, i) => `s${i}`).join(', ');
    const add = Array.from(
      { length: 6 },
      (_, i) => `{ name: a${i}, template: redis }`,
    ).join(', ');
    expect(
      errorsOf(
        `${HEAD}spec:\n  services: [${services}]\n  add: [${add}]\n`,
      ).map(e => [e.field, e.message]),
    ).toEqual([
      ['spec.services', 'must name at most 20 services'],
      ['spec.add', 'must add at most 5 services'],
    ]);
  });

  it('refuses a file larger than 64 KiB before parsing it', () => {
    expect(errorsOf(`${HEAD}# ${'x'.repeat(70_000)}\n`)).toMatchObject([
      { field: '(root)', message: 'is larger than 64 KiB' },
    ]);
  });
});
