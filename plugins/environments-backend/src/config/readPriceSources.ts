import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '@backstage/config';
import {
  type PriceRates,
  readAwsRdsOffer,
} from '@greenroom/plugin-environments-common';
import type { ClusterCostSettings } from '../cost/sources/ClusterCostSource';
import { readDurationMs, readWholeNumber } from './readers';

const FILE_KEY = 'environments.priceSources.awsRdsPriceFile';
const CLUSTER_KEY = 'environments.priceSources.cluster';

/** Where cost figures come from besides `environments.prices`. */
export interface PriceSourcesConfig {
  /** The rates with the price file's prices in, when one is configured. */
  rates: PriceRates;
  /** What reports call figures computed from the rates. */
  ratesSource: 'estimate' | 'aws-price-file';
  /** A cluster's cost allocation API for Kubernetes environments. */
  cluster?: ClusterCostSettings;
}

/**
 * Reads `environments.priceSources`: an AWS RDS price file (read and
 * checked now, so a bad file fails startup naming the path and field) and a
 * cluster cost allocation API (OpenCost or Kubecost).
 */
export function readPriceSources(
  config: Config,
  prices: PriceRates,
): PriceSourcesConfig {
  const file = config.getOptionalConfig(FILE_KEY);
  const rates = file ? withPriceFile(config, file, prices) : prices;
  return {
    rates,
    ratesSource: file ? 'aws-price-file' : 'estimate',
    cluster: readCluster(config, prices),
  };
}

function withPriceFile(
  config: Config,
  file: Config,
  prices: PriceRates,
): PriceRates {
  const path = resolve(file.getString('path'));
  if (prices.currency !== 'USD') {
    throw new Error(
      `${FILE_KEY}: AWS prices are in USD, but environments.prices.currency is ${prices.currency}`,
    );
  }
  let offer: unknown;
  try {
    offer = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `${FILE_KEY}.path (${path}): cannot read the file as JSON: ${
        (error as Error).message
      }`,
    );
  }
  let read;
  try {
    read = readAwsRdsOffer(offer, {
      databaseEngine: file.getString('databaseEngine'),
      region: file.getString('region'),
      deploymentOption: file.getOptionalString('deploymentOption'),
      licenseModel: file.getOptionalString('licenseModel'),
      storageVolumeType: file.getOptionalString('storageVolumeType'),
    });
  } catch (error) {
    throw new Error(`${FILE_KEY}.path (${path}): ${(error as Error).message}`);
  }
  // What environments.prices names explicitly wins over the file.
  const explicit = config.getOptional<Record<string, unknown>>(
    'environments.prices',
  );
  const explicitClasses = Object.keys(
    (explicit?.managedDatabaseHourly as object | undefined) ?? {},
  );
  const managedDatabaseHourly = {
    ...prices.managedDatabaseHourly,
    ...read.managedDatabaseHourly,
  };
  for (const instanceClass of explicitClasses) {
    managedDatabaseHourly[instanceClass] =
      prices.managedDatabaseHourly[instanceClass];
  }
  return {
    ...prices,
    managedDatabaseHourly,
    storageGbHour:
      read.storageGbHour !== undefined && explicit?.storageGbHour === undefined
        ? read.storageGbHour
        : prices.storageGbHour,
  };
}

function readCluster(
  config: Config,
  prices: PriceRates,
): ClusterCostSettings | undefined {
  const cluster = config.getOptionalConfig(CLUSTER_KEY);
  if (!cluster) return undefined;
  // The allocation APIs answer bare numbers: the currency is whatever the
  // cluster's pricing is configured in (USD unless changed), so the operator
  // says which, and it must be the one every other figure is in.
  const currency = cluster.getOptionalString('currency') ?? 'USD';
  if (currency !== prices.currency) {
    throw new Error(
      `${CLUSTER_KEY}.currency: the cluster reports costs in ${currency}${
        cluster.has('currency') ? '' : ' (the default of OpenCost and Kubecost)'
      }, but environments.prices.currency is ${
        prices.currency
      }; set both to the currency the cluster's pricing is configured in`,
    );
  }
  const type = cluster.getString('type');
  if (type !== 'opencost' && type !== 'kubecost') {
    throw new Error(
      `${CLUSTER_KEY}.type: must be 'opencost' or 'kubecost', got '${type}'`,
    );
  }
  const baseUrl = cluster.getString('baseUrl');
  let protocol: string;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(
      `${CLUSTER_KEY}.baseUrl: must be an http(s) URL such as http://opencost.opencost:9003, got '${baseUrl}'`,
    );
  }
  const timeoutMs = readDurationMs(config, `${CLUSTER_KEY}.timeout`, '30s');
  if (timeoutMs < 1000 || timeoutMs > 10 * 60_000) {
    throw new Error(`${CLUSTER_KEY}.timeout: must be between 1s and 10m`);
  }
  return {
    type,
    baseUrl,
    timeoutMs,
    maxResponseBytes: readWholeNumber(
      config,
      `${CLUSTER_KEY}.maxResponseBytes`,
      32 * 1024 * 1024,
      { min: 1024, max: 512 * 1024 * 1024 },
    ),
  };
}
