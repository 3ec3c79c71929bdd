// @ts-check

// Orphan collection: when each thing a runtime or database provider manages,
// but no environment owns, was first seen. It is deleted only once it has
// stayed orphaned for the grace period, on whichever replica runs the task.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orphan_sightings', table => {
    table.string('key', 512).notNullable().primary();
    table.string('source', 128).notNullable().index();
    table.bigInteger('first_seen_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orphan_sightings');
};
