import * as common from '../index';

describe('cost exports', () => {
  it('are exported from the package root', () => {
    for (const name of [
      'AUTO_STOP_REASON',
      'DEFAULT_PRICE_RATES',
      'DEFAULT_IDLE_AFTER_MS',
      'COST_GROUP_BYS',
      'readPriceRates',
      'roundMoney',
      'formatMoney',
      'costOfInterval',
      'zeroCost',
      'idleCost',
      'savingsFromAutoStop',
      'costGroupKey',
      'summarizeCost',
      'costAmountsByEnvironment',
      'costSeries',
      'projectMonth',
      'hoursInUtcMonth',
      'toCsv',
      'readAllocationResponse',
      'allocatedCostAmounts',
      'readAwsRdsOffer',
    ]) {
      expect([name, typeof (common as Record<string, unknown>)[name]]).toEqual([
        name,
        expect.stringMatching(/^(function|object|string|number)$/),
      ]);
    }
  });
});
