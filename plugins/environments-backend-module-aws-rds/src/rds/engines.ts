import type { Service } from '@greenroom/plugin-environments-common';
import { RuntimeError } from '@greenroom/plugin-environments-node';
import type { EngineMode } from './config';

/**
 * The RDS engine of a managed database. Redis and MongoDB are not RDS engines
 * (they would be ElastiCache and DocumentDB), so asking for them is a
 * permanent error the user fixes in the service.
 */
export function rdsEngineFor(service: Service, mode: EngineMode): string {
  const engine = service.database?.engine;
  if (engine === 'postgresql') {
    return mode === 'aurora' ? 'aurora-postgresql' : 'postgres';
  }
  if (engine === 'mysql') {
    return mode === 'aurora' ? 'aurora-mysql' : 'mysql';
  }
  throw new RuntimeError(
    `Service ${service.name} asks for a managed ${
      engine ?? 'unknown'
    } database, which AWS RDS does not offer; use database.mode: container, or the postgresql or mysql engine`,
    { transient: false, code: 'UnsupportedEngine' },
  );
}

// Names RDS refuses as master user names for PostgreSQL or MySQL.
const RESERVED_USERNAMES = new Set([
  'admin',
  'postgres',
  'rdsadmin',
  'rdsrepladmin',
  'root',
  'mysql',
  'user',
  'public',
]);

function toSqlIdentifier(serviceName: string, maxLength: number): string {
  const base = serviceName
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^[^a-z]+/, '');
  return (base || 'db').slice(0, maxLength).replace(/_+$/, '');
}

/**
 * The master user of a service's database: the service name with `_`
 * (`orders-db` → `orders_db`), at most 16 characters (MySQL's limit), never a
 * name RDS reserves. Clones keep it, so the same service has the same user.
 */
export function masterUsernameFor(serviceName: string): string {
  const name = toSqlIdentifier(serviceName, 16);
  return RESERVED_USERNAMES.has(name) ? `${name.slice(0, 11)}_user` : name;
}

/** The database created in the instance: the service name with `_`. */
export function databaseNameFor(serviceName: string): string {
  return toSqlIdentifier(serviceName, 63);
}
