import type { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import { isValidServiceName, MAX_SERVICE_NAME_LENGTH } from '../naming';
import { serviceInputSchema } from '../schemas/service';
import {
  formatImageReference,
  formatPortList,
  parseImageReference,
  parsePortList,
  serviceFromComponent,
  toServiceName,
} from './serviceFromComponent';

function component(
  name: string,
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = { type: 'service' },
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace, annotations },
    spec: { lifecycle: 'production', owner: 'team-shop', ...spec },
  };
}

describe('parseImageReference', () => {
  it.each([
    [
      'ghcr.io/acme/shop:1.4.2',
      { repository: 'ghcr.io/acme/shop', tag: '1.4.2' },
    ],
    ['redis', { repository: 'redis' }],
    ['redis:7', { repository: 'redis', tag: '7' }],
    [
      'library/postgres:16-alpine',
      { repository: 'library/postgres', tag: '16-alpine' },
    ],
    // a registry port is not a tag
    ['localhost:5000/app', { repository: 'localhost:5000/app' }],
    [
      'localhost:5000/app:1.0',
      { repository: 'localhost:5000/app', tag: '1.0' },
    ],
    [
      'registry.example.com:443/team/app:v2_rc.1',
      { repository: 'registry.example.com:443/team/app', tag: 'v2_rc.1' },
    ],
    [
      '  ghcr.io/acme/shop:latest  ',
      { repository: 'ghcr.io/acme/shop', tag: 'latest' },
    ],
  ])('reads %j', (text, image) => {
    expect(parseImageReference(text)).toEqual({ ok: true, value: image });
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['ghcr.io/acme/shop@sha256:0123abcd', 'has a digest'],
    ['ghcr.io/acme/shop:', 'tag: must be an image tag'],
    ['ghcr.io/acme/shop:-x', 'tag: must be an image tag'],
    ['GHCR.io/Acme/Shop:1', 'repository: must be an image repository'],
    ['ghcr.io/acme shop:1', 'repository: must be an image repository'],
    [':1.0', 'repository: must be an image repository'],
  ])('rejects %j with a reason', (text, reason) => {
    const result = parseImageReference(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
  });

  it('reads back what formatImageReference writes', () => {
    for (const image of [
      { repository: 'localhost:5000/app', tag: '1.0' },
      { repository: 'localhost:5000/app' },
      { repository: 'ghcr.io/acme/shop', tag: '2.4.0' },
    ]) {
      expect(parseImageReference(formatImageReference(image))).toEqual({
        ok: true,
        value: image,
      });
    }
  });
});

describe('parsePortList', () => {
  it('makes the first port public and the others internal', () => {
    expect(parsePortList('8080')).toEqual({
      ok: true,
      value: [{ port: 8080, public: true }],
    });
    expect(parsePortList('80,9090')).toEqual({
      ok: true,
      value: [
        { port: 80, public: true },
        { port: 9090, public: false },
      ],
    });
    expect(parsePortList(' 80 , 9090 ,1 ')).toEqual({
      ok: true,
      value: [
        { port: 80, public: true },
        { port: 9090, public: false },
        { port: 1, public: false },
      ],
    });
  });

  it.each([
    ['', 'is empty'],
    ['http', '"http" is not a port number'],
    ['80,', '"" is not a port number'],
    ['80;90', '"80;90" is not a port number'],
    ['8080.5', '"8080.5" is not a port number'],
    ['-1', '"-1" is not a port number'],
    ['0', '0 is not between 1 and 65535'],
    ['65536', '65536 is not between 1 and 65535'],
    ['80,80', '80 is listed twice'],
  ])('rejects %j with a reason', (text, reason) => {
    const result = parsePortList(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
  });

  it('reads back what formatPortList writes', () => {
    expect(formatPortList([{ port: 80 }, { port: 9090 }])).toBe('80,9090');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), {
          minLength: 1,
          maxLength: 5,
        }),
        numbers => {
          const parsed = parsePortList(
            formatPortList(numbers.map(port => ({ port }))),
          );
          expect(parsed.ok && parsed.value.map(p => p.port)).toEqual(numbers);
        },
      ),
    );
  });
});

describe('toServiceName', () => {
  it.each([
    ['orders-api', 'orders-api'],
    ['Orders_API.v2', 'orders-api-v2'],
    ['café-frontend', 'cafe-frontend'],
    ['3d-viewer', 'svc-3d-viewer'],
    ['x'.repeat(22), 'x'.repeat(22)],
  ])('turns %j into %j', (input, name) => {
    expect(toServiceName(input)).toBe(name);
  });

  it('cuts long names and keeps them apart with a hash of the full name', () => {
    const a = toServiceName('payments-reconciliation-worker');
    const b = toServiceName('payments-reconciliation-api');
    expect(a).toMatch(/^payments-reconc-[a-z0-9]{6}$/);
    expect(b).toMatch(/^payments-reconc-[a-z0-9]{6}$/);
    expect(a).not.toBe(b);
    expect(a).toHaveLength(MAX_SERVICE_NAME_LENGTH);
    // stable
    expect(toServiceName('payments-reconciliation-worker')).toBe(a);
  });

  it('does not leave a dash before the hash', () => {
    // the cut falls right after a dash
    expect(toServiceName('abcdefghijklmn-opqrstuvwxyz')).toMatch(
      /^abcdefghijklmn-[a-z0-9]{6}$/,
    );
  });

  it('always returns a valid service name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), input => {
        const name = toServiceName(input);
        expect(isValidServiceName(name)).toBe(true);
        expect(toServiceName(input)).toBe(name);
      }),
    );
  });
});

describe('serviceFromComponent', () => {
  it('fills a service from the annotations of a Component', () => {
    const result = serviceFromComponent(
      component('storefront', {
        'github.com/project-slug': 'example/storefront',
        'greenroom.dev/image': 'ghcr.io/example/storefront:1.8.2',
        'greenroom.dev/ports': '3000',
        'greenroom.dev/preview-base': 'staging',
      }),
    );

    expect(result).toEqual({
      service: {
        name: 'storefront',
        kind: 'application',
        componentRef: 'component:default/storefront',
        image: { repository: 'ghcr.io/example/storefront', tag: '1.8.2' },
        ports: [{ port: 3000, public: true }],
        git: { repository: 'example/storefront' },
        resources: { cpu: '250m', memory: '256Mi' },
        replicas: 1,
        customDomains: [],
        variables: [],
      },
      missing: [],
    });
  });

  it('returns a service that the input schema accepts as it is', () => {
    const { service } = serviceFromComponent(
      component('payments-worker', {
        'greenroom.dev/image': 'localhost:5000/payments:0.9.3',
        'greenroom.dev/ports': '8080,9090',
      }),
    );
    expect(serviceInputSchema.parse(service)).toEqual(service);
    expect(service.image).toEqual({
      repository: 'localhost:5000/payments',
      tag: '0.9.3',
    });
    expect(service.ports).toEqual([
      { port: 8080, public: true },
      { port: 9090, public: false },
    ]);
  });

  it('keeps the namespace in the component ref', () => {
    const { service } = serviceFromComponent(
      component('orders', {}, { type: 'service' }, 'shop'),
    );
    expect(service.componentRef).toBe('component:shop/orders');
  });

  it('makes a job of a Component of type job', () => {
    const { service, missing } = serviceFromComponent(
      component(
        'nightly-export',
        { 'greenroom.dev/image': 'acme/export:1' },
        { type: 'Job' },
      ),
    );
    expect(service.kind).toBe('job');
    // a job listens on nothing: ports are not asked for
    expect(missing).toEqual([]);
    expect(service.ports).toEqual([]);
  });

  it('lists what a Component without annotations lacks', () => {
    const { service, missing } = serviceFromComponent(component('legacy-app'));
    expect(missing).toEqual([
      'image: no greenroom.dev/image annotation',
      'ports: no greenroom.dev/ports annotation',
    ]);
    expect(service.image).toBeUndefined();
    expect(service.git).toBeUndefined();
    expect(service.ports).toEqual([]);
    expect(serviceInputSchema.safeParse(service).success).toBe(true);
  });

  it('treats blank annotations as absent', () => {
    const { missing } = serviceFromComponent(
      component('blank', {
        'greenroom.dev/image': '  ',
        'greenroom.dev/ports': '',
      }),
    );
    expect(missing).toEqual([
      'image: no greenroom.dev/image annotation',
      'ports: no greenroom.dev/ports annotation',
    ]);
  });

  it('does not throw on bad values: they go to missing with the reason', () => {
    const run = () =>
      serviceFromComponent(
        component('Broken_App', {
          'greenroom.dev/image': 'Not An Image',
          'greenroom.dev/ports': '80,http',
          'github.com/project-slug': 'just-a-name',
        }),
      );
    expect(run).not.toThrow();
    const { service, missing } = run();

    expect(service.name).toBe('broken-app');
    expect(service.image).toBeUndefined();
    expect(service.ports).toEqual([]);
    expect(service.git).toBeUndefined();
    expect(missing).toHaveLength(3);
    expect(missing[0]).toMatch(
      /^image: greenroom\.dev\/image "Not An Image" is not an image reference \(repository: must be an image repository/,
    );
    expect(missing[1]).toBe(
      'ports: greenroom.dev/ports "80,http" is not a port list ("http" is not a port number; write ports as "8080" or "80,9090")',
    );
    expect(missing[2]).toBe(
      'git: github.com/project-slug "just-a-name" is not a repository such as "owner/name"',
    );
    expect(serviceInputSchema.safeParse(service).success).toBe(true);
  });

  it('names a service validly, however the Component is named', () => {
    const { service } = serviceFromComponent(
      component('customer-notification-preferences-service'),
    );
    expect(isValidServiceName(service.name)).toBe(true);
    expect(service.name.length).toBeLessThanOrEqual(MAX_SERVICE_NAME_LENGTH);
    expect(service.name.startsWith('customer-notifi')).toBe(true);
  });

  it('never throws and always returns a service the schema accepts', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('8080', '80,9090', 'redis:7', 'a/b', 'x@y'),
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/),
        text,
        text,
        text,
        fc.constantFrom('service', 'website', 'job', undefined),
        (name, image, ports, slug, type) => {
          const { service, missing } = serviceFromComponent(
            component(
              name,
              {
                'greenroom.dev/image': image,
                'greenroom.dev/ports': ports,
                'github.com/project-slug': slug,
              },
              { type },
            ),
          );
          expect(serviceInputSchema.safeParse(service).success).toBe(true);
          for (const entry of missing) {
            expect(entry).toMatch(/^(image|ports|git): /);
          }
        },
      ),
    );
  });
});
