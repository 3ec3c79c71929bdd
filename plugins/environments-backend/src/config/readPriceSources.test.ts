import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readEnvironmentsConfig } from './readEnvironmentsConfig';

const dir = mkdtempSync(join(tmpdir(), 'greenroom-prices-'));

/** A minimal AmazonRDS offer file: one PostgreSQL class (not in the defaults) and gp2 storage in eu-west-1. */
function offerFile(usd = '0.0720000000'): string {
  const path = join(dir, `AmazonRDS-${usd}.json`);
  const instance = {
    sku: 'PGT4GMED',
    productFamily: 'Database Instance',
    attributes: {
      instanceType: 'db.r6g.large',
      databaseEngine: 'PostgreSQL',
      deploymentOption: 'Single-AZ',
      regionCode: 'eu-west-1',
      location: 'EU (Ireland)',
    },
  };
  const storage = {
    sku: 'GP2',
    productFamily: 'Database Storage',
    attributes: {
      volumeType: 'General Purpose',
      databaseEngine: 'Any',
      deploymentOption: 'Single-AZ',
      regionCode: 'eu-west-1',
    },
  };
  const term = (sku: string, unit: string, price: string) => ({
    [`${sku}.JRTCKXETXF`]: {
      offerTermCode: 'JRTCKXETXF',
      sku,
      priceDimensions: {
        [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
          unit,
          pricePerUnit: { USD: price },
        },
      },
    },
  });
  writeFileSync(
    path,
    JSON.stringify({
      offerCode: 'AmazonRDS',
      products: { PGT4GMED: instance, GP2: storage },
      terms: {
        OnDemand: {
          PGT4GMED: term('PGT4GMED', 'Hrs', usd),
          GP2: term('GP2', 'GB-Mo', '0.1460000000'),
        },
      },
    }),
  );
  return path;
}

const read = (environments: object) =>
  readEnvironmentsConfig(
    new ConfigReader({
      environments: {
        secretsKey: 'a-test-key-that-is-long-enough-for-aes',
        ...environments,
      },
    }),
  );

describe('environments.priceSources', () => {
  it('defaults to the configured rates, called estimate', () => {
    const config = read({});
    expect(config.priceSources).toEqual({ ratesSource: 'estimate' });
  });

  it("takes the AWS price file's classes and storage price over the defaults, not over explicit prices", () => {
    const config = read({
      prices: { managedDatabaseHourly: { 'db.m6g.large': 0.2 } },
      priceSources: {
        awsRdsPriceFile: {
          path: offerFile(),
          databaseEngine: 'PostgreSQL',
          region: 'eu-west-1',
          storageVolumeType: 'General Purpose',
        },
      },
    });
    expect(config.priceSources.ratesSource).toBe('aws-price-file');
    expect(config.prices.managedDatabaseHourly).toMatchObject({
      'db.r6g.large': 0.072,
      'db.m6g.large': 0.2,
    });
    expect(config.prices.storageGbHour).toBeCloseTo(0.146 / 730, 12);
    // The classes the file prices may be asked for.
    expect(config.limits.managedDatabaseClasses.development).toContain(
      'db.r6g.large',
    );
  });

  it('fails startup naming the path and the field of a bad price file', () => {
    const path = offerFile('twelve');
    expect(() =>
      read({
        priceSources: {
          awsRdsPriceFile: {
            path,
            databaseEngine: 'PostgreSQL',
            region: 'eu-west-1',
          },
        },
      }),
    ).toThrow(
      `environments.priceSources.awsRdsPriceFile.path (${path}): terms.OnDemand.PGT4GMED.PGT4GMED.JRTCKXETXF.priceDimensions.PGT4GMED.JRTCKXETXF.6YS6EN2CT7.pricePerUnit.USD: expected a non-negative price, got twelve`,
    );
    const missing = join(dir, 'missing.json');
    expect(() =>
      read({
        priceSources: {
          awsRdsPriceFile: {
            path: missing,
            databaseEngine: 'PostgreSQL',
            region: 'eu-west-1',
          },
        },
      }),
    ).toThrow(
      `environments.priceSources.awsRdsPriceFile.path (${missing}): cannot read the file as JSON`,
    );
    expect(() =>
      read({
        prices: { currency: 'EUR' },
        priceSources: {
          awsRdsPriceFile: {
            path: offerFile(),
            databaseEngine: 'PostgreSQL',
            region: 'eu-west-1',
          },
        },
      }),
    ).toThrow('AWS prices are in USD, but environments.prices.currency is EUR');
  });

  it('reads a cluster cost source with limits', () => {
    expect(
      read({
        priceSources: {
          cluster: {
            type: 'kubecost',
            baseUrl: 'http://kubecost:9090',
            timeout: '10s',
          },
        },
      }).priceSources.cluster,
    ).toEqual({
      type: 'kubecost',
      baseUrl: 'http://kubecost:9090',
      timeoutMs: 10_000,
      maxResponseBytes: 32 * 1024 * 1024,
    });
    expect(() =>
      read({
        priceSources: { cluster: { type: 'prometheus', baseUrl: 'http://x' } },
      }),
    ).toThrow(
      "environments.priceSources.cluster.type: must be 'opencost' or 'kubecost'",
    );
    expect(() =>
      read({
        priceSources: {
          cluster: { type: 'opencost', baseUrl: 'opencost:9003' },
        },
      }),
    ).toThrow(
      'environments.priceSources.cluster.baseUrl: must be an http(s) URL',
    );
    expect(() =>
      read({
        priceSources: {
          cluster: {
            type: 'opencost',
            baseUrl: 'http://o:9003',
            timeout: '1h',
          },
        },
      }),
    ).toThrow(
      'environments.priceSources.cluster.timeout: must be between 1s and 10m',
    );
  });

  it("refuses a cluster source whose currency is not the prices' currency", () => {
    const cluster = { type: 'opencost', baseUrl: 'http://o:9003' };
    expect(() =>
      read({ prices: { currency: 'EUR' }, priceSources: { cluster } }),
    ).toThrow(
      'environments.priceSources.cluster.currency: the cluster reports costs in USD (the default of OpenCost and Kubecost), but environments.prices.currency is EUR',
    );
    expect(() =>
      read({
        prices: { currency: 'EUR' },
        priceSources: { cluster: { ...cluster, currency: 'GBP' } },
      }),
    ).toThrow(
      'environments.priceSources.cluster.currency: the cluster reports costs in GBP, but environments.prices.currency is EUR',
    );
    expect(
      read({
        prices: { currency: 'EUR' },
        priceSources: { cluster: { ...cluster, currency: 'EUR' } },
      }).priceSources.cluster?.type,
    ).toBe('opencost');
  });
});
