import { LocalPostgresServer, localDatabaseName } from './LocalPostgresServer';

const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

describe('localDatabaseName', () => {
  it('names a database by environment and service, never the same for two pairs', () => {
    expect(localDatabaseName('staging', 'orders-db')).toBe(
      'gr_staging_orders-db',
    );
    expect(localDatabaseName('a-b', 'c')).not.toBe(
      localDatabaseName('a', 'b-c'),
    );
  });

  it('keeps long names within the 63 characters PostgreSQL keeps, and apart', () => {
    const env = 'e'.repeat(40);
    const one = localDatabaseName(env, 's'.repeat(22));
    const other = localDatabaseName(env, `${'s'.repeat(21)}t`);
    expect(one).toHaveLength(63);
    expect(one).toMatch(/^gr_e+_s+_[0-9a-f]{8}$/);
    expect(other).not.toBe(one);
  });
});

// Needs the test PostgreSQL server; reported as skipped without it.
(POSTGRES ? describe : describe.skip)('LocalPostgresServer', () => {
  it('creates a database once, reports it, and drops it', async () => {
    const server = new LocalPostgresServer({
      connection: POSTGRES ?? 'postgresql://skipped',
    });
    const name = localDatabaseName('server-test', 'orders-db');
    await server.drop(name);
    expect(await server.exists(name)).toBe(false);
    await server.create(name);
    await server.create(name);
    expect(await server.exists(name)).toBe(true);
    await server.drop(name);
    await server.drop(name);
    expect(await server.exists(name)).toBe(false);
  });
});
