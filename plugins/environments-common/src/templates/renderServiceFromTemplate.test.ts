import type { ServiceTemplateEntityV1alpha1 } from '../kinds/ServiceTemplateEntityV1alpha1';
import { ServiceTemplateRenderError, TemplateParameterError } from './errors';
import { renderServiceFromTemplate } from './renderServiceFromTemplate';

function makeTemplate(
  service: Record<string, unknown>,
  properties: Record<string, unknown> = {},
  required: string[] = [],
): ServiceTemplateEntityV1alpha1 {
  return {
    apiVersion: 'greenroom.dev/v1alpha1',
    kind: 'ServiceTemplate',
    metadata: { name: 'pg', namespace: 'platform' },
    spec: {
      owner: 'platform',
      type: 'database',
      version: '2.1.0',
      lifecycle: 'production',
      parameters: { type: 'object', required, properties },
      service: service as ServiceTemplateEntityV1alpha1['spec']['service'],
    },
  } as ServiceTemplateEntityV1alpha1;
}

const database = makeTemplate(
  {
    kind: 'database',
    image: {
      repository: 'docker.io/library/postgres',
      tag: '${{ parameters.version }}-alpine',
    },
    ports: [{ port: '${{ parameters.port }}', public: false }],
    resources: { storage: '${{ parameters.storageGb }}Gi' },
    database: {
      engine: 'postgresql',
      version: '${{ parameters.version }}',
      storageGb: '${{ parameters.storageGb }}',
      instanceClass: '${{ parameters.instanceClass }}',
    },
    variables: [
      { key: 'PGPORT', kind: 'value', value: '${{ parameters.port }}' },
      {
        key: 'DSN',
        kind: 'value',
        value: 'postgres://db:${{ parameters.port }}/${{ parameters.db }}',
      },
    ],
  },
  {
    version: { type: 'string', enum: ['14', '15', '16'], default: '16' },
    port: { type: 'integer', minimum: 1, default: 5432 },
    storageGb: { type: 'integer', default: 20 },
    instanceClass: { type: 'string' },
    db: { type: 'string', default: 'app' },
  },
  ['version'],
);

function renderError(
  template: ServiceTemplateEntityV1alpha1,
  parameters: Record<string, unknown> = {},
  name = 'db',
): Error {
  try {
    renderServiceFromTemplate(template, { name, parameters });
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('renderServiceFromTemplate', () => {
  it('fills expressions, keeping the type of whole-string ones', () => {
    const { service, template } = renderServiceFromTemplate(database, {
      name: 'orders-db',
      parameters: { version: '15', storageGb: 50 },
    });
    expect(template).toEqual({
      ref: 'servicetemplate:platform/pg',
      version: '2.1.0',
    });
    expect(service).toEqual({
      name: 'orders-db',
      kind: 'database',
      template,
      image: { repository: 'docker.io/library/postgres', tag: '15-alpine' },
      ports: [{ port: 5432, public: false }],
      resources: { cpu: '250m', memory: '256Mi', storage: '50Gi' },
      replicas: 1,
      database: {
        engine: 'postgresql',
        version: '15',
        mode: 'container',
        storageGb: 50,
      },
      customDomains: [],
      variables: [
        { key: 'PGPORT', kind: 'value', value: '5432' },
        { key: 'DSN', kind: 'value', value: 'postgres://db:5432/app' },
      ],
    });
  });

  it('stringifies numbers in text fields such as a database version', () => {
    const template = makeTemplate(
      {
        kind: 'database',
        database: { engine: 'postgresql', version: '${{ parameters.v }}' },
      },
      { v: { type: 'integer', default: 16 } },
    );
    const { service } = renderServiceFromTemplate(template, {
      name: 'db',
      parameters: {},
    });
    expect(service.database?.version).toBe('16');
  });

  it('substitutes in nested arrays and objects and keeps booleans', () => {
    const template = makeTemplate(
      {
        kind: 'container',
        image: { repository: 'ghcr.io/acme/app' },
        ports: [
          { port: 80, public: '${{ parameters.public }}' },
          { port: '${{ parameters.admin }}' },
        ],
        customDomains: ['${{ parameters.sub }}.example.com'],
      },
      {
        public: { type: 'boolean', default: true },
        admin: { type: 'integer', default: 9090 },
        sub: { type: 'string', default: 'shop' },
      },
    );
    const { service } = renderServiceFromTemplate(template, {
      name: 'web',
      parameters: {},
    });
    expect(service.ports).toEqual([
      { port: 80, public: true },
      { port: 9090, public: false },
    ]);
    expect(service.customDomains).toEqual(['shop.example.com']);
  });

  it('uses the service name for a declared name parameter', () => {
    const template = makeTemplate(
      {
        name: '${{ parameters.name }}',
        kind: 'container',
        variables: [
          { key: 'SELF', kind: 'value', value: '${{ parameters.name }}' },
        ],
      },
      { name: { type: 'string' } },
      ['name'],
    );
    const { service } = renderServiceFromTemplate(template, {
      name: 'api',
      parameters: {},
    });
    expect(service.name).toBe('api');
    expect(service.variables).toEqual([
      { key: 'SELF', kind: 'value', value: 'api' },
    ]);
  });

  it('rejects a missing required parameter', () => {
    const template = makeTemplate(
      { kind: 'container', image: { repository: '${{ parameters.image }}' } },
      { image: { type: 'string' } },
      ['image'],
    );
    const error = renderError(template);
    expect(error).toBeInstanceOf(TemplateParameterError);
    expect(error.message).toBe('template pg: parameters.image: is required');
  });

  it('rejects a value outside the enum', () => {
    const error = renderError(database, { version: 13 });
    expect(error).toBeInstanceOf(TemplateParameterError);
    expect(error.message).toContain(
      'parameters.version: must be one of 14, 15, 16',
    );
  });

  it('names an undeclared parameter', () => {
    const template = makeTemplate({
      kind: 'container',
      image: { repository: 'x', tag: '${{ parameters.tag }}' },
    });
    const error = renderError(template);
    expect(error).toBeInstanceOf(ServiceTemplateRenderError);
    expect(error.message).toBe(
      'template pg: service.image.tag: "${{ parameters.tag }}" refers to parameters.tag, which the template does not declare in spec.parameters',
    );
  });

  it.each([
    '${{ parameters.tag | upper }}',
    'v${{ parameters.tag | upper }}',
    '${{ steps.build.output }}',
    '${{ parameters }}',
    '${{ parameters.tag',
  ])('rejects the unsupported expression %s', tag => {
    const template = makeTemplate(
      { kind: 'container', image: { repository: 'x', tag } },
      { tag: { type: 'string', default: 'latest' } },
    );
    const error = renderError(template);
    expect(error).toBeInstanceOf(ServiceTemplateRenderError);
    expect(error.message).toMatch(
      /^template pg: service\.image\.tag: unsupported (or unclosed )?expression/,
    );
  });

  it('rejects a parameter without value inside a longer string', () => {
    const template = makeTemplate(
      { kind: 'container', image: { repository: 'x/${{ parameters.org }}' } },
      { org: { type: 'string' } },
    );
    expect(renderError(template).message).toContain(
      'service.image.repository: "${{ parameters.org }}" has no value',
    );
  });

  it('rejects an object inside a longer string', () => {
    const template = makeTemplate(
      { kind: 'container', image: { repository: 'x/${{ parameters.org }}' } },
      { org: { type: 'object', default: { a: 1 } } },
    );
    expect(renderError(template).message).toContain(
      'is an object and cannot be used inside the text',
    );
  });

  it('reports the field of an invalid resulting service', () => {
    const template = makeTemplate(
      {
        kind: 'container',
        ports: [{ port: '${{ parameters.port }}' }],
        replicas: '${{ parameters.replicas }}',
      },
      {
        port: { type: 'integer', default: 70000 },
        replicas: { type: 'string', default: 'two' },
      },
    );
    const error = renderError(template);
    expect(error).toBeInstanceOf(ServiceTemplateRenderError);
    expect(error.message).toBe(
      'template pg: ports[0].port: must be between 1 and 65535; replicas: must be a number',
    );
  });

  it('reports a database template without database settings', () => {
    const template = makeTemplate({ kind: 'database' });
    expect(renderError(template).message).toBe(
      'template pg: database: is required for a database service (engine and version)',
    );
  });

  it('rejects an invalid service name', () => {
    const error = renderError(database, {}, 'Orders_DB');
    expect(error).toBeInstanceOf(ServiceTemplateRenderError);
    expect(error.message).toMatch(/^template pg: name: "Orders_DB" must be/);
  });
});
