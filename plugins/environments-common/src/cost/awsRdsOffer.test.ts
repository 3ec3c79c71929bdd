import { readAwsRdsOffer } from './awsRdsOffer';
import offer from './__fixtures__/amazonRdsOffer.json';

const POSTGRES_IRELAND = { databaseEngine: 'PostgreSQL', region: 'eu-west-1' };

describe('readAwsRdsOffer', () => {
  it('reads the on-demand hourly price of each class of one engine, region and deployment', () => {
    expect(readAwsRdsOffer(offer, POSTGRES_IRELAND)).toEqual({
      managedDatabaseHourly: { 'db.t4g.medium': 0.072, 'db.m6g.large': 0.168 },
    });
    expect(
      readAwsRdsOffer(offer, {
        ...POSTGRES_IRELAND,
        deploymentOption: 'Multi-AZ',
      }).managedDatabaseHourly,
    ).toEqual({ 'db.t4g.medium': 0.144 });
    expect(
      readAwsRdsOffer(offer, {
        databaseEngine: 'MySQL',
        region: 'EU (Ireland)',
      }).managedDatabaseHourly,
    ).toEqual({ 'db.t4g.medium': 0.07 });
  });

  it('turns the GB-month price of a selected volume type into a GB-hour rate', () => {
    const prices = readAwsRdsOffer(offer, {
      ...POSTGRES_IRELAND,
      storageVolumeType: 'General Purpose',
    });
    expect(prices.storageGbHour).toBeCloseTo(0.127 / 730, 12);
  });

  it('names the field that is malformed', () => {
    const broken = JSON.parse(JSON.stringify(offer));
    broken.terms.OnDemand.PGM6GLGSAZ['PGM6GLGSAZ.JRTCKXETXF'].priceDimensions[
      'PGM6GLGSAZ.JRTCKXETXF.6YS6EN2CT7'
    ].pricePerUnit.USD = 'free';
    expect(() => readAwsRdsOffer(broken, POSTGRES_IRELAND)).toThrow(
      'terms.OnDemand.PGM6GLGSAZ.PGM6GLGSAZ.JRTCKXETXF.priceDimensions.PGM6GLGSAZ.JRTCKXETXF.6YS6EN2CT7.pricePerUnit.USD: expected a non-negative price, got free',
    );
    expect(() =>
      readAwsRdsOffer({ offerCode: 'AmazonRDS' }, POSTGRES_IRELAND),
    ).toThrow('products: expected an object');
    expect(() =>
      readAwsRdsOffer({ offerCode: 'AmazonEC2' }, POSTGRES_IRELAND),
    ).toThrow('offerCode: expected AmazonRDS, got "AmazonEC2"');
  });

  it('refuses a selection that prices nothing, or two prices for one class', () => {
    expect(() =>
      readAwsRdsOffer(offer, {
        databaseEngine: 'PostgreSQL',
        region: 'ap-south-1',
      }),
    ).toThrow(
      'products: no instance priced in Hrs for databaseEngine PostgreSQL, region ap-south-1, deploymentOption Single-AZ',
    );
    const twice = JSON.parse(JSON.stringify(offer));
    twice.products.OTHER = {
      ...twice.products.PGT4GMEDSAZ,
      sku: 'OTHER',
      attributes: {
        ...twice.products.PGT4GMEDSAZ.attributes,
        licenseModel: 'Bring your own license',
      },
    };
    twice.terms.OnDemand.OTHER = {
      'OTHER.JRTCKXETXF': {
        priceDimensions: {
          'OTHER.JRTCKXETXF.6YS6EN2CT7': {
            unit: 'Hrs',
            pricePerUnit: { USD: '0.05' },
          },
        },
      },
    };
    expect(() => readAwsRdsOffer(twice, POSTGRES_IRELAND)).toThrow(
      /db\.t4g\.medium has two prices .*select a licenseModel/,
    );
    expect(
      readAwsRdsOffer(twice, {
        ...POSTGRES_IRELAND,
        licenseModel: 'No license required',
      }).managedDatabaseHourly['db.t4g.medium'],
    ).toBe(0.072);
  });
});
