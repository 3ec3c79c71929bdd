/**
 * Which prices of an AWS Price List offer file for `AmazonRDS` to read.
 *
 * @public
 */
export interface AwsRdsOfferSelection {
  /** `attributes.databaseEngine`, e.g. `PostgreSQL`. */
  databaseEngine: string;
  /** `attributes.regionCode` (or `attributes.location`), e.g. `eu-west-1`. */
  region: string;
  /** `attributes.deploymentOption`; default `Single-AZ`. */
  deploymentOption?: string;
  /** `attributes.licenseModel`, for engines sold under several (Oracle, SQL Server). */
  licenseModel?: string;
  /**
   * `attributes.volumeType` of the storage whose GB-Mo price becomes the
   * storage rate, e.g. `General Purpose`; storage keeps its rate without it.
   */
  storageVolumeType?: string;
}

/** What an offer file prices. @public */
export interface AwsRdsOfferPrices {
  /** On-demand USD per hour per instance class, e.g. `db.t4g.medium`. */
  managedDatabaseHourly: Record<string, number>;
  /** USD per GB-hour of the selected storage (its GB-Mo price over 730 h). */
  storageGbHour?: number;
}

/** AWS bills a GB-month as 730 hours. */
const HOURS_PER_MONTH = 730;

type Json = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new TypeError(`${path}: ${message}`);
}

function objectAt(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(path, 'expected an object');
  }
  return value as Json;
}

function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  return value;
}

/** The single on-demand price of a SKU in `unit`, or undefined. */
function onDemandPrice(
  onDemand: Json,
  sku: string,
  unit: string,
): number | undefined {
  const terms = onDemand[sku];
  if (terms === undefined) return undefined;
  let price: number | undefined;
  const termsPath = `terms.OnDemand.${sku}`;
  for (const [termCode, term] of Object.entries(objectAt(terms, termsPath))) {
    const dimensionsPath = `${termsPath}.${termCode}.priceDimensions`;
    const dimensions = objectAt(
      objectAt(term, `${termsPath}.${termCode}`).priceDimensions,
      dimensionsPath,
    );
    for (const [rateCode, raw] of Object.entries(dimensions)) {
      const path = `${dimensionsPath}.${rateCode}`;
      const dimension = objectAt(raw, path);
      if (stringAt(dimension.unit, `${path}.unit`) !== unit) continue;
      const usdPath = `${path}.pricePerUnit.USD`;
      const text = stringAt(
        objectAt(dimension.pricePerUnit, `${path}.pricePerUnit`).USD,
        usdPath,
      );
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
        fail(usdPath, `expected a non-negative price, got ${text}`);
      }
      price = price === undefined ? value : Math.max(price, value);
    }
  }
  return price;
}

/**
 * Reads on-demand prices out of an AWS Price List bulk API offer file for
 * `AmazonRDS` (`products` keyed by SKU with `attributes`; prices under
 * `terms.OnDemand[sku][offerTermCode].priceDimensions[*].pricePerUnit.USD`):
 * the hourly price (`unit: "Hrs"`) of every instance class of the selected
 * engine, region and deployment option, and the storage price when a
 * volume type is selected. Throws a TypeError naming the field (a JSON path)
 * that is missing or malformed, two different prices for one class, or a
 * selection that matches no instance.
 * See https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html
 *
 * @public
 */
export function readAwsRdsOffer(
  offer: unknown,
  selection: AwsRdsOfferSelection,
): AwsRdsOfferPrices {
  const root = objectAt(offer, '(file)');
  if (root.offerCode !== undefined && root.offerCode !== 'AmazonRDS') {
    fail(
      'offerCode',
      `expected AmazonRDS, got ${JSON.stringify(root.offerCode)}`,
    );
  }
  const products = objectAt(root.products, 'products');
  const onDemand = objectAt(
    objectAt(root.terms, 'terms').OnDemand,
    'terms.OnDemand',
  );
  const deploymentOption = selection.deploymentOption ?? 'Single-AZ';
  const inRegion = (attributes: Json) =>
    attributes.regionCode === selection.region ||
    attributes.location === selection.region;

  const hourly: Record<string, number> = {};
  const skuOfClass: Record<string, string> = {};
  let storageGbMonth: number | undefined;
  for (const [sku, raw] of Object.entries(products)) {
    const attributes = objectAt(
      objectAt(raw, `products.${sku}`).attributes,
      `products.${sku}.attributes`,
    );
    if (
      selection.storageVolumeType !== undefined &&
      attributes.volumeType === selection.storageVolumeType &&
      attributes.deploymentOption === deploymentOption &&
      inRegion(attributes)
    ) {
      storageGbMonth = onDemandPrice(onDemand, sku, 'GB-Mo') ?? storageGbMonth;
      continue;
    }
    if (attributes.instanceType === undefined) continue;
    const instanceClass = stringAt(
      attributes.instanceType,
      `products.${sku}.attributes.instanceType`,
    );
    if (
      attributes.databaseEngine !== selection.databaseEngine ||
      attributes.deploymentOption !== deploymentOption ||
      !inRegion(attributes) ||
      (selection.licenseModel !== undefined &&
        attributes.licenseModel !== selection.licenseModel)
    ) {
      continue;
    }
    const price = onDemandPrice(onDemand, sku, 'Hrs');
    if (price === undefined) continue;
    if (
      hourly[instanceClass] !== undefined &&
      hourly[instanceClass] !== price
    ) {
      fail(
        `products.${sku}`,
        `${instanceClass} has two prices (${hourly[instanceClass]} in SKU ${skuOfClass[instanceClass]}, ${price} here); select a licenseModel`,
      );
    }
    hourly[instanceClass] = price;
    skuOfClass[instanceClass] = sku;
  }
  if (Object.keys(hourly).length === 0) {
    fail(
      'products',
      `no instance priced in Hrs for databaseEngine ${selection.databaseEngine}, region ${selection.region}, deploymentOption ${deploymentOption}`,
    );
  }
  if (
    selection.storageVolumeType !== undefined &&
    storageGbMonth === undefined
  ) {
    fail(
      'products',
      `no storage priced in GB-Mo for volumeType ${selection.storageVolumeType} in ${selection.region}`,
    );
  }
  return {
    managedDatabaseHourly: hourly,
    ...(storageGbMonth === undefined
      ? {}
      : { storageGbHour: storageGbMonth / HOURS_PER_MONTH }),
  };
}
