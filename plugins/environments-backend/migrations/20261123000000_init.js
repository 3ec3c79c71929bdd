// @ts-check

// Times are epoch milliseconds (bigint): they compare and subtract the same
// way on SQLite and PostgreSQL, which the cost ledger relies on. JSON columns
// are text, parsed by the store. Ids are uuids kept as strings, so that a
// malformed id in a URL is simply not found instead of a PostgreSQL error.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments', table => {
    table.string('id', 36).notNullable();
    table.string('name', 63).notNullable();
    table.text('title').notNullable();
    table.string('system', 255).notNullable();
    table.string('owner', 255).notNullable();
    table.string('mode', 32).notNullable();
    table.string('runtime_type', 64).notNullable();
    table.string('runtime_target', 255).nullable();
    table.text('policy').notNullable();
    table.string('desired_state', 32).notNullable();
    table.string('status', 32).notNullable();
    table.text('origin').notNullable();
    table.text('attention').notNullable();
    table.bigInteger('expires_at').nullable();
    table.bigInteger('last_activity_at').notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.integer('revision').notNullable();

    table.primary(['id'], 'environments_pkey');
    table.unique(['name'], { indexName: 'environments_name_uniq' });
    table.index(['system'], 'environments_system_idx');
    table.index(['owner'], 'environments_owner_idx');
  });

  await knex.schema.createTable('environment_services', table => {
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('name', 63).notNullable();
    table.integer('position').notNullable();
    table.string('kind', 32).notNullable();
    table.string('component_ref', 255).nullable();
    table.string('template_ref', 255).nullable();
    table.string('template_version', 64).nullable();
    // The whole Service except its variables, which have their own table.
    table.text('spec').notNullable();

    table.primary(['environment_id', 'name'], 'environment_services_pkey');
    table.index(['component_ref'], 'environment_services_component_ref_idx');
  });

  await knex.schema.createTable('environment_variables', table => {
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    // '' for environment scope, so that the key can be part of the primary key.
    table.string('service_name', 63).notNullable();
    table.string('key', 128).notNullable();
    table.string('kind', 16).notNullable();
    // For secrets, the ciphertext from SecretBox.
    table.text('value').nullable();
    table.string('alias_of', 128).nullable();

    table.primary(
      ['environment_id', 'service_name', 'key'],
      'environment_variables_pkey',
    );
  });

  // No foreign key: operations outlive their environment (a destroy is one).
  await knex.schema.createTable('operations', table => {
    table.string('id', 36).notNullable();
    table.string('environment_id', 36).notNullable();
    table.string('environment_name', 63).notNullable();
    table.string('type', 32).notNullable();
    table.string('status', 32).notNullable();
    table.text('steps').notNullable();
    table.text('input').nullable();
    table.text('checkpoints').notNullable();
    table.string('idempotency_key', 255).nullable();
    table.string('requested_by', 255).notNullable();
    table.text('error').nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('lease_owner', 255).nullable();
    table.bigInteger('lease_expires_at').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();

    table.primary(['id'], 'operations_pkey');
    table.unique(['requested_by', 'idempotency_key'], {
      indexName: 'operations_idempotency_uniq',
    });
    table.index(['status', 'created_at'], 'operations_status_created_idx');
    table.index(
      ['environment_id', 'created_at'],
      'operations_environment_created_idx',
    );
  });

  await knex.schema.createTable('activity', table => {
    table.increments('id');
    table.string('environment_id', 36).notNullable();
    table.string('kind', 64).notNullable();
    table.string('actor', 255).nullable();
    table.bigInteger('at').notNullable();

    table.index(['environment_id', 'at'], 'activity_environment_at_idx');
  });

  // The cost ledger: what each service reserved, and when.
  await knex.schema.createTable('service_intervals', table => {
    table.increments('id');
    table.string('environment_id', 36).notNullable();
    table.string('service_name', 63).notNullable();
    table.string('state', 16).notNullable();
    table.bigInteger('started_at').notNullable();
    // null while the interval is open
    table.bigInteger('ended_at').nullable();
    table.double('cpu_cores').notNullable();
    table.double('memory_gb').notNullable();
    table.double('storage_gb').notNullable();
    table.string('instance_class', 64).nullable();
    table.string('reason', 64).nullable();

    table.index(
      ['environment_id', 'started_at'],
      'service_intervals_environment_started_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('service_intervals');
  await knex.schema.dropTable('activity');
  await knex.schema.dropTable('operations');
  await knex.schema.dropTable('environment_variables');
  await knex.schema.dropTable('environment_services');
  await knex.schema.dropTable('environments');
};
