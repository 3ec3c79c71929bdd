import { DEFAULT_PRICE_RATES, readPriceRates } from './rates';

describe('DEFAULT_PRICE_RATES', () => {
  it('holds the documented defaults', () => {
    expect(DEFAULT_PRICE_RATES).toEqual({
      currency: 'USD',
      cpuCoreHour: 0.031611,
      memoryGbHour: 0.004237,
      storageGbHour: 0.0000548,
      managedDatabaseHourly: {
        'db.t4g.micro': 0.016,
        'db.t4g.small': 0.032,
        'db.t4g.medium': 0.065,
        'db.m6g.large': 0.152,
      },
    });
  });
});

describe('readPriceRates', () => {
  it('returns a copy of the defaults when nothing is configured', () => {
    const rates = readPriceRates(undefined);
    expect(rates).toEqual(DEFAULT_PRICE_RATES);
    rates.managedDatabaseHourly['db.x'] = 1;
    expect(DEFAULT_PRICE_RATES.managedDatabaseHourly['db.x']).toBeUndefined();
  });

  it('merges partial config over the defaults', () => {
    const rates = readPriceRates({
      currency: 'EUR',
      cpuCoreHour: 0.05,
      managedDatabaseHourly: { 'db.t4g.micro': 0.02, 'db.r6g.large': 0.25 },
    });
    expect(rates).toEqual({
      currency: 'EUR',
      cpuCoreHour: 0.05,
      memoryGbHour: 0.004237,
      storageGbHour: 0.0000548,
      managedDatabaseHourly: {
        'db.t4g.micro': 0.02,
        'db.t4g.small': 0.032,
        'db.t4g.medium': 0.065,
        'db.m6g.large': 0.152,
        'db.r6g.large': 0.25,
      },
    });
  });

  it('merges over given defaults', () => {
    const base = readPriceRates({ storageGbHour: 0.001 });
    expect(readPriceRates({ memoryGbHour: 0 }, base)).toMatchObject({
      memoryGbHour: 0,
      storageGbHour: 0.001,
    });
  });

  it.each([
    [{ cpuCoreHour: -1 }, /cpuCoreHour/],
    [{ memoryGbHour: Number.NaN }, /memoryGbHour/],
    [{ storageGbHour: '0.1' }, /storageGbHour/],
    [{ currency: '' }, /currency/],
    [
      { managedDatabaseHourly: { 'db.x': -0.1 } },
      /managedDatabaseHourly\.db\.x/,
    ],
    [{ managedDatabaseHourly: [] }, /managedDatabaseHourly/],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => readPriceRates(input as any)).toThrow(message);
  });
});
