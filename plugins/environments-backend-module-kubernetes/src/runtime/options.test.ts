import { ConfigReader } from '@backstage/config';
import { DEFAULT_RUNTIME_OPTIONS, readRuntimeOptions } from './options';

const read = (kubernetes: object) =>
  readRuntimeOptions(new ConfigReader({ environments: { kubernetes } }));

describe('readRuntimeOptions', () => {
  it('uses the defaults when nothing is configured', () => {
    expect(readRuntimeOptions(new ConfigReader({}))).toEqual(
      DEFAULT_RUNTIME_OPTIONS,
    );
    expect(DEFAULT_RUNTIME_OPTIONS).toEqual({
      rolloutTimeoutMs: 600_000,
      destroyTimeoutMs: 600_000,
      pollIntervalMs: 2_000,
      concurrency: 16,
      wakeRedirectAnnotation: 'nginx.ingress.kubernetes.io/temporal-redirect',
      data: {
        images: {},
        transformerImage: 'node:22-alpine',
        timeoutMs: 7_200_000,
        keepFinishedMs: 3_600_000,
      },
    });
  });

  it('reads ingress settings and durations in every form Backstage config allows', () => {
    expect(
      read({
        ingress: {
          baseDomain: 'preview.example.com',
          className: 'nginx',
          wakeRedirect: false,
        },
        rolloutTimeout: '5m',
        destroyTimeout: { minutes: 2, seconds: 30 },
        pollInterval: '250ms',
        concurrency: 4,
      }),
    ).toEqual({
      ingress: { baseDomain: 'preview.example.com', className: 'nginx' },
      rolloutTimeoutMs: 300_000,
      destroyTimeoutMs: 150_000,
      pollIntervalMs: 250,
      concurrency: 4,
      wakeRedirectAnnotation: '',
      data: DEFAULT_RUNTIME_OPTIONS.data,
    });
    expect(read({ rolloutTimeout: 'PT1M' }).rolloutTimeoutMs).toBe(60_000);
    expect(
      read({ ingress: { wakeRedirectAnnotation: 'example.com/redirect-to' } })
        .wakeRedirectAnnotation,
    ).toBe('example.com/redirect-to');
  });

  it('reads the images and durations of data jobs', () => {
    expect(
      read({
        data: {
          images: {
            postgresql: 'mirror.example.com/postgres:{version}',
            mysql: 'mirror.example.com/mysql:{version}-oracle',
            transformer: 'mirror.example.com/node:22',
          },
          timeout: '30m',
          keepFinished: { minutes: 5 },
        },
      }).data,
    ).toEqual({
      images: {
        postgresql: 'mirror.example.com/postgres:{version}',
        mysql: 'mirror.example.com/mysql:{version}-oracle',
      },
      transformerImage: 'mirror.example.com/node:22',
      timeoutMs: 1_800_000,
      keepFinishedMs: 300_000,
    });
  });

  it('rejects a bad concurrency or duration, naming the key', () => {
    expect(() => read({ concurrency: 0 })).toThrow(
      'environments.kubernetes.concurrency: must be a whole number of at least 1',
    );
    expect(() => read({ rolloutTimeout: 'soon' })).toThrow(/rolloutTimeout/);
  });
});
