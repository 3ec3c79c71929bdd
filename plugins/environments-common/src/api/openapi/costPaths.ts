import { costQuery, name, query } from './parameters';
import { answer, errors } from './responses';

/** Cost reports: summary, daily series, CSV, what sharing a base saved, one environment's breakdown. */
export const costPaths = {
  '/environments/{name}/cost/sharing': {
    get: {
      operationId: 'GetSharingSavings',
      description:
        "What a full clone would have cost on top of an environment that shares a base: the base's services it does not deploy, priced while it ran (and their storage while it was stopped), by the ledger's formula. Needs environments.cost.read and read access to the environment.",
      parameters: [name, costQuery[1], costQuery[2]],
      responses: {
        '200': answer('The savings over the window', 'SharingSavings'),
        ...errors,
      },
    },
  },
  '/environments/{name}/cost/breakdown': {
    get: {
      operationId: 'GetCostBreakdown',
      description:
        "How an environment's cost over the window was computed: its ledger intervals clipped to the window (what each reserved, its hourly rates and cost), the rates and their source, and the totals, which equal what GET /cost/summary reports for it. Needs environments.cost.read and read access to the environment (404 otherwise). The window and the intervals listed are bounded (environments.cost.breakdown).",
      parameters: [name, costQuery[1], costQuery[2]],
      responses: {
        '200': answer('The breakdown of the window', 'CostBreakdown'),
        ...errors,
      },
    },
  },
  '/cost/summary': {
    get: {
      operationId: 'GetCostSummary',
      parameters: [
        ...costQuery,
        query(
          'limit',
          { type: 'integer', minimum: 1 },
          'Only this many rows, those of the highest totals (a page that shows the top spenders needs no more); rowCount and totals still cover every row. At most environments.cost.summary.maxLimit (default 1000), else 400; default every row',
        ),
      ],
      responses: {
        '200': answer(
          'Cost per group over the window, with the rates used; projectedMonth when the window is the current month so far',
          'CostSummary',
        ),
        ...errors,
      },
    },
  },
  '/cost/sharing': {
    get: {
      operationId: 'GetSharingSavingsTotals',
      description:
        'What sharing a base saved, over the window, every environment the caller may read (and the filters keep) that shares one: see GET /environments/{name}/cost/sharing. groupBy is ignored.',
      parameters: costQuery,
      responses: {
        '200': answer(
          'The savings, in all and per environment',
          'SharingSavingsTotals',
        ),
        ...errors,
      },
    },
  },
  '/cost/series': {
    get: {
      operationId: 'GetCostSeries',
      parameters: [
        ...costQuery,
        query('granularity', { type: 'string', enum: ['day'] }),
      ],
      responses: {
        '200': answer(
          'Cost per group and UTC day, with the rates used',
          'CostSeries',
        ),
        ...errors,
      },
    },
  },
  '/cost/export.csv': {
    get: {
      operationId: 'ExportCostCsv',
      parameters: costQuery,
      responses: {
        '200': {
          description:
            'The summary rows as CSV (key,currency,total,compute,storage,database,idle,idle_hours,savings,source)',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        ...errors,
      },
    },
  },
} as const;
