import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { CostRollup } from '../cost/CostRollup';
import { DatabaseCredentialStore } from '../managedDatabases/DatabaseCredentialStore';
import { OrphanSightings } from '../orphans/OrphanSightings';
import { PolicyStore } from '../policies/PolicyStore';
import type { SecretBox } from '../secrets/SecretBox';
import { TemplateStore } from '../templates/TemplateStore';
import { ObservationStore } from '../observations/ObservationStore';
import { DatabaseEnvironmentsStore } from './DatabaseEnvironmentsStore';
import { migrateDatabase } from './migrateDatabase';

/** Every store of the plugin, on one migrated database. */
export interface EnvironmentsStores {
  /** Environments, their operations and the cost ledger. */
  environments: DatabaseEnvironmentsStore;
  policies: PolicyStore;
  templates: TemplateStore;
  orphanSightings: OrphanSightings;
  /** Generated passwords and endpoints of database services. */
  credentials: DatabaseCredentialStore;
  costRollup: CostRollup;
  /** What the runtimes last observed, and the reconcile loop's schedule. */
  observations: ObservationStore;
  /** The client itself, for re-encrypting secrets across tables. */
  db: Knex;
}

/** Migrates the plugin's database once and hands out its stores. */
export async function createStores(options: {
  database: DatabaseService;
  secrets: SecretBox;
  /** PostgreSQL's `work_mem` for a cost report's sums, in MB. */
  costReportWorkMemMb?: number;
}): Promise<EnvironmentsStores> {
  const db = await migrateDatabase(options.database);
  const environments = new DatabaseEnvironmentsStore(
    db,
    options.secrets,
    undefined,
    { costReportWorkMemMb: options.costReportWorkMemMb },
  );
  return {
    environments,
    policies: new PolicyStore(db),
    templates: new TemplateStore(db),
    orphanSightings: new OrphanSightings(db),
    credentials: new DatabaseCredentialStore(db, options.secrets),
    costRollup: new CostRollup(db, environments, {
      reportWorkMemMb: options.costReportWorkMemMb,
    }),
    observations: new ObservationStore(db),
    db,
  };
}
