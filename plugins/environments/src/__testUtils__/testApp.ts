import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import type { Operation } from '@greenroom/plugin-environments-common';
import {
  ApiEnvironment,
  EnvironmentsClient,
  PreviewQuotaResponse,
  environmentsApiRef,
} from '../api';
import { rootRouteRef } from '../routes';
import { serveCost } from './cost';

/** Where the test app's discovery API puts the environments backend. */
export const TEST_BACKEND_URL = 'http://backstage.test/api/environments';

/** The real client, over the mocked discovery API and the global fetch that msw intercepts. */
export const testApis = [
  [
    environmentsApiRef,
    new EnvironmentsClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: mockApis.fetch(),
    }),
  ],
] as const;

/** Mounts the catalog entity route, which EntityRefLink needs. */
export const testMountedRoutes = {
  '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
};

/** Also mounts the environments page, so its links resolve. */
export const testMountedRoutesWithEnvironments = {
  ...testMountedRoutes,
  '/environments': rootRouteRef,
};

/** A backend error body, as `@backstage/errors` serialises it. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

/**
 * Answers `GET /environments/{name}` (404 for other names) and
 * `GET /environments/{name}/operations` from what the test holds, so a test
 * can change them between requests. Records each request's path.
 */
export function serveEnvironment(
  server: SetupServer,
  state: { environment: ApiEnvironment; operations: Operation[] },
): string[] {
  const requests: string[] = [];
  server.use(
    http.get(
      `${TEST_BACKEND_URL}/environments/:name`,
      ({ params, request }) => {
        requests.push(new URL(request.url).pathname);
        if (params.name !== state.environment.name) {
          return errorResponse(
            404,
            'NotFoundError',
            `No environment named '${params.name}'`,
          );
        }
        return HttpResponse.json(state.environment);
      },
    ),
    http.get(
      `${TEST_BACKEND_URL}/environments/:name/operations`,
      ({ request }) => {
        requests.push(new URL(request.url).pathname);
        return HttpResponse.json({ items: state.operations });
      },
    ),
    // No service of these environments needs a template upgrade.
    http.get(`${TEST_BACKEND_URL}/environments/:name/template-upgrades`, () =>
      HttpResponse.json({ items: [] }),
    ),
  );
  // The environment's cost card: nothing has cost anything yet.
  serveCost(server);
  return requests;
}

/** Without a quota: what the environments page shows unless a test says otherwise. */
export const NO_PREVIEW_QUOTA: PreviewQuotaResponse = {
  configured: false,
  systems: [],
  teams: [],
};

/** Answers `GET /previews/quota` with `report`. */
export function servePreviewQuota(
  server: SetupServer,
  report: PreviewQuotaResponse,
) {
  server.use(
    http.get(`${TEST_BACKEND_URL}/previews/quota`, () =>
      HttpResponse.json(report),
    ),
  );
}

/**
 * Answers `GET /environments` by filtering `environments` the way the backend
 * does for the few parameters tests use, and records each request's query.
 */
export function serveEnvironmentList(
  server: SetupServer,
  environments: ApiEnvironment[],
): URLSearchParams[] {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(`${TEST_BACKEND_URL}/environments`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params);
      const q = params.get('q');
      const matches = environments.filter(
        env =>
          (!params.get('mode') || env.mode === params.get('mode')) &&
          (!params.get('status') || env.status === params.get('status')) &&
          (!params.get('system') || env.system === params.get('system')) &&
          (!params.get('owner') || env.owner === params.get('owner')) &&
          (!params.get('component') ||
            env.services.some(
              s => s.componentRef === params.get('component'),
            )) &&
          (!q || env.name.includes(q) || env.title.includes(q)),
      );
      const offset = Number(params.get('offset') ?? 0);
      const limit = Number(params.get('limit') ?? 50);
      return HttpResponse.json({
        items: matches.slice(offset, offset + limit),
        totalCount: matches.length,
      });
    }),
    // The list page shows the preview quotas under the list.
    http.get(`${TEST_BACKEND_URL}/previews/quota`, () =>
      HttpResponse.json(NO_PREVIEW_QUOTA),
    ),
  );
  return requests;
}
