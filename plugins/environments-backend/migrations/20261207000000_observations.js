// @ts-check

// What the runtimes last observed: one row per service (status, replicas,
// image, URLs, last problem) and one per environment for the reconcile loop
// (when it looked, when to look next, failures in a row for back-off, and the
// drift it found). Both go with their environment.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_observations', table => {
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('service_name', 63).notNullable();
    table.string('phase', 16).notNullable();
    table.integer('ready_replicas').nullable();
    table.integer('desired_replicas').nullable();
    table.text('image').nullable();
    table.text('public_urls').notNullable();
    table.text('internal_urls').notNullable();
    table.text('problem').nullable();
    table.bigInteger('last_transition_at').notNullable();
    table.bigInteger('observed_at').notNullable();

    table.primary(
      ['environment_id', 'service_name'],
      'service_observations_pkey',
    );
  });

  await knex.schema.createTable('environment_observations', table => {
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.bigInteger('observed_at').nullable();
    table.bigInteger('next_observe_at').notNullable();
    table.integer('failures').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table.text('drift').notNullable();
    // Where other plugins find the environment's objects (the Kubernetes plugin).
    table.text('entity_annotations').notNullable().defaultTo('{}');

    table.primary(['environment_id'], 'environment_observations_pkey');
    table.index(['next_observe_at'], 'environment_observations_next_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_observations');
  await knex.schema.dropTable('service_observations');
};
