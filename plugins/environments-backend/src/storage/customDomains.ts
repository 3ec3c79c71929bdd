// The custom domains of services: each host belongs to at most one
// environment (the primary key of environment_custom_domains).
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import type { Service } from '@greenroom/plugin-environments-common';
import type { Knex } from 'knex';
import { INSERT_CHUNK, compareStrings, insertRows } from './knexUtils';

/** Which environment holds each of these hosts (compared case-insensitively). */
export async function findCustomDomainHolders(
  db: Knex,
  hosts: string[],
): Promise<Array<{ host: string; environmentName: string }>> {
  const lower = [...new Set(hosts.map(host => host.toLowerCase()))];
  const holders = new Map<string, string>();
  for (let i = 0; i < lower.length; i += INSERT_CHUNK) {
    const rows: Array<{ host: string; name: string }> = await db(
      'environment_custom_domains as d',
    )
      .join('environments as e', 'e.id', 'd.environment_id')
      .whereIn('d.host', lower.slice(i, i + INSERT_CHUNK))
      .select('d.host', 'e.name');
    for (const row of rows) holders.set(row.host, row.name);
  }
  return [...new Set(hosts)].flatMap(host => {
    const environmentName = holders.get(host.toLowerCase());
    return environmentName ? [{ host, environmentName }] : [];
  });
}

/**
 * Makes the services' custom domains this environment's, in the transaction
 * that writes the services: the primary key on the host decides between
 * concurrent requests (on PostgreSQL the later insert waits for the earlier
 * transaction). A host another environment holds is a 409 naming it.
 */
export async function claimCustomDomains(
  tx: Knex.Transaction,
  environmentId: string,
  services: Service[],
) {
  const fields = new Map<string, string>();
  for (const service of services) {
    (service.customDomains ?? []).forEach((domain, i) => {
      const host = domain.toLowerCase();
      const field = `services.${service.name}.customDomains[${i}]`;
      const twin = fields.get(host);
      if (twin) {
        throw new InputError(`${field}: domain '${domain}' is also in ${twin}`);
      }
      fields.set(host, field);
    });
  }
  if (fields.size === 0) return;
  const rows = services.flatMap(service =>
    (service.customDomains ?? []).map(domain => ({
      host: domain.toLowerCase(),
      environment_id: environmentId,
      service: service.name,
    })),
  );
  // One order for every writer, so that two of them cannot deadlock.
  rows.sort((a, b) => compareStrings(a.host, b.host));
  try {
    // A savepoint: after a failed statement, PostgreSQL answers nothing else
    // in the transaction, and the holder is still to be read.
    await tx.transaction(savepoint =>
      insertRows(savepoint, 'environment_custom_domains', rows),
    );
  } catch (error) {
    if (!isDatabaseConflictError(error)) throw error;
    const held: Array<{ host: string; name: string }> = await tx(
      'environment_custom_domains as d',
    )
      .join('environments as e', 'e.id', 'd.environment_id')
      .whereIn('d.host', [...fields.keys()])
      .whereNot('d.environment_id', environmentId)
      .select('d.host', 'e.name');
    const holders = new Map(held.map(row => [row.host, row.name]));
    for (const [host, field] of fields) {
      const holder = holders.get(host);
      if (holder) {
        throw new ConflictError(
          `${field}: domain '${host}' is already used by environment '${holder}'`,
        );
      }
    }
    // Its holder let go of it in the meantime.
    throw new ConflictError(
      'services: a custom domain was taken by another environment at the same time; try again',
    );
  }
}
