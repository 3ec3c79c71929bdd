import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  ApiClonePlan,
  ApiEnvironment,
  CloneRequestInput,
} from '@greenroom/plugin-environments-common';
import { InMemoryEnvironmentsService } from './InMemoryEnvironmentsService';
import { makeEnvironment } from './makeEnvironment';

const credentials = mockCredentials.user();
const staging = makeEnvironment({
  name: 'staging',
  variables: [{ key: 'STRIPE_KEY', kind: 'secret', isSet: true }],
});
const request = { name: 'dev-ada', mode: 'development', dryRun: true } as const;
const stripeKeyToSet = {
  item: 'secret:STRIPE_KEY',
  reason: 'secrets are not copied: set a value for the clone',
};

describe('InMemoryEnvironmentsService: a dry run of a clone', () => {
  it('answers the create input and the secrets to set, changing nothing', async () => {
    const fake = new InMemoryEnvironmentsService({ environments: [staging] });

    const plan = await fake.cloneEnvironment('staging', request, {
      credentials,
    });

    expect(plan).toEqual({
      input: expect.objectContaining({
        name: 'dev-ada',
        system: staging.system,
        owner: staging.owner,
        mode: 'development',
      }),
      attention: [stripeKeyToSet],
      data: [],
      diff: [],
    });
    expect(fake.changes).toEqual([]);
    expect([...fake.environments.keys()]).toEqual(['staging']);
  });

  it('hands its plan to the given clonePlan, which answers instead', async () => {
    const clonePlan = jest.fn(
      (
        _source: ApiEnvironment,
        _request: CloneRequestInput,
        plan: ApiClonePlan,
      ): ApiClonePlan => ({
        ...plan,
        diff: [{ kind: 'changed', path: 'title', from: 'staging', to: 'Ada' }],
      }),
    );
    const fake = new InMemoryEnvironmentsService({
      environments: [staging],
      clonePlan,
    });

    const plan = await fake.cloneEnvironment('staging', request, {
      credentials,
    });

    expect(clonePlan).toHaveBeenCalledWith(
      staging,
      request,
      expect.objectContaining({ attention: [stripeKeyToSet], diff: [] }),
    );
    expect(plan.attention).toEqual([stripeKeyToSet]);
    expect(plan.diff).toEqual([
      { kind: 'changed', path: 'title', from: 'staging', to: 'Ada' },
    ]);
  });
});
