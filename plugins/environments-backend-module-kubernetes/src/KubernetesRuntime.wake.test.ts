import {
  app,
  context,
  eachTestOnADouble,
  makeRuntime,
  shop,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

const REDIRECT = 'nginx.ingress.kubernetes.io/temporal-redirect';
const WAKE_URL = 'https://portal.example.com/api/environments/wake/shop/web';

/** `shop` whose `web` is public on a custom domain, with the backend's waking page for it. */
const publicShop = (wakeUrls?: Record<string, string>) => ({
  ...shop([
    app('api', { replicas: 2 }),
    app('web', {
      ports: [{ port: 8080, public: true }],
      customDomains: ['shop.example.com'],
    }),
  ]),
  ...(wakeUrls && { wakeUrls }),
});

describe('KubernetesRuntime: wake routing', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  const webIngress = () => double.get('Ingress', 'gr-shop', 'web')!;

  it('points a stopped environment’s Ingresses at the waking page and restores them on start', async () => {
    const env = publicShop({ web: WAKE_URL });
    await runtime.apply(env, context());
    const before = webIngress();
    expect(before.metadata.annotations?.[REDIRECT]).toBeUndefined();

    await runtime.stop(env, context());
    const stopped = webIngress();
    expect(stopped.metadata.annotations).toMatchObject({
      [REDIRECT]: WAKE_URL,
      'greenroom.dev/wake-redirect': REDIRECT,
    });
    // hosts, rules and TLS stay: DNS and certificates do not change
    expect(stopped.spec).toEqual(before.spec);

    await runtime.start(env, context());
    const started = webIngress();
    expect(started.metadata.annotations?.[REDIRECT]).toBeUndefined();
    expect(
      started.metadata.annotations?.['greenroom.dev/wake-redirect'],
    ).toBeUndefined();
    expect(started.spec).toEqual(before.spec);
  });

  it('removes the annotation it added even after the configured one changed', async () => {
    const env = publicShop({ web: WAKE_URL });
    await runtime.apply(env, context());
    await runtime.stop(env, context());
    const other = makeRuntime([{ name: 'double', double }], {
      wakeRedirectAnnotation: 'example.com/redirect-to',
    });
    await other.start(env, context());
    expect(webIngress().metadata.annotations?.[REDIRECT]).toBeUndefined();
  });

  it('leaves Ingresses alone without a waking page or with the annotation switched off', async () => {
    await runtime.apply(publicShop(), context());
    await runtime.stop(publicShop(), context());
    expect(webIngress().metadata.annotations?.[REDIRECT]).toBeUndefined();

    const off = makeRuntime([{ name: 'double', double }], {
      wakeRedirectAnnotation: '',
    });
    const env = publicShop({ web: WAKE_URL });
    await off.start(env, context());
    await off.stop(env, context());
    expect(webIngress().metadata.annotations?.[REDIRECT]).toBeUndefined();
  });
});
