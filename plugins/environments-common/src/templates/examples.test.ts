import fs from 'fs';
import path from 'path';
import type { ServiceTemplateEntityV1alpha1 } from '../kinds/ServiceTemplateEntityV1alpha1';
import { serviceInputSchema } from '../schemas/service';
import { serviceTemplateSpecSchema } from '../schemas/serviceTemplate';
import { renderServiceFromTemplate } from './renderServiceFromTemplate';
import fixtures from './__fixtures__/serviceTemplates.json';

/*
 * The YAML files of examples/service-templates, converted to JSON: `yaml` is
 * not a dependency of this package (lint rejects the import). The first test
 * checks that the copies still match the files.
 */
const TEMPLATES = fixtures as unknown as Record<
  string,
  ServiceTemplateEntityV1alpha1
>;
const DIR = path.resolve(__dirname, '../../../../examples/service-templates');
const files = Object.keys(TEMPLATES);

/** Values for required parameters that have no default. */
const REQUIRED_WITHOUT_DEFAULT: Record<string, unknown> = {
  image: 'ghcr.io/example/app',
};

function load(file: string): ServiceTemplateEntityV1alpha1 {
  return jsonCopy(TEMPLATES[file]);
}

function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

describe('example service templates', () => {
  it('has a copy of each of the nine example templates', () => {
    const yamlFiles = fs
      .readdirSync(DIR)
      .filter(f => f.endsWith('.yaml'))
      .sort();
    expect(files).toEqual(yamlFiles);
    expect(files).toHaveLength(9);
    for (const file of files) {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const { metadata, spec } = TEMPLATES[file];
      expect(text).toContain(`name: ${metadata.name}\n`);
      expect(text).toContain(`version: ${spec.version}\n`);
      for (const key of Object.keys(
        (spec.parameters as { properties: object }).properties,
      )) {
        expect(text).toContain(`\n      ${key}:\n`);
      }
    }
  });

  it.each(files)('renders %s with its defaults into a valid service', file => {
    const template = load(file);
    expect(serviceTemplateSpecSchema.safeParse(template.spec).success).toBe(
      true,
    );
    const schema = template.spec.parameters as {
      required?: string[];
      properties: Record<string, { default?: unknown }>;
    };
    const parameters: Record<string, unknown> = {};
    for (const key of schema.required ?? []) {
      if (key !== 'name' && schema.properties[key].default === undefined) {
        parameters[key] = REQUIRED_WITHOUT_DEFAULT[key];
      }
    }

    const { service, template: ref } = renderServiceFromTemplate(template, {
      name: 'svc',
      parameters,
    });

    expect(serviceInputSchema.safeParse(service).success).toBe(true);
    expect(service.name).toBe('svc');
    expect(ref).toEqual({
      ref: `servicetemplate:default/${template.metadata.name}`,
      version: template.spec.version,
    });
    expect(service.template).toEqual(ref);
    expect(JSON.stringify(service)).not.toContain('${{');
  });

  it('renders postgresql with typed values and defaults', () => {
    const { service } = renderServiceFromTemplate(load('postgresql.yaml'), {
      name: 'orders-db',
      parameters: { version: '15', storageGb: 50 },
    });
    expect(service.image).toEqual({
      repository: 'docker.io/library/postgres',
      tag: '15-alpine',
    });
    expect(service.resources.storage).toBe('50Gi');
    expect(service.database).toEqual({
      engine: 'postgresql',
      version: '15',
      mode: 'container',
      instanceClass: 'db.t4g.micro',
      storageGb: 50,
    });
    expect(service.variables).toContainEqual({
      key: 'POSTGRES_DB',
      kind: 'value',
      value: 'app',
    });
  });

  it('renders node-api with a number port and its port as variable text', () => {
    const { service } = renderServiceFromTemplate(load('node-api.yaml'), {
      name: 'orders-api',
      parameters: {
        image: 'ghcr.io/example/orders-api',
        port: 3000,
        public: true,
        databaseService: 'ORDERS_DB',
      },
    });
    expect(service.ports).toEqual([{ port: 3000, public: true }]);
    expect(service.replicas).toBe(1);
    expect(service.variables).toContainEqual({
      key: 'PORT',
      kind: 'value',
      value: '3000',
    });
    expect(service.variables).toContainEqual({
      key: 'DATABASE_URL',
      kind: 'alias',
      aliasOf: 'GR_ORDERS_DB_URL',
    });
  });

  it('rejects a wrong enum value of a real template', () => {
    expect(() =>
      renderServiceFromTemplate(load('postgresql.yaml'), {
        name: 'db',
        parameters: { version: '17' },
      }),
    ).toThrow(
      'template postgresql: parameters.version: must be one of 14, 15, 16',
    );
  });
});
