import type { Entity } from '@backstage/catalog-model';
import { environmentInputSchema } from '@greenroom/plugin-environments-common';
import {
  buildEnvironmentInput,
  componentRow,
  databaseRow,
  defaultPolicy,
  durationProblem,
  environmentNameProblem,
  errorFor,
  fieldErrorsOf,
  openWarnings,
  rowService,
  ServiceRow,
  uniqueServiceName,
} from './formModel';

function component(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', owner: 'team-shop', system: 'shop' },
  };
}

const storefront = component('storefront', {
  'greenroom.dev/image': 'ghcr.io/example/storefront:1.8.2',
  'greenroom.dev/ports': '3000',
});

describe('uniqueServiceName', () => {
  it('numbers names that are taken and stays within 22 characters', () => {
    expect(uniqueServiceName('db', [])).toBe('db');
    expect(uniqueServiceName('db', ['db'])).toBe('db-2');
    expect(uniqueServiceName('db', ['db', 'db-2'])).toBe('db-3');
    const long = 'x'.repeat(22);
    expect(uniqueServiceName(long, [long])).toBe(`${'x'.repeat(20)}-2`);
  });
});

describe('componentRow and rowService', () => {
  it('fills a row from the annotations and turns it back into the service', () => {
    const row = componentRow(storefront, []);
    expect(row).toMatchObject({
      id: 'component:default/storefront',
      name: 'storefront',
      imageText: 'ghcr.io/example/storefront:1.8.2',
      portsText: '3000',
      missing: [],
    });
    const { service, errors } = rowService(row, []);
    expect(errors).toEqual({});
    expect(service).toMatchObject({
      name: 'storefront',
      kind: 'application',
      componentRef: 'component:default/storefront',
      image: { repository: 'ghcr.io/example/storefront', tag: '1.8.2' },
      ports: [{ port: 3000, public: true }],
    });
  });

  it('takes the edited image and ports, and reports what does not parse', () => {
    const row = componentRow(component('legacy'), []);
    expect(rowService(row, []).service.image).toBeUndefined();

    const edited = {
      ...row,
      imageText: 'localhost:5000/legacy:2',
      portsText: '80, 9090',
    } as ServiceRow;
    expect(rowService(edited, []).service).toMatchObject({
      image: { repository: 'localhost:5000/legacy', tag: '2' },
      ports: [
        { port: 80, public: true },
        { port: 9090, public: false },
      ],
    });

    const bad = {
      ...row,
      imageText: 'Bad Image',
      portsText: '80,x',
    } as ServiceRow;
    const { errors } = rowService(bad, ['legacy']);
    expect(errors.image).toMatch(/^Not an image reference: repository:/);
    expect(errors.ports).toBe(
      '"x" is not a port number; write ports as "8080" or "80,9090"',
    );
    expect(errors.name).toBe('Another service is already named legacy');
  });

  it('keeps only the warnings the user has not fixed yet', () => {
    const row = componentRow(component('legacy'), []);
    expect(openWarnings(row)).toEqual([
      'image: no greenroom.dev/image annotation',
      'ports: no greenroom.dev/ports annotation',
    ]);
    expect(
      openWarnings({ ...row, imageText: 'acme/legacy:1' } as ServiceRow),
    ).toEqual(['ports: no greenroom.dev/ports annotation']);
    expect(
      openWarnings({
        ...row,
        imageText: 'acme/legacy:1',
        portsText: '8080',
      } as ServiceRow),
    ).toEqual([]);
  });
});

describe('databaseRow', () => {
  it('adds a container database with a free name', () => {
    const row = databaseRow('postgresql', ['db'], 'database:0');
    expect(row.name).toBe('db-2');
    expect(rowService(row, []).service).toMatchObject({
      name: 'db-2',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    });
    expect(databaseRow('redis', [], 'database:1').name).toBe('cache');
  });
});

describe('environmentNameProblem', () => {
  it('accepts valid names and suggests one for the others', () => {
    expect(environmentNameProblem('feature-login')).toBeUndefined();
    expect(environmentNameProblem('')).toEqual({ message: 'Required' });
    expect(environmentNameProblem('Feature/Login')).toMatchObject({
      suggestion: 'feature-login',
    });
    expect(environmentNameProblem('new')).toEqual({
      message: '"new" is reserved by the page that creates environments',
      suggestion: 'new-env',
    });
  });
});

describe('durationProblem', () => {
  it('accepts durations and empty text, explains the rest', () => {
    expect(durationProblem('')).toBeUndefined();
    expect(durationProblem('1h30m')).toBeUndefined();
    expect(durationProblem('1.5h')).toMatch(/whole numbers/);
    expect(durationProblem('30s')).toBe('must be at least 1m');
  });
});

describe('defaultPolicy', () => {
  it('stops non-production when idle and gives previews a TTL', () => {
    expect(defaultPolicy('production')).toEqual({ idleAfter: '', ttl: '' });
    expect(defaultPolicy('development')).toEqual({ idleAfter: '2h', ttl: '' });
    expect(defaultPolicy('preview')).toEqual({ idleAfter: '2h', ttl: '3d' });
  });
});

describe('buildEnvironmentInput', () => {
  it('builds a body the backend schema accepts', () => {
    const rows = [componentRow(storefront, [])];
    rows.push(databaseRow('postgresql', ['storefront'], 'database:0'));
    const input = buildEnvironmentInput({
      name: 'feature-login',
      title: '  ',
      mode: 'preview',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      rows,
      idleAfter: '4h',
      ttl: '2d',
    });

    expect(input.title).toBeUndefined();
    expect(input.policy).toEqual({ idleAfter: '4h', ttl: '2d' });
    expect(input.services.map(s => s.name)).toEqual(['storefront', 'db']);
    expect(environmentInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends a TTL only for previews and no policy when nothing is set', () => {
    const input = buildEnvironmentInput({
      name: 'prod-eu',
      title: 'Production EU',
      mode: 'production',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      rows: [],
      idleAfter: '',
      ttl: '3d',
    });
    expect(input.policy).toBeUndefined();
    expect(input.title).toBe('Production EU');
  });
});

describe('fieldErrorsOf and errorFor', () => {
  it('splits the backend message by field', () => {
    const errors = fieldErrorsOf(
      'name: must be lower case letters; services[1].image.tag: must be an image tag; policy.idleAfter: must be at least 1m',
    );
    expect(errors).toEqual([
      { path: 'name', message: 'must be lower case letters' },
      { path: 'services[1].image.tag', message: 'must be an image tag' },
      { path: 'policy.idleAfter', message: 'must be at least 1m' },
    ]);
    expect(errorFor(errors, 'name')).toBe('must be lower case letters');
    expect(errorFor(errors, 'services[1]')).toBe(
      'services[1].image.tag: must be an image tag',
    );
    expect(errorFor(errors, 'services[0]')).toBeUndefined();
    expect(errorFor(errors, 'names')).toBeUndefined();
  });

  it('reads service names with "-" and keeps a trailing part with its field', () => {
    const errors = fieldErrorsOf(
      "services.payments-worker.customDomains[0]: domain 'pay.example.com' is already used by environment 'shop'; owner: you may only make one of your groups the owner, not 'group:default/x'; that needs environments.admin",
    );
    expect(errors).toEqual([
      {
        path: 'services.payments-worker.customDomains[0]',
        message:
          "domain 'pay.example.com' is already used by environment 'shop'",
      },
      {
        path: 'owner',
        message:
          "you may only make one of your groups the owner, not 'group:default/x'; that needs environments.admin",
      },
    ]);
    expect(errorFor(errors, 'services.payments-worker')).toBe(
      "services.payments-worker.customDomains[0]: domain 'pay.example.com' is already used by environment 'shop'",
    );
    expect(errorFor(errors, 'services.payments')).toBeUndefined();
  });

  it('leaves out the fields shown elsewhere', () => {
    const errors = fieldErrorsOf(
      'policy.ttl: at most 14d; policy.idleAfter: must be at least 1m',
    );
    expect(errorFor(errors, 'policy', ['policy.ttl'])).toBe(
      'policy.idleAfter: must be at least 1m',
    );
    expect(errorFor(errors, 'policy.ttl')).toBe('at most 14d');
  });

  it('finds no field in a message that names none', () => {
    expect(fieldErrorsOf("environment 'x' already exists")).toEqual([]);
  });
});
