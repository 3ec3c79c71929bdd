// @ts-check

// The daily cost rollup: per UTC day and environment, what the ledger cost
// with the rates of `rates_key`. Reports read complete days from here and
// compute only the rest from the ledger.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_daily_days', table => {
    table.string('day', 10).notNullable().primary();
    table.string('rates_key', 64).notNullable();
    table.bigInteger('computed_at').notNullable();
  });
  await knex.schema.createTable('cost_daily', table => {
    table.string('day', 10).notNullable();
    table.string('environment_id', 36).notNullable();
    table.double('total').notNullable();
    table.double('compute').notNullable();
    table.double('storage').notNullable();
    table.double('database').notNullable();
    table.double('idle').notNullable();
    table.double('idle_hours').notNullable();
    table.double('savings').notNullable();
    table.primary(['day', 'environment_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_daily');
  await knex.schema.dropTable('cost_daily_days');
};
