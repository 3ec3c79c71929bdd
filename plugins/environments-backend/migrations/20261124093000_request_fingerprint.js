// @ts-check

// Trust boundaries of the API.
//
// - operations.request_fingerprint: sha256 of the method, path and canonical
//   JSON body of the request that queued the operation. An Idempotency-Key
//   replays only the same request; reused for another one it is refused.
//   Operations queued before this migration have none and replay as before.
// - environments (lower(owner)): the permission filter IS_OWNER compares
//   owners case-insensitively, as its `apply` does.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('operations', table => {
    table.string('request_fingerprint', 64).nullable();
  });
  await knex.raw(
    'CREATE INDEX environments_owner_lower_idx ON environments (lower(owner))',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX environments_owner_lower_idx');
  await knex.schema.alterTable('operations', table => {
    table.dropColumn('request_fingerprint');
  });
};
