// @ts-check

// Credentials of the database services of an environment: a password the
// backend generates once (encrypted like secret variables, never copied by a
// clone) and, for managed databases, the endpoint the provider reported.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('database_credentials', table => {
    table.string('environment_id', 36).notNullable();
    table.string('service_name', 63).notNullable();
    table.text('password').notNullable();
    table.text('endpoint').nullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['environment_id', 'service_name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('database_credentials');
};
