// Benchmark 2: GET /api/environments/environments beside the catalog's own
// paginated entity query over the same environments, both served by one
// backend (startTestBackend, real PostgreSQL), requests interleaved. With
// `catalog: false` (the curve) only our API is served and measured.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  type DeferredEntity,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { AddressInfo } from 'node:net';
import { DatabaseEnvironmentsStore } from '../plugins/environments-backend/src/storage/DatabaseEnvironmentsStore';
import { SecretBox } from '../plugins/environments-backend/src/secrets/SecretBox';
import { EnvironmentEntitiesProcessor } from '../plugins/catalog-backend-module-environments/src/processor';
import {
  PROVIDER_LOCATION,
  toEnvironmentEntity,
} from '../plugins/catalog-backend-module-environments/src/provider/toEnvironmentEntity';
import { toApiEnvironment } from '../plugins/environments-common/src/api';
import { SECRETS_KEY, type FixtureStats } from './fixture';
import {
  median,
  percentile,
  pgClient,
  postgresUrl,
  progress,
  timed,
} from './lib';

export const DB_PREFIX = 'greenroom_bench_';

/** Each variant: what it asks, our query string, the catalog's closest equivalent. */
export const variants = (n: number): Array<[string, string, string]> => [
  [
    'first page, by name',
    'limit=50',
    'filter=kind=environment&limit=50&orderField=metadata.name,asc',
  ],
  [
    `offset ${n / 2}`,
    `limit=50&offset=${n / 2}`,
    `filter=kind=environment&limit=50&offset=${
      n / 2
    }&orderField=metadata.name,asc`,
  ],
  [
    `offset ${n - 50} (last page)`,
    `limit=50&offset=${n - 50}`,
    `filter=kind=environment&limit=50&offset=${
      n - 50
    }&orderField=metadata.name,asc`,
  ],
  [
    'mode=development',
    'limit=50&mode=development',
    'filter=kind=environment,spec.mode=development&limit=50&orderField=metadata.name,asc',
  ],
  [
    'owner + sort -updatedAt',
    `limit=50&owner=${encodeURIComponent(
      'group:default/team-7',
    )}&sort=-updatedAt`,
    'filter=kind=environment,spec.owner=group:default/team-7&limit=50&orderField=metadata.name,desc',
  ],
  [
    'status=running + sort lastActivityAt',
    'limit=50&status=running&sort=lastActivityAt',
    'filter=kind=environment,spec.state=running&limit=50&orderField=metadata.name,asc',
  ],
  [
    'system + sort expiresAt, offset 100',
    `limit=50&offset=100&system=${encodeURIComponent(
      'system:default/sys-3',
    )}&sort=expiresAt`,
    'filter=kind=environment,spec.system=system:default/sys-3&limit=50&offset=100&orderField=metadata.name,asc',
  ],
  [
    'text search',
    'limit=50&q=sys17',
    'filter=kind=environment&fullTextFilterTerm=sys17&limit=50&orderField=metadata.name,asc',
  ],
];

export interface ListResult {
  fixture: FixtureStats;
  catalogIngestSeconds: number;
  rounds: number;
  ours: number[];
  catalog: number[];
  perVariant: Array<{
    name: string;
    ours: number[];
    catalog: number[];
    oursTotal: number;
    catalogTotal: number;
  }>;
}

/**
 * Runs on the environments database the caller seeded (`<prefix>environments`)
 * and an empty catalog database (`<prefix>catalog`).
 */
export async function runListBench(options: {
  environments: number;
  rounds: number;
  fixture: FixtureStats;
  /** Also serve the catalog and measure its side (default true). */
  catalog?: boolean;
}): Promise<ListResult> {
  const VARIANTS = variants(options.environments);
  const { fixture } = options;
  const withCatalog = options.catalog ?? true;
  const envDb = pgClient(`${DB_PREFIX}environments`, { min: 0, max: 2 });

  let connection: EntityProviderConnection | undefined;
  const benchProvider = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'greenroom-bench',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addProcessor(new EnvironmentEntitiesProcessor());
          catalog.addEntityProvider({
            getProviderName: () => 'greenroom-environments',
            connect: async c => {
              connection = c;
            },
          });
        },
      });
    },
  });

  progress(
    `2: starting a backend (${
      withCatalog ? 'environments + catalog plugins' : 'environments plugin'
    }) on PostgreSQL`,
  );
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:0',
            database: {
              client: 'pg',
              connection: postgresUrl(),
              prefix: DB_PREFIX,
              knexConfig: { pool: { min: 0, max: 10 } },
            },
          },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Group',
                  'User',
                  'Location',
                  'Environment',
                  'ServiceTemplate',
                ],
              },
            ],
            // processed once; no re-processing while we measure
            processingInterval: { hours: 24 },
          },
          environments: { secretsKey: SECRETS_KEY, defaultRuntime: 'local' },
        },
      }),
      mockServices.database.factory(),
      import('../plugins/environments-backend/src'),
      ...(withCatalog
        ? [import('@backstage/plugin-catalog-backend'), benchProvider]
        : []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api`;
  const headers = { authorization: mockCredentials.user.header() };
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`, { headers });
    const body = await response.json();
    if (!response.ok)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };

  // the catalog: a full mutation with exactly the entities our provider emits;
  // returns the seconds until every entity is processed and stitched
  const ingestCatalog = async (): Promise<number> => {
    const secrets = new SecretBox(SECRETS_KEY);
    const store = await DatabaseEnvironmentsStore.forTest(envDb, secrets);
    const entities: DeferredEntity[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await store.listEnvironments({
        filter: {},
        access: { allow: 'all' },
        sort: 'name',
        limit: 1000,
        offset,
      });
      entities.push(
        ...page.items.map(e => ({
          entity: toEnvironmentEntity(toApiEnvironment(e)),
          locationKey: PROVIDER_LOCATION,
        })),
      );
      if (page.items.length < 1000) break;
    }
    if (!connection) throw new Error('catalog provider not connected');
    progress(
      `2: catalog full mutation of ${entities.length} Environment entities; waiting until processed and stitched`,
    );
    const catalogDb = pgClient(`${DB_PREFIX}catalog`, { min: 0, max: 1 });
    const ingest = await timed(async () => {
      await connection!.applyMutation({ type: 'full', entities });
      let last = '';
      let lastShown = 0;
      for (;;) {
        await new Promise(r => setTimeout(r, 2000));
        const [{ pending }] = await catalogDb('refresh_state')
          .whereNull('processed_entity')
          .count({ pending: '*' });
        const [{ stitched }] = await catalogDb('final_entities')
          .whereNotNull('final_entity')
          .count({ stitched: '*' });
        const api = await get(
          '/catalog/entities/by-query?filter=kind=environment&limit=1',
        );
        const line = `processed ${entities.length - Number(pending)}/${
          entities.length
        }, stitched ${stitched}, by-query totalItems ${api.totalItems}`;
        if (line !== last && Date.now() - lastShown >= 10_000) {
          progress(`2:   ${line}`);
          lastShown = Date.now();
        }
        last = line;
        if (
          Number(pending) === 0 &&
          Number(stitched) >= entities.length &&
          api.totalItems === entities.length
        )
          break;
      }
    });
    await catalogDb.destroy();
    progress(`2: catalog ready after ${(ingest.ms / 1000).toFixed(1)} s`);
    return ingest.ms / 1000;
  };

  try {
    const catalogIngestSeconds = withCatalog ? await ingestCatalog() : 0;
    progress(
      `2: measuring ${options.rounds} rounds × ${VARIANTS.length} variants${
        withCatalog ? ', interleaved with the catalog' : ' (our API only)'
      }`,
    );

    const perVariant = VARIANTS.map(([name]) => ({
      name,
      ours: [] as number[],
      catalog: [] as number[],
      oursTotal: 0,
      catalogTotal: 0,
    }));
    const one = async (path: string) => {
      const t0 = performance.now();
      const body = await get(path);
      return { ms: performance.now() - t0, body };
    };
    for (let round = -2; round < options.rounds; round++) {
      for (const [i, [, ours, catalog]] of VARIANTS.entries()) {
        const a = () => one(`/environments/environments?${ours}`);
        const b = () => one(`/catalog/entities/by-query?${catalog}`);
        if (!withCatalog) {
          const ra = await a();
          if (round >= 0) perVariant[i].ours.push(ra.ms);
          perVariant[i].oursTotal = ra.body.totalCount;
          continue;
        }
        // alternate which goes first, so that neither profits from the other's cache warmth
        const [ra, rb] =
          round % 2 === 0
            ? [await a(), await b()]
            : (([y, x]) => [x, y])([await b(), await a()]);
        if ((ra.body.items.length === 0) !== (rb.body.items.length === 0)) {
          throw new Error(
            `variant ${VARIANTS[i][0]}: one side returned an empty page`,
          );
        }
        if (round >= 0) {
          perVariant[i].ours.push(ra.ms);
          perVariant[i].catalog.push(rb.ms);
        }
        perVariant[i].oursTotal = ra.body.totalCount;
        perVariant[i].catalogTotal = rb.body.totalItems;
      }
      if (round >= 0 && (round + 1) % 10 === 0)
        progress(`2:   round ${round + 1}/${options.rounds}`);
    }
    const ours = perVariant.flatMap(v => v.ours);
    const catalog = perVariant.flatMap(v => v.catalog);
    progress(
      `2: ours p50 ${median(ours).toFixed(1)} ms p95 ${percentile(
        ours,
        95,
      ).toFixed(1)} ms${
        withCatalog
          ? `; catalog p50 ${median(catalog).toFixed(1)} ms p95 ${percentile(
              catalog,
              95,
            ).toFixed(1)} ms`
          : ''
      }`,
    );
    return {
      fixture,
      catalogIngestSeconds,
      rounds: options.rounds,
      ours,
      catalog,
      perVariant,
    };
  } finally {
    await backend.stop();
    await envDb.destroy();
  }
}
