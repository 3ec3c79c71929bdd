import { createHash, type KeyObject } from 'node:crypto';
import {
  resolvedEnvironment,
  testSecretHashKey,
} from '../testing/environments';
import { renderEnvironment } from './renderEnvironment';
import type { KubeObject } from './types';

const API_TOKEN = 'svc-token-canary-0123456789';
const STRIPE_KEY = 'sk_test_canary_abcdef';
const DB_PASSWORD = 'db-password-canary-42';

const shop = (secretHashKey?: KeyObject | null) =>
  resolvedEnvironment({
    secretHashKey,
    name: 'staging',
    id: '2b0d3c4e-1111-4222-8333-944455556666',
    services: [
      {
        name: 'orders-api',
        kind: 'application',
        image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
        ports: [
          { port: 8080, public: true },
          { port: 9090, public: false },
        ],
        replicas: 2,
        resources: { cpu: '500m', memory: '512Mi' },
        variables: [
          { key: 'API_TOKEN', kind: 'secret', value: API_TOKEN },
          { key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
        ],
      },
      {
        name: 'web',
        kind: 'container',
        image: { repository: 'nginx' },
        ports: [{ port: 80, public: true }],
        customDomains: ['shop.example.com'],
      },
      {
        name: 'orders-db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16', mode: 'container' },
        resources: { cpu: '250m', memory: '256Mi', storage: '5Gi' },
      },
      {
        name: 'cache',
        kind: 'database',
        database: {
          engine: 'redis',
          version: '7',
          mode: 'container',
          storageGb: 2,
        },
      },
      {
        name: 'billing-db',
        kind: 'database',
        database: { engine: 'mysql', version: '8', mode: 'managed' },
      },
      {
        name: 'migrate',
        kind: 'job',
        image: { repository: 'ghcr.io/example/migrate', tag: '3' },
      },
    ],
    variables: [
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      { key: 'STRIPE_KEY', kind: 'secret', value: STRIPE_KEY },
    ],
    databaseCredentials: { 'orders-db': { password: DB_PASSWORD } },
  });

const options = {
  namespacePrefix: 'gr-',
  installationId: 'gr-test0001',
  ingress: { baseDomain: 'preview.example.com', className: 'nginx' },
};

function find(objects: KubeObject[], kind: string, name: string): any {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
}

const resolvedEnvironmentWithKey = (key: KeyObject | null) => shop(key);

describe('renderEnvironment', () => {
  const rendered = renderEnvironment(shop(), options);
  const objects = rendered.objects.map(o => o.object);
  const all = [rendered.namespace, ...objects];

  it('renders a namespace per environment and the objects of every service', () => {
    expect(rendered.namespace.metadata.name).toBe('gr-staging');
    expect(all.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        'Namespace/gr-staging',
        'Secret/greenroom.secrets',
        'Service/orders-api-staging',
        'Ingress/orders-api',
        'Deployment/orders-api',
        'Service/web-staging',
        'Ingress/web',
        'Deployment/web',
        'Service/orders-db-staging',
        'StatefulSet/orders-db',
        'Service/cache-staging',
        'StatefulSet/cache',
        'ConfigMap/migrate',
        'Job/migrate',
      ].sort(),
    );
    expect(objects.every(o => o.metadata.namespace === 'gr-staging')).toBe(
      true,
    );
  });

  it('puts the ownership labels, installation included, on every object', () => {
    for (const object of all) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'greenroom',
        'greenroom.dev/installation': 'gr-test0001',
        'greenroom.dev/environment': 'staging',
        'greenroom.dev/environment-id': '2b0d3c4e-1111-4222-8333-944455556666',
      });
    }
    for (const { object, service } of rendered.objects) {
      expect(object.metadata.labels!['greenroom.dev/service']).toBe(service);
    }
    const deployment = find(objects, 'Deployment', 'orders-api');
    expect(
      deployment.spec.template.metadata.labels['greenroom.dev/service'],
    ).toBe('orders-api');
    // Pods and volume claims carry it too.
    expect(
      deployment.spec.template.metadata.labels['greenroom.dev/installation'],
    ).toBe('gr-test0001');
    const db = find(objects, 'StatefulSet', 'orders-db');
    expect(
      db.spec.volumeClaimTemplates[0].metadata.labels[
        'greenroom.dev/installation'
      ],
    ).toBe('gr-test0001');
    // Selectors are immutable: they stay without it.
    expect(
      deployment.spec.selector.matchLabels['greenroom.dev/installation'],
    ).toBeUndefined();
  });

  it('skips managed databases, which another module provisions', () => {
    expect(rendered.skipped).toEqual(['billing-db']);
    expect(all.some(o => o.metadata.name.startsWith('billing-db'))).toBe(false);
    expect(rendered.services.map(s => s.name)).not.toContain('billing-db');
  });

  it('keeps secret values in Secret objects only', () => {
    const outside = JSON.stringify(all.filter(o => o.kind !== 'Secret'));
    for (const secret of [API_TOKEN, STRIPE_KEY, DB_PASSWORD]) {
      expect(outside).not.toContain(secret);
    }
    // One Secret: every service's values under its own name, environment
    // secrets and database passwords included.
    expect(
      objects.filter(o => o.kind === 'Secret').map(o => o.metadata.name),
    ).toEqual(['greenroom.secrets']);
    expect(find(objects, 'Secret', 'greenroom.secrets').stringData).toEqual(
      expect.objectContaining({
        'orders-api.API_TOKEN': API_TOKEN,
        'orders-api.STRIPE_KEY': STRIPE_KEY,
        'orders-api.GR_ORDERS_DB_PASSWORD': DB_PASSWORD,
        'web.STRIPE_KEY': STRIPE_KEY,
        'web.GR_ORDERS_DB_PASSWORD': DB_PASSWORD,
        'orders-db.password': DB_PASSWORD,
      }),
    );
    expect(
      Object.keys(find(objects, 'Secret', 'greenroom.secrets').stringData),
    ).not.toContain('web.API_TOKEN');
  });

  it("gives each container only its own service's secret values, by key", () => {
    const refs = (kind: string, name: string) =>
      (
        find(objects, kind, name).spec.template.spec.containers[0]
          .env as Array<{
          name: string;
          valueFrom?: { secretKeyRef: { name: string; key: string } };
        }>
      ).flatMap(e =>
        e.valueFrom ? [[e.name, e.valueFrom.secretKeyRef.key]] : [],
      );
    expect(
      find(objects, 'Deployment', 'web').spec.template.spec.containers[0].env,
    ).toContainEqual({
      name: 'STRIPE_KEY',
      valueFrom: {
        secretKeyRef: { name: 'greenroom.secrets', key: 'web.STRIPE_KEY' },
      },
    });
    expect(refs('Deployment', 'web').sort()).toEqual([
      ['GR_ORDERS_DB_PASSWORD', 'web.GR_ORDERS_DB_PASSWORD'],
      ['STRIPE_KEY', 'web.STRIPE_KEY'],
    ]);
    expect(refs('StatefulSet', 'orders-db')).toEqual([
      ['POSTGRES_PASSWORD', 'orders-db.password'],
    ]);
  });

  it('puts plain resolved values inline in the container env, built-ins and aliases included', () => {
    const env: Array<{ name: string; value: string }> = find(
      objects,
      'Deployment',
      'orders-api',
    ).spec.template.spec.containers[0].env;
    const data = Object.fromEntries(env.map(e => [e.name, e.value]));
    expect(data).toMatchObject({
      LOG_LEVEL: 'debug',
      GR_ENVIRONMENT_NAME: 'staging',
      GR_ORDERS_DB_HOST: 'orders-db-staging',
      DATABASE_URL: 'postgresql://orders_db@orders-db-staging:5432/orders_db',
    });
    // Secret values come by reference only.
    expect(data.API_TOKEN).toBeUndefined();
    expect(data.GR_ORDERS_DB_PASSWORD).toBeUndefined();
  });

  it('writes a ConfigMap only for a job (a changed value must not run it again), no Secret for a service without secret values', () => {
    expect(
      objects.filter(o => o.kind === 'ConfigMap').map(o => o.metadata.name),
    ).toEqual(['migrate']);
    expect(
      find(objects, 'Job', 'migrate').spec.template.spec.containers[0].envFrom,
    ).toEqual([{ configMapRef: { name: 'migrate' } }]);
    const env = shop();
    env.variables.environment = env.variables.environment.filter(
      v => !v.secret,
    );
    for (const list of Object.values(env.variables.services)) {
      list.splice(0, list.length, ...list.filter(v => !v.secret));
    }
    const plain = renderEnvironment(env, options).objects.map(o => o.object);
    expect(
      plain.filter(o => o.kind === 'Secret').map(o => o.metadata.name),
    ).toEqual([]);
    const container = find(plain, 'Deployment', 'web').spec.template.spec
      .containers[0];
    expect(container.envFrom).toBeUndefined();
    expect(container.env.length).toBeGreaterThan(0);
    expect(
      container.env.some((e: { valueFrom?: unknown }) => e.valueFrom),
    ).toBe(false);
  });

  it('escapes $ in plain values, so Kubernetes does not expand $(NAME) in them', () => {
    const env = shop();
    env.variables.services.web.push({
      key: 'TEMPLATE',
      kind: 'value',
      value: 'a$(HOME)b$$c$',
      secret: false,
      source: 'service',
    });
    const container = find(
      renderEnvironment(env, options).objects.map(o => o.object),
      'Deployment',
      'web',
    ).spec.template.spec.containers[0];
    expect(
      container.env.find((e: { name: string }) => e.name === 'TEMPLATE').value,
    ).toBe('a$$(HOME)b$$$$c$$');
  });

  it('renders a Deployment with image, replicas, resources, ports and env', () => {
    const deployment = find(objects, 'Deployment', 'orders-api');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.selector.matchLabels).toEqual({
      'greenroom.dev/environment': 'staging',
      'greenroom.dev/service': 'orders-api',
    });
    const [container] = deployment.spec.template.spec.containers;
    expect(container).toEqual({
      name: 'orders-api',
      image: 'ghcr.io/example/orders-api:1.0.0',
      ports: [
        { containerPort: 8080, protocol: 'TCP' },
        { containerPort: 9090, protocol: 'TCP' },
      ],
      resources: {
        requests: { cpu: '500m', memory: '512Mi' },
        limits: { cpu: '500m', memory: '512Mi' },
      },
      env: expect.arrayContaining([
        { name: 'LOG_LEVEL', value: 'debug' },
        {
          name: 'API_TOKEN',
          valueFrom: {
            secretKeyRef: {
              name: 'greenroom.secrets',
              key: 'orders-api.API_TOKEN',
            },
          },
        },
      ]),
    });
    const web = find(objects, 'Deployment', 'web').spec.template.spec
      .containers[0];
    expect(web.image).toBe('nginx:latest');
    expect(web.envFrom).toBeUndefined();
  });

  it('names Services <service>-<environment> so built-in hosts resolve', () => {
    const service = find(objects, 'Service', 'orders-api-staging');
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.selector).toEqual(
      find(objects, 'Deployment', 'orders-api').spec.selector.matchLabels,
    );
    expect(service.spec.ports.map((p: any) => p.port)).toEqual([8080, 9090]);
  });

  it('publishes public ports on custom domains, else under the base domain', () => {
    const api = find(objects, 'Ingress', 'orders-api');
    expect(api.spec.ingressClassName).toBe('nginx');
    expect(api.spec.rules).toEqual([
      {
        host: 'orders-api-staging.preview.example.com',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: { name: 'orders-api-staging', port: { number: 8080 } },
              },
            },
          ],
        },
      },
    ]);
    expect(find(objects, 'Ingress', 'web').spec.rules[0].host).toBe(
      'shop.example.com',
    );
    const urls = Object.fromEntries(
      rendered.services.map(s => [s.name, s.urls]),
    );
    expect(urls['orders-api']).toEqual([
      'https://orders-api-staging.preview.example.com',
    ]);
    expect(urls['orders-db']).toEqual([]);
    expect(
      rendered.services.find(s => s.name === 'orders-db')!.internalUrls,
    ).toEqual(['postgresql://orders-db-staging:5432']);
  });

  it('renders no Ingress without a base domain or custom domain, and in-cluster URLs', () => {
    const plain = renderEnvironment(shop(), {
      namespacePrefix: 'env-',
      installationId: 'gr-test0001',
    });
    expect(plain.namespace.metadata.name).toBe('env-staging');
    const ingresses = plain.objects.filter(o => o.object.kind === 'Ingress');
    expect(ingresses.map(o => o.object.metadata.name)).toEqual(['web']);
    const api = plain.services.find(s => s.name === 'orders-api')!;
    expect(api.urls).toEqual([]);
    expect(api.internalUrls).toEqual([
      'http://orders-api-staging:8080',
      'http://orders-api-staging:9090',
    ]);
  });

  it('renders container databases as StatefulSets with a volume claim and the engine image', () => {
    const db = find(objects, 'StatefulSet', 'orders-db');
    expect(db.spec.serviceName).toBe('orders-db-staging');
    expect(
      db.spec.volumeClaimTemplates[0].spec.resources.requests.storage,
    ).toBe('5Gi');
    expect(
      db.spec.volumeClaimTemplates[0].metadata.labels['greenroom.dev/service'],
    ).toBe('orders-db');
    const [container] = db.spec.template.spec.containers;
    expect(container.image).toBe('postgres:16');
    expect(container.env).toContainEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: {
        secretKeyRef: { name: 'greenroom.secrets', key: 'orders-db.password' },
      },
    });
    expect(container.env).toContainEqual({
      name: 'POSTGRES_USER',
      value: 'orders_db',
    });
    expect(container.volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/postgresql/data' },
    ]);

    const cache = find(objects, 'StatefulSet', 'cache');
    expect(cache.spec.template.spec.containers[0].image).toBe('redis:7');
    expect(
      cache.spec.volumeClaimTemplates[0].spec.resources.requests.storage,
    ).toBe('2Gi');
    // No password was set for the cache: no key, no password argument.
    expect(
      Object.keys(find(objects, 'Secret', 'greenroom.secrets').stringData),
    ).not.toContain('cache.password');
    expect(cache.spec.template.spec.containers[0].args).toBeUndefined();
  });

  it('defaults database storage to 1Gi and runs without a password when none is known', () => {
    const env = resolvedEnvironment({
      name: 'dev',
      services: [
        {
          name: 'pg',
          kind: 'database',
          database: { engine: 'postgresql', version: '15' },
        },
        {
          name: 'docs',
          kind: 'database',
          database: { engine: 'mongodb', version: '7' },
        },
        {
          name: 'sql',
          kind: 'database',
          database: { engine: 'mysql', version: '8' },
        },
      ],
    });
    const out = renderEnvironment(env, options).objects.map(o => o.object);
    const pg = find(out, 'StatefulSet', 'pg');
    expect(
      pg.spec.volumeClaimTemplates[0].spec.resources.requests.storage,
    ).toBe('1Gi');
    expect(pg.spec.template.spec.containers[0].env).toContainEqual({
      name: 'POSTGRES_HOST_AUTH_METHOD',
      value: 'trust',
    });
    expect(
      find(out, 'StatefulSet', 'docs').spec.template.spec.containers[0].image,
    ).toBe('mongo:7');
    expect(
      find(out, 'StatefulSet', 'sql').spec.template.spec.containers[0].env,
    ).toContainEqual({
      name: 'MYSQL_ALLOW_EMPTY_PASSWORD',
      value: 'yes',
    });
    expect(out.some(o => o.kind === 'Secret')).toBe(false);
  });

  it('renders job services as Jobs that run once', () => {
    const job = find(objects, 'Job', 'migrate');
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/example/migrate:3',
    );
    expect(
      objects.some(
        o => o.kind === 'Service' && o.metadata.name === 'migrate-staging',
      ),
    ).toBe(false);
  });

  it('orders objects in tiers: configuration, databases, then workloads', () => {
    const tierOf = (kind: string) =>
      new Set(
        rendered.objects.filter(o => o.object.kind === kind).map(o => o.tier),
      );
    expect(tierOf('StatefulSet')).toEqual(new Set(['databases']));
    expect(tierOf('Deployment')).toEqual(new Set(['workloads']));
    expect(tierOf('Secret')).toEqual(new Set(['config']));
    expect(tierOf('Service')).toEqual(new Set(['config']));
  });

  it('is pure: the same input renders the same objects', () => {
    expect(renderEnvironment(shop(), options)).toEqual(rendered);
  });

  it('rolls pods when plain values change (they are in the pod template)', () => {
    const hash = (r: typeof rendered) =>
      JSON.stringify(
        find(
          r.objects.map(o => o.object),
          'Deployment',
          'orders-api',
        ).spec.template,
      );
    const changed = shop();
    changed.variables.services['orders-api'].push({
      key: 'NEW',
      kind: 'value',
      value: 'x',
      secret: false,
      source: 'service',
    });
    expect(hash(renderEnvironment(changed, options))).not.toBe(hash(rendered));
  });

  describe('secret hash', () => {
    const podAnnotations = (r: typeof rendered, kind: string, name: string) =>
      find(
        r.objects.map(o => o.object),
        kind,
        name,
      ).spec.template.metadata.annotations ?? {};
    const secretHash = (r: typeof rendered, kind: string, name: string) =>
      podAnnotations(r, kind, name)['greenroom.dev/secret-hash'];
    const withSecret = (key: string, value: string) => {
      const env = shop();
      const variable = env.variables.environment.find(v => v.key === key)!;
      variable.value = value;
      for (const list of Object.values(env.variables.services)) {
        const copy = list.find(
          v => v.key === key && v.source === 'environment',
        );
        if (copy) copy.value = value;
      }
      return env;
    };

    it('puts a keyed hash of the secret data on the pod template of every workload using it', () => {
      for (const [kind, name] of [
        ['Deployment', 'orders-api'],
        ['Deployment', 'web'],
        ['StatefulSet', 'orders-db'],
      ]) {
        expect(secretHash(rendered, kind, name)).toMatch(/^[0-9a-f]{32}$/);
      }
      // Without a Secret (the cache has no password), no hash.
      expect(secretHash(rendered, 'StatefulSet', 'cache')).toBeUndefined();
    });

    it('changes when a secret value changes, on the workloads that use it', () => {
      const changed = renderEnvironment(
        withSecret('STRIPE_KEY', 'sk_test_rotated'),
        options,
      );
      expect(secretHash(changed, 'Deployment', 'orders-api')).not.toBe(
        secretHash(rendered, 'Deployment', 'orders-api'),
      );
      expect(secretHash(changed, 'Deployment', 'web')).not.toBe(
        secretHash(rendered, 'Deployment', 'web'),
      );
      // The database does not use STRIPE_KEY.
      expect(secretHash(changed, 'StatefulSet', 'orders-db')).toBe(
        secretHash(rendered, 'StatefulSet', 'orders-db'),
      );
    });

    it('does not change when unrelated things change', () => {
      const env = shop();
      env.variables.services['orders-api'].push({
        key: 'NEW',
        kind: 'value',
        value: 'x',
        secret: false,
        source: 'service',
      });
      env.environment.services[0].replicas = 5;
      env.environment.title = 'Another title';
      const changed = renderEnvironment(env, options);
      for (const [kind, name] of [
        ['Deployment', 'orders-api'],
        ['Deployment', 'web'],
        ['StatefulSet', 'orders-db'],
      ]) {
        expect(secretHash(changed, kind, name)).toBe(
          secretHash(rendered, kind, name),
        );
      }
      // The plain values did change, in the pod template itself.
      const envOf = (r: typeof rendered) =>
        find(
          r.objects.map(o => o.object),
          'Deployment',
          'orders-api',
        ).spec.template.spec.containers[0].env;
      expect(envOf(changed)).not.toEqual(envOf(rendered));
    });

    it('is keyed: another key gives another hash, no key gives none', () => {
      const other = renderEnvironment(
        resolvedEnvironmentWithKey(testSecretHashKey('another')),
        options,
      );
      expect(secretHash(other, 'Deployment', 'orders-api')).not.toBe(
        secretHash(rendered, 'Deployment', 'orders-api'),
      );
      const none = renderEnvironment(resolvedEnvironmentWithKey(null), options);
      expect(secretHash(none, 'Deployment', 'orders-api')).toBeUndefined();
      // An unkeyed hash of the values would let anyone test guesses.
      const unkeyed = createHash('sha256')
        .update(
          JSON.stringify(
            Object.entries({
              API_TOKEN,
              STRIPE_KEY,
              GR_ORDERS_DB_PASSWORD: DB_PASSWORD,
            }).sort(),
          ),
        )
        .digest('hex');
      expect(unkeyed).not.toContain(
        secretHash(rendered, 'Deployment', 'orders-api'),
      );
    });

    it('never puts a value, nor the key, in the output outside Secrets', () => {
      const env = shop();
      const outside = JSON.stringify(
        renderEnvironment(env, options)
          .objects.map(o => o.object)
          .filter(o => o.kind !== 'Secret'),
      );
      for (const secret of [API_TOKEN, STRIPE_KEY, DB_PASSWORD]) {
        expect(outside).not.toContain(secret);
      }
      expect(outside).not.toContain(
        env.secretHashKey!.export().toString('hex'),
      );
      expect(outside).not.toContain(
        env.secretHashKey!.export().toString('base64'),
      );
    });
  });

  it('refuses an application without an image, naming it', () => {
    const env = resolvedEnvironment({
      name: 'dev',
      services: [
        { name: 'api', kind: 'application', git: { repository: 'x/y' } },
      ],
    });
    expect(() => renderEnvironment(env, options)).toThrow(
      expect.objectContaining({
        name: 'RuntimeError',
        transient: false,
        message: expect.stringMatching(/^api: no image to run/),
      }),
    );
  });
});
