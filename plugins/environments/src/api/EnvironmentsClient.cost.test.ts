import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  makeCostRow,
  makeCostSeries,
  makeCostSummary,
} from '../__testUtils__/cost';
import { EnvironmentsClient } from './EnvironmentsClient';

describe('EnvironmentsClient cost reports', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const baseUrl = 'http://backstage.test/api/environments';
  const client = new EnvironmentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  it('asks for the default summary without a query string and returns it', async () => {
    const summary = makeCostSummary(
      [makeCostRow({ key: 'shop-dev', compute: 3, idle: 1, idleHours: 12 })],
      { projectedMonth: 4.5 },
    );
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/cost/summary`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(summary);
      }),
    );

    await expect(client.getCostSummary()).resolves.toEqual(summary);
    expect(urls[0].search).toBe('');
  });

  it('sends the window, grouping and every filter of a summary', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/cost/summary`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(makeCostSummary([]));
      }),
    );

    await client.getCostSummary({
      groupBy: 'owner',
      from: '2026-10-01',
      to: '2026-11-01',
      owner: 'group:default/team-shop',
      system: 'system:default/shop',
      mode: 'preview',
      environment: 'shop-pr-42',
    });

    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      groupBy: 'owner',
      from: '2026-10-01',
      to: '2026-11-01',
      owner: 'group:default/team-shop',
      system: 'system:default/shop',
      mode: 'preview',
      environment: 'shop-pr-42',
    });
  });

  it('asks for the highest rows only with limit, and reads how many there are', async () => {
    const summary = {
      ...makeCostSummary([makeCostRow({ key: 'shop-dev', compute: 3 })]),
      rowCount: 7,
    };
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/cost/summary`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(summary);
      }),
    );

    const answer = await client.getCostSummary({
      from: '2026-11-01',
      limit: 1,
    });

    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      from: '2026-11-01',
      limit: '1',
    });
    expect(answer.rows).toHaveLength(1);
    expect(answer.rowCount).toBe(7);
  });

  it('asks for a daily series, leaving out empty filters', async () => {
    const series = makeCostSeries(['2026-11-01', '2026-11-02'], {
      'group:default/team-shop': [1, 2],
    });
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/cost/series`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(series);
      }),
    );

    await expect(
      client.getCostSeries({ groupBy: 'owner', owner: '', system: undefined }),
    ).resolves.toEqual(series);
    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      groupBy: 'owner',
      granularity: 'day',
    });
  });

  it('builds the CSV download URL from discovery with the same filters', async () => {
    await expect(client.costExportUrl()).resolves.toBe(
      `${baseUrl}/cost/export.csv`,
    );
    await expect(
      client.costExportUrl({
        groupBy: 'environment',
        from: '2026-11-01',
        owner: 'group:default/team-shop',
      }),
    ).resolves.toBe(
      `${baseUrl}/cost/export.csv?groupBy=environment&from=2026-11-01&owner=group%3Adefault%2Fteam-shop`,
    );
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/cost/summary`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'to: must be after from (2026-11-02T00:00:00.000Z)',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const error = await client
      .getCostSummary({ from: '2026-11-02', to: '2026-11-01' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe(
      'to: must be after from (2026-11-02T00:00:00.000Z)',
    );
  });
});
