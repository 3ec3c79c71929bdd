import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  db,
  newEnvironment,
  newOperation,
  setupStore,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const setup = (databaseId: TestDatabaseId) => setupStore(databases, databaseId);

describe('variables of environments and services', () => {
  describe('variables', () => {
    it.each(databases.eachSupportedId())(
      'puts and deletes variables at both scopes on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x', { services: [db] }),
          newOperation(),
        );

        let updated = await store.putVariable(
          'x',
          { key: 'TOKEN', kind: 'secret', value: 'one' },
          { expectedRevision: 1 },
        );
        expect(updated.revision).toBe(2);
        expect(updated.variables).toEqual([{ key: 'TOKEN', kind: 'secret' }]);

        // replace, at service scope as well
        updated = await store.putVariable(
          'x',
          { key: 'TOKEN', kind: 'secret', value: 'two' },
          {},
        );
        updated = await store.putVariable(
          'x',
          { key: 'POOL', kind: 'value', value: '5' },
          { service: 'db', expectedRevision: 3 },
        );
        expect(updated.revision).toBe(4);
        expect(updated.services[0].variables).toEqual([
          { key: 'POOL', kind: 'value', value: '5' },
        ]);
        await expect(store.getSecretValues(environment.id)).resolves.toEqual(
          new Map([['/TOKEN', 'two']]),
        );

        await expect(
          store.putVariable(
            'x',
            { key: 'A', kind: 'value', value: '1' },
            { expectedRevision: 3 },
          ),
        ).rejects.toThrow("environment 'x' has revision 4, not 3");
        await expect(
          store.putVariable(
            'x',
            { key: 'A', kind: 'value', value: '1' },
            { service: 'cache' },
          ),
        ).rejects.toThrow("service 'cache' not found in environment 'x'");
        await expect(
          store.putVariable(
            'nope',
            { key: 'A', kind: 'value', value: '1' },
            {},
          ),
        ).rejects.toThrow(NotFoundError);

        await expect(
          store.deleteVariable('x', 'POOL', {
            service: 'db',
            expectedRevision: 4,
          }),
        ).resolves.toBe(true);
        await expect(store.deleteVariable('x', 'POOL', {})).resolves.toBe(
          false,
        );
        await expect(
          store.deleteVariable('x', 'TOKEN', { service: 'cache' }),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.deleteVariable('x', 'TOKEN', { expectedRevision: 4 }),
        ).rejects.toThrow(ConflictError);
        await expect(store.deleteVariable('x', 'TOKEN', {})).resolves.toBe(
          true,
        );

        const final = await store.getEnvironment('x');
        expect(final).toMatchObject({ revision: 6, variables: [] });
        expect(final!.services[0].variables).toEqual([]);
        await expect(store.getSecretValues(environment.id)).resolves.toEqual(
          new Map(),
        );
      },
    );
  });
});
