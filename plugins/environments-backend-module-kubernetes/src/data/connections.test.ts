import { resolvedEnvironment } from '../testing/environments';
import { databaseConnection, qualifiedHost } from './connections';

describe('databaseConnection', () => {
  it("reads a database's connection from the environment's built-ins", () => {
    const env = resolvedEnvironment({
      name: 'staging',
      services: [
        {
          name: 'orders-db',
          kind: 'database',
          database: { engine: 'postgresql', version: '16' },
        },
      ],
      databaseCredentials: {
        'orders-db': { password: 'pw', username: 'app', database: 'orders' },
      },
    });
    expect(databaseConnection(env, 'orders-db')).toEqual({
      host: 'orders-db-staging',
      port: 5432,
      user: 'app',
      database: 'orders',
      password: 'pw',
    });
  });

  it('names the variable it is missing', () => {
    const env = resolvedEnvironment({ name: 'staging', services: [] });
    expect(() => databaseConnection(env, 'db')).toThrow(
      'db of environment staging: GR_DB_HOST has no value, so its database cannot be reached',
    );
  });
});

describe('qualifiedHost', () => {
  it("gives a bare service name its namespace's DNS suffix and keeps other hosts", () => {
    expect(qualifiedHost('db-staging', 'gr-staging')).toBe(
      'db-staging.gr-staging.svc.cluster.local',
    );
    expect(qualifiedHost('db-staging', 'gr-staging', 'corp.internal')).toBe(
      'db-staging.gr-staging.svc.corp.internal',
    );
    expect(qualifiedHost('db.abc.eu-west-1.rds.amazonaws.com', 'x')).toBe(
      'db.abc.eu-west-1.rds.amazonaws.com',
    );
  });
});
