// @ts-check

// A month-to-date cost summary prices today from the ledger: every open
// interval and those closed since midnight (`ended_at IS NULL OR ended_at >
// from`). Without an index PostgreSQL read all of service_intervals for them
// (1M rows at 10,000 environments, ~10% of them open); a plain index on
// ended_at did not serve the OR. Two partial indexes do, one per arm, combined
// in a BitmapOr: the open intervals by start, the closed ones by end.
// SQLite's ledgers are small (local use); it keeps a full scan.

const INDEXES = {
  service_intervals_open_started_idx: '(started_at) WHERE ended_at IS NULL',
  service_intervals_closed_ended_idx: '(ended_at) WHERE ended_at IS NOT NULL',
};

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  for (const [name, definition] of Object.entries(INDEXES)) {
    await knex.raw(`CREATE INDEX ${name} ON service_intervals ${definition}`);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  for (const name of Object.keys(INDEXES)) {
    await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  }
};
