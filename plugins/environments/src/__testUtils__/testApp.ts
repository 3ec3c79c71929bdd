import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Environment } from '@greenroom/plugin-environments-common';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { EnvironmentsClient, environmentsApiRef } from '../api';

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

/**
 * Answers `GET /environments` by filtering `environments` the way the backend
 * does for the few parameters tests use, and records each request's query.
 */
export function serveEnvironmentList(
  server: SetupServer,
  environments: Environment[],
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
  );
  return requests;
}
