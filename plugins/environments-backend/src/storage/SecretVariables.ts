import { InputError } from '@backstage/errors';
import type { Variable } from '@greenroom/plugin-environments-common';
import type { Knex } from 'knex';
import type { SecretBox } from '../secrets/SecretBox';
import { variableSecretContext } from '../secrets/contexts';
import type { VariableRow } from './rows';

/**
 * Variable rows with their secrets encrypted at rest, each bound to its
 * environment, service and key. Plaintext leaves only through
 * {@link SecretVariables.plaintexts}, for runtimes.
 */
export class SecretVariables {
  readonly #secrets: SecretBox;

  constructor(secrets: SecretBox) {
    this.#secrets = secrets;
  }

  /**
   * The row of a variable. A secret sent without a value keeps its stored
   * ciphertext (`stored`, from {@link SecretVariables.ciphertexts}):
   * secrets are never returned, so clients send them back without one.
   */
  toRow(
    environmentId: string,
    serviceName: string,
    variable: Variable,
    stored = new Map<string, string>(),
  ): VariableRow {
    let value = variable.value ?? null;
    if (variable.kind === 'secret') {
      value =
        variable.value !== undefined
          ? this.#secrets.encrypt(
              variable.value,
              variableSecretContext(environmentId, serviceName, variable.key),
            )
          : stored.get(`${serviceName}/${variable.key}`) ?? null;
      if (value === null) {
        throw new InputError(
          `secret variable ${variable.key}${
            serviceName ? ` of service '${serviceName}'` : ''
          } has no value`,
        );
      }
    }
    return {
      environment_id: environmentId,
      service_name: serviceName,
      key: variable.key,
      kind: variable.kind,
      value,
      alias_of: variable.aliasOf ?? null,
    };
  }

  /** Ciphertexts of an environment's secrets by `<service or ''>/<KEY>`. */
  async ciphertexts(
    db: Knex,
    environmentId: string,
  ): Promise<Map<string, string>> {
    const rows = await secretRows(db, environmentId);
    return new Map(
      rows.map(row => [`${row.service_name}/${row.key}`, row.value!]),
    );
  }

  /** Plaintexts of an environment's secrets by `<service or ''>/<KEY>`. */
  async plaintexts(
    db: Knex,
    environmentId: string,
  ): Promise<Map<string, string>> {
    const rows = await secretRows(db, environmentId);
    return new Map(
      rows.map(row => [
        `${row.service_name}/${row.key}`,
        this.#secrets.decrypt(
          row.value!,
          variableSecretContext(environmentId, row.service_name, row.key),
        ),
      ]),
    );
  }
}

function secretRows(db: Knex, environmentId: string): Promise<VariableRow[]> {
  return db('environment_variables')
    .where({ environment_id: environmentId, kind: 'secret' })
    .whereNotNull('value');
}
