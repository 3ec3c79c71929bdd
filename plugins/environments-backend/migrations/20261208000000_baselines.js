// @ts-check

// Shared baselines: an environment that deploys only some services and
// reaches the rest in a base environment names that base (by id, and its name
// as shown) and whether it shares the base's databases too. Indexed by the
// base, to find an environment's dependants before it is stopped or destroyed.

const COLUMNS = [
  'baseline_environment_id',
  'baseline_environment',
  'baseline_databases',
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('environments', table => {
    table.string('baseline_environment_id', 36).nullable();
    table.string('baseline_environment', 63).nullable();
    table.string('baseline_databases', 16).nullable();
    table.index(['baseline_environment_id'], 'environments_baseline_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('environments', table => {
    table.dropIndex(['baseline_environment_id'], 'environments_baseline_idx');
  });
  // Raw: knex would rebuild the table on SQLite, deleting its children's rows.
  for (const column of COLUMNS) {
    await knex.raw('ALTER TABLE environments DROP COLUMN ??', [column]);
  }
};
