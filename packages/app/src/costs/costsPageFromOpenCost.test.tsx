import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import environmentsBackendPlugin from '@greenroom/plugin-environments-backend';
import { OpenCostDouble } from '@greenroom/plugin-environments-backend/testUtils';
import environmentsPlugin from '@greenroom/plugin-environments/alpha';
import { screen, within } from '@testing-library/react';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clusterRuntimeModule,
  namespaceOf,
} from './__testUtils__/clusterRuntimeModule';

jest.setTimeout(60_000);

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDay = (millis: number) => new Date(millis).toISOString().slice(0, 10);

/** What the cluster allocated to the environment's namespace each day. */
const ALLOCATED_PER_DAY = { cpuCost: 1.25, ramCost: 0.5, pvCost: 0.25 };

/**
 * The seed file (JSON is YAML) the backend loads on its first start: a
 * production environment on Kubernetes, which runs around the clock.
 */
function seedFile(dir: string): string {
  const file = join(dir, 'environments.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      environments: [
        {
          name: 'shop-production',
          system: 'system:default/shop',
          owner: 'group:default/team-shop',
          mode: 'production',
          runtime: { type: 'kubernetes' },
          services: [
            {
              name: 'storefront',
              kind: 'application',
              image: { repository: 'ghcr.io/example/storefront', tag: '1.8.2' },
              ports: [{ port: 3000, public: true }],
              resources: { cpu: '1', memory: '1Gi', storage: '1Gi' },
            },
          ],
        },
      ],
    }),
  );
  return file;
}

async function waitUntilRunning(baseUrl: string, name: string) {
  let status: string | undefined;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(
      `${baseUrl}/api/environments/environments/${name}`,
      { headers: { authorization: mockCredentials.user.header() } },
    );
    status = (await response.json()).status;
    if (status === 'running') return;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`${name} is ${status} after 20 s, not running`);
}

describe('the cost page with an OpenCost cluster cost source', () => {
  let double: OpenCostDouble;
  let dir: string;
  beforeEach(async () => {
    double = await OpenCostDouble.start();
    dir = mkdtempSync(join(tmpdir(), 'greenroom-costs-'));
  });
  afterEach(async () => {
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the namespace's allocated cost of rolled-up days, and OpenCost as their source", async () => {
    // The three complete days before today, which the seed's history covers.
    const today = Date.parse(`${utcDay(Date.now())}T00:00:00Z`);
    const days = [3, 2, 1].map(n => utcDay(today - n * DAY_MS));
    for (const day of days) {
      double.days.set(day, {
        [namespaceOf('shop-production')]: ALLOCATED_PER_DAY,
        'kube-system': { cpuCost: 9, ramCost: 9, pvCost: 0 },
      });
    }

    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      features: [
        environmentsBackendPlugin,
        clusterRuntimeModule,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              seed: { file: seedFile(dir), costHistoryDays: 3 },
              priceSources: {
                cluster: { type: 'opencost', baseUrl: double.baseUrl },
              },
            },
          },
        }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const baseUrl = `http://localhost:${port}`;
      // Once applied, the runtime's observation names the namespace.
      await waitUntilRunning(baseUrl, 'shop-production');
      // One run of the hourly rollup, as the scheduler would start it.
      const rollup = scheduler.scheduleTask.mock.calls.find(
        ([task]) => task.id === 'environments-cost-rollup',
      )![0];
      await rollup.fn(new AbortController().signal);

      // The app's environments plugin, its own EnvironmentsClient on the
      // test backend, as a signed-in user.
      renderTestApp({
        features: [environmentsPlugin],
        apis: [
          mockApis.discovery({ baseUrl }),
          mockApis.fetch({
            injectIdentityAuth: { token: mockCredentials.user.token() },
          }),
        ],
        initialRouteEntries: [
          `/environments/costs?filters[range]=custom&filters[from]=${days[0]}&filters[to]=${days[2]}`,
        ],
      });

      await screen.findByText('Top spenders', {}, { timeout: 20_000 });
      const row = screen.getByText('shop-production').closest('tr')!;
      // 3 days × 2.00 from the cluster; the estimate from the default
      // rates would be 72 h × (1 core, 1 GB, 1 GB) = USD 2.59.
      const cells = within(row).getAllByRole('cell');
      expect(cells[1]).toHaveTextContent('USD 6.00');
      // compute is CPU and memory, storage the volumes' cost
      expect(cells[2]).toHaveTextContent('USD 5.25');
      expect(cells[3]).toHaveTextContent('USD 0.75');
      expect(
        screen.getByRole('button', { name: /^Rates \(USD\)/ }),
      ).toHaveTextContent(
        "Source: OpenCost (the cluster's cost of each namespace)",
      );
      expect(screen.queryByText(/could not be read/)).not.toBeInTheDocument();
    } finally {
      await backend.stop();
    }
  });
});
