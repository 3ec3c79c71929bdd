import type { Knex } from 'knex';

const TABLE = 'orphan_sightings';

/** When each orphan was first seen, so that it is deleted only after a grace period. */
export class OrphanSightings {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Records the first sighting (a later one changes nothing) and returns it. */
  async firstSeen(source: string, key: string, now: Date): Promise<Date> {
    await this.#db(TABLE)
      .insert({ key, source, first_seen_at: now.getTime() })
      .onConflict('key')
      .ignore();
    const row = await this.#db(TABLE).where({ key }).first();
    return new Date(Number(row.first_seen_at));
  }

  /** Forgets a source's sightings except `keep`: those are orphans no longer. */
  async forgetOthers(source: string, keep: string[]): Promise<void> {
    await this.#db(TABLE).where({ source }).whereNotIn('key', keep).delete();
  }

  async forget(key: string): Promise<void> {
    await this.#db(TABLE).where({ key }).delete();
  }
}
