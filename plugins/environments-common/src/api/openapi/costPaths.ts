import { costQuery, query } from './parameters';
import { answer, errors } from './responses';

/** Cost reports: summary, daily series, CSV. */
export const costPaths = {
  '/cost/summary': {
    get: {
      operationId: 'GetCostSummary',
      parameters: costQuery,
      responses: {
        '200': answer(
          'Cost per group over the window, with the rates used; projectedMonth when the window is the current month so far',
          'CostSummary',
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
            'The summary rows as CSV (key,currency,total,compute,storage,database,idle,savings)',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        ...errors,
      },
    },
  },
} as const;
