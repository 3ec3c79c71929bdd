import { RuntimeError } from '@greenroom/plugin-environments-node';
import { testRequest } from '../__testUtils__/fixtures';
import { databaseNameFor, masterUsernameFor, rdsEngineFor } from './engines';

describe('rdsEngineFor', () => {
  it.each([
    ['postgresql', 'instance', 'postgres'],
    ['mysql', 'instance', 'mysql'],
    ['postgresql', 'aurora', 'aurora-postgresql'],
    ['mysql', 'aurora', 'aurora-mysql'],
  ] as const)('%s in %s mode is %s', (engine, mode, expected) => {
    expect(rdsEngineFor(testRequest({ engine }).service, mode)).toBe(expected);
  });

  it('refuses engines RDS does not have, naming the service', () => {
    const error = (() => {
      try {
        return rdsEngineFor(
          testRequest({ engine: 'redis' }).service,
          'instance',
        );
      } catch (e) {
        return e as RuntimeError;
      }
    })() as RuntimeError;
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.transient).toBe(false);
    expect(error.message).toBe(
      'Service orders-db asks for a managed redis database, which AWS RDS does not offer; use database.mode: container, or the postgresql or mysql engine',
    );
  });
});

describe('masterUsernameFor / databaseNameFor', () => {
  it('turns the service name into an SQL identifier within the limits', () => {
    expect(masterUsernameFor('orders-db')).toBe('orders_db');
    expect(masterUsernameFor('a-very-long-service-name-db')).toBe(
      'a_very_long_serv',
    );
    expect(masterUsernameFor('abcdefghijklmno-p')).toBe('abcdefghijklmno');
    expect(databaseNameFor('a-very-long-service-name-db')).toBe(
      'a_very_long_service_name_db',
    );
  });

  it('avoids user names RDS reserves', () => {
    expect(masterUsernameFor('postgres')).toBe('postgres_user');
    expect(masterUsernameFor('admin')).toBe('admin_user');
  });
});
