// @ts-check

// Custom domains: a host belongs to at most one
// environment, and the primary key says so, so that two concurrent requests
// cannot both take it. The store writes these rows in the transaction that
// writes the environment's services (hosts lower-cased, as DNS compares them).
//
// Filled from the services' `customDomains`. A host that several environments
// already hold stays with the one created first; the others keep it in their
// spec, but it is not theirs here (logged), so their next change of services
// must drop it (409 naming the holder).

const INSERT_CHUNK = 200;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environment_custom_domains', table => {
    table.string('host', 255).notNullable();
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('service', 63).notNullable();

    table.primary(['host'], 'environment_custom_domains_pkey');
    table.index(['environment_id'], 'environment_custom_domains_env_idx');
  });

  /** @type {Array<{ environment_id: string; environment: string; service: string; spec: string }>} */
  const services = await knex('environment_services as s')
    .join('environments as e', 'e.id', 's.environment_id')
    .select({
      environment_id: 's.environment_id',
      environment: 'e.name',
      service: 's.name',
      spec: 's.spec',
    })
    .orderBy([
      { column: 'e.created_at' },
      { column: 'e.id' },
      { column: 's.position' },
    ]);

  /** @type {Map<string, { environment_id: string; environment: string; service: string }>} */
  const holders = new Map();
  for (const row of services) {
    /** @type {unknown} */
    let domains;
    try {
      domains = JSON.parse(row.spec).customDomains;
    } catch {
      continue;
    }
    if (!Array.isArray(domains)) continue;
    for (const domain of domains) {
      if (typeof domain !== 'string' || domain.length === 0) continue;
      const host = domain.toLowerCase();
      const holder = holders.get(host);
      if (holder) {
        if (holder.environment_id !== row.environment_id) {
          // No logger here: the backend's output shows this at start-up.
          // eslint-disable-next-line no-console
          console.warn(
            `environments: custom domain '${host}' of service '${row.service}' in environment '${row.environment}' is also used by environment '${holder.environment}', created earlier, which keeps it; remove it from '${row.environment}'`,
          );
        }
        continue;
      }
      holders.set(host, row);
    }
  }

  const rows = [...holders].map(([host, holder]) => ({
    host,
    environment_id: holder.environment_id,
    service: holder.service,
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await knex('environment_custom_domains').insert(
      rows.slice(i, i + INSERT_CHUNK),
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_custom_domains');
};
