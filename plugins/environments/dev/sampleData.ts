import {
  dataRulesSchema,
  type DataRules,
} from '@greenroom/plugin-environments-common';
import type { ApiEnvironment } from '../src';

/**
 * The data rules of the sample `db` services: a copy out of staging shows
 * its rules and made-up rows, and one out of production is refused for the
 * sensitive column left without a rule.
 */
const SAMPLE_DATA_RULES: DataRules = dataRulesSchema.parse({
  sensitive: ['users.email', 'users.full_name', 'users.phone', 'users.address'],
  rules: [
    { column: 'users.email', transform: 'email' },
    { column: 'users.full_name', transform: 'name' },
    { column: 'users.phone', transform: 'phone' },
    { column: 'payments.card_token', transform: 'null' },
    { column: 'orders.country', transform: 'fixed', value: 'NL' },
  ],
  subset: [
    {
      table: 'orders',
      where: "created_at > now() - interval '30 days'",
      limit: 5000,
    },
    { table: 'audit_log', limit: 0 },
  ],
  seed: {
    sql: [
      'CREATE TABLE users (id serial PRIMARY KEY, email text, full_name text);',
      "INSERT INTO users (email, full_name) VALUES ('demo@example.com', 'Demo User');",
      'CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users, total numeric);',
      'INSERT INTO orders (user_id, total) VALUES (1, 42.50), (1, 9.99);',
      'CREATE TABLE audit_log (id serial PRIMARY KEY, entry text);',
      "INSERT INTO audit_log (entry) VALUES ('seeded');",
      'ANALYZE;',
    ].join('\n'),
  },
});

/** The environment with the sample data rules on its `db` services. */
export function withSampleDataRules(
  environment: ApiEnvironment,
): ApiEnvironment {
  return {
    ...environment,
    services: environment.services.map(service =>
      service.name === 'db' && service.database
        ? {
            ...service,
            database: { ...service.database, data: SAMPLE_DATA_RULES },
          }
        : service,
    ),
  };
}
