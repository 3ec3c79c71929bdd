// @ts-check

// The policy sweep (idle, schedule, TTL) and the activity poller.
// Times are epoch milliseconds, as in the init migration.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Notifications the policy sweep sent (or is sending), once per event: an
  // environment, a kind of notice (idle-warning, idle-stopped,
  // expiry-warning, expired) and the period it belongs to (the idle period's
  // start, the expiry time). Inserting first claims the notice, so two
  // sweeps never send it twice.
  await knex.schema.createTable('policy_notices', table => {
    table.string('environment_id', 36).notNullable();
    table.string('kind', 32).notNullable();
    table.string('period_key', 64).notNullable();
    table.bigInteger('sent_at').notNullable();

    table.primary(
      ['environment_id', 'kind', 'period_key'],
      'policy_notices_pkey',
    );
    table.index(['sent_at'], 'policy_notices_sent_at_idx');
  });

  // Up to when each ActivitySource has been read.
  await knex.schema.createTable('activity_cursors', table => {
    table.string('source_id', 255).notNullable();
    table.bigInteger('read_until').notNullable();

    table.primary(['source_id'], 'activity_cursors_pkey');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('activity_cursors');
  await knex.schema.dropTable('policy_notices');
};
