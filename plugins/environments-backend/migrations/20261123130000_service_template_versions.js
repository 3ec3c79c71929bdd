// @ts-check

// The catalog holds only the current version of a ServiceTemplate. Every
// version the backend has seen is kept here with its spec, so environments
// running an older version can be told what changed and upgraded.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_template_versions', table => {
    table.string('template_ref', 255).notNullable();
    table.string('version', 64).notNullable();
    table.string('lifecycle', 32).notNullable();
    table.text('spec').notNullable();
    table.bigInteger('first_seen_at').notNullable();
    table.primary(['template_ref', 'version']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('service_template_versions');
};
