import {
  legacyPostgresqlTemplate,
  nodeApiTemplate,
  postgresqlTemplate,
} from '../../__testUtils__/templates';
import { environmentNameProblem } from '../NewEnvironmentPage/formModel';
import {
  defaultServiceName,
  fieldErrors,
  formSchema,
  maxServiceNameLength,
  placeFieldErrors,
  serviceNameProblem,
  toRjsfErrors,
} from './formModel';

describe('add-service form model', () => {
  it('leaves the name parameter out of the generated form', () => {
    const schema = formSchema(postgresqlTemplate) as any;
    expect(Object.keys(schema.properties)).toEqual([
      'version',
      'mode',
      'storageGb',
    ]);
    expect(schema.required).toEqual(['version', 'mode']);
    // the template is left alone
    expect(
      (postgresqlTemplate.parameters as any).properties.name,
    ).toBeDefined();
    expect(formSchema({ parameters: undefined })).toEqual({
      type: 'object',
      properties: {},
    });
  });

  it('defaults the service name to the name parameter, else the template name', () => {
    expect(defaultServiceName(postgresqlTemplate)).toBe('db');
    expect(defaultServiceName(nodeApiTemplate)).toBe('node-api');
    expect(defaultServiceName(legacyPostgresqlTemplate)).toBe(
      'postgresql-legacy',
    );
  });

  it('keeps <service>-<environment> within a DNS label', () => {
    expect(maxServiceNameLength(undefined)).toBe(22);
    expect(maxServiceNameLength('a'.repeat(40))).toBe(22);
    const long = {
      parameters: { properties: { name: { type: 'string', maxLength: 10 } } },
    };
    expect(maxServiceNameLength('shop-dev', long)).toBe(10);
  });

  it('explains what is wrong with a service name', () => {
    expect(serviceNameProblem('')).toBe('Required');
    expect(serviceNameProblem('Orders')).toMatch(/Lower case letters/);
    expect(serviceNameProblem('db-')).toMatch(/Lower case letters/);
    expect(
      serviceNameProblem('a'.repeat(23), { environment: 'shop-dev' }),
    ).toBe(
      `At most 22 characters, so that ${'a'.repeat(
        23,
      )}-shop-dev is a valid host name`,
    );
    expect(
      serviceNameProblem('api', { environment: 'shop-dev', existing: ['api'] }),
    ).toBe('shop-dev already has a service named api');
    expect(
      serviceNameProblem('orders-db', { environment: 'shop-dev' }),
    ).toBeUndefined();
  });

  it('splits a backend message by the fields it names', () => {
    expect(
      fieldErrors(
        'template postgresql: parameters.version: must be one of "14", "15", "16"; name: a service named "db" already exists; parameters.replicas.min: must be >= 1',
      ),
    ).toEqual({
      name: 'a service named "db" already exists',
      parameters: {
        version: ['must be one of "14", "15", "16"'],
        'replicas.min': ['must be >= 1'],
      },
      other: [],
    });
    expect(fieldErrors('environment is being deleted')).toEqual({
      parameters: {},
      other: ['environment is being deleted'],
    });
    expect(
      toRjsfErrors({ version: ['a'], 'replicas.min': ['b', 'c'] }),
    ).toEqual({
      version: { __errors: ['a'] },
      replicas: { min: { __errors: ['b', 'c'] } },
    });
  });

  it('places each part of a backend message where the dialog shows it', () => {
    expect(
      placeFieldErrors(
        'name: too long; parameters.name: must match; parameters.version: must be one of "15"; parameters.replicas.min: must be >= 1; parameters.secret: not allowed; quota exceeded',
        ['version', 'replicas'],
      ),
    ).toEqual({
      // The template's name parameter is what the service name field sets.
      name: 'too long; must match',
      parameters: {
        version: { __errors: ['must be one of "15"'] },
        replicas: { min: { __errors: ['must be >= 1'] } },
      },
      // No field on screen for these: they go to the alert, with their path.
      other: ['quota exceeded', 'parameters.secret: not allowed'],
    });
    expect(
      placeFieldErrors('environment is being deleted', ['version']),
    ).toEqual({
      name: undefined,
      parameters: undefined,
      other: ['environment is being deleted'],
    });
  });

  it('keeps environments from taking the name of the templates page', () => {
    expect(environmentNameProblem('templates')).toEqual({
      message: '"templates" is reserved by the service-template pages',
      suggestion: 'templates-env',
    });
  });
});
