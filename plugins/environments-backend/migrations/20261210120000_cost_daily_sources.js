// @ts-check

// Where each rolled-up day's figures come from: `cost_daily.source` per
// environment and day (`estimate`, `aws-price-file`, `opencost`, `kubecost`
// or a price module's name), and on `cost_daily_days` the error of a cluster
// cost source that failed for the day: the day then keeps the estimate and
// the next rollup tries again.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('cost_daily', table => {
    table.string('source', 64).notNullable().defaultTo('estimate');
  });
  await knex.schema.alterTable('cost_daily_days', table => {
    table.text('source_error').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cost_daily_days', table => {
    table.dropColumn('source_error');
  });
  await knex.schema.alterTable('cost_daily', table => {
    table.dropColumn('source');
  });
};
