import {
  CloneFormAction,
  cloneFormReducer,
  cloneRequest,
  deploysDatabase,
  initialCloneForm,
  sharesLeftOut,
  validateCloneForm,
} from './cloneForm';

const all = ['web', 'api', 'db'];

function apply(...actions: CloneFormAction[]) {
  return actions.reduce(
    cloneFormReducer,
    initialCloneForm({
      source: 'shop-staging',
      services: all,
      owner: 'group:default/team-shop',
    }),
  );
}

describe('cloneFormReducer', () => {
  it('opens as a development clone of every service, without data', () => {
    expect(apply()).toMatchObject({
      mode: 'development',
      owner: 'group:default/team-shop',
      dataPolicies: {},
      services: all,
      ttl: '',
      busy: false,
    });
    expect(apply().name).toMatch(/^shop-staging-/);
  });

  it('lets the time to live follow the mode until the user edits it', () => {
    expect(apply({ type: 'mode', mode: 'preview' }).ttl).toBe('3d');
    expect(
      apply({ type: 'ttl', value: '1d' }, { type: 'mode', mode: 'preview' })
        .ttl,
    ).toBe('1d');
  });

  it('keeps the services in the order of the source', () => {
    const state = apply(
      { type: 'service', service: 'web', checked: false, all },
      { type: 'service', service: 'db', checked: false, all },
      { type: 'service', service: 'web', checked: true, all },
    );
    expect(state.services).toEqual(['web', 'api']);
  });

  it('goes from request to plan and back to the form', () => {
    const plan = { diff: [], attention: [], data: [] } as any;
    const requesting = apply(
      { type: 'failed', error: new Error('x') },
      {
        type: 'request',
      },
    );
    expect(requesting).toMatchObject({ busy: true, error: undefined });
    const planned = cloneFormReducer(requesting, { type: 'planned', plan });
    expect(planned).toMatchObject({ busy: false, plan });
    expect(cloneFormReducer(planned, { type: 'back' }).plan).toBeUndefined();
  });
});

describe('validateCloneForm', () => {
  it('needs a free valid name, an owner, a duration and a service', () => {
    expect(validateCloneForm(apply(), 'free').valid).toBe(true);
    expect(validateCloneForm(apply(), 'taken').valid).toBe(false);
    expect(
      validateCloneForm(apply({ type: 'name', value: 'new' }), 'free').valid,
    ).toBe(false);
    expect(
      validateCloneForm(apply({ type: 'owner', value: '' }), 'free').valid,
    ).toBe(false);
    const badTtl = validateCloneForm(
      apply({ type: 'ttl', value: 'later' }),
      'free',
    );
    expect(badTtl.ttlProblem).toBeDefined();
    expect(badTtl.valid).toBe(false);
    const none = apply(
      ...all.map(service => ({
        type: 'service' as const,
        service,
        checked: false,
        all,
      })),
    );
    expect(validateCloneForm(none, 'free').valid).toBe(false);
  });
});

describe('cloneRequest', () => {
  it('names the services only for a subset, and a time to live only when set', () => {
    expect(cloneRequest(apply({ type: 'name', value: 'copy' }), all)).toEqual({
      name: 'copy',
      mode: 'development',
      owner: 'group:default/team-shop',
      dataPolicy: 'empty',
    });
    const subset = apply(
      { type: 'service', service: 'db', checked: false, all },
      { type: 'ttl', value: ' 2d ' },
    );
    expect(cloneRequest(subset, all)).toMatchObject({
      services: ['web', 'api'],
      ttl: '2d',
    });
  });
});

describe('the data of each database', () => {
  const copyDb: CloneFormAction = {
    type: 'dataPolicy',
    service: 'db',
    dataPolicy: 'copy',
  };
  const withoutDb: CloneFormAction = {
    type: 'service',
    service: 'db',
    checked: false,
    all,
  };

  it('sends each database chosen other than empty as data.<service>.policy', () => {
    expect(cloneRequest(apply(copyDb), all)).toMatchObject({
      dataPolicy: 'empty',
      data: { db: { policy: 'copy' } },
    });
    const back = apply(copyDb, { ...copyDb, dataPolicy: 'empty' });
    expect(cloneRequest(back, all)).not.toHaveProperty('data');
  });

  it('leaves out the choice of a database the clone does not deploy', () => {
    expect(cloneRequest(apply(copyDb, withoutDb), all)).not.toHaveProperty(
      'data',
    );
    // Sharing the services left out still clones their databases, unless
    // the databases are shared too.
    const shared = apply(copyDb, withoutDb, {
      type: 'shareLeftOut',
      value: true,
    });
    expect(deploysDatabase(shared, all, 'db')).toBe(true);
    expect(cloneRequest(shared, all)).toMatchObject({
      data: { db: { policy: 'copy' } },
    });
    const sharedDatabases = cloneFormReducer(shared, {
      type: 'baselineDatabases',
      value: 'share',
    });
    expect(deploysDatabase(sharedDatabases, all, 'db')).toBe(false);
    expect(cloneRequest(sharedDatabases, all)).not.toHaveProperty('data');
  });
});

describe('sharing the services left out', () => {
  const withoutDb: CloneFormAction = {
    type: 'service',
    service: 'db',
    checked: false,
    all,
  };

  it('is on by default for a preview of some services, until the user chooses', () => {
    expect(sharesLeftOut(apply(withoutDb), all)).toBe(false);
    const preview = apply(withoutDb, {
      type: 'mode',
      mode: 'preview',
    });
    expect(sharesLeftOut(preview, all)).toBe(true);
    expect(
      sharesLeftOut(
        cloneFormReducer(preview, { type: 'shareLeftOut', value: false }),
        all,
      ),
    ).toBe(false);
    // Nothing is left out of a clone of every service.
    expect(sharesLeftOut(apply({ type: 'mode', mode: 'preview' }), all)).toBe(
      false,
    );
  });

  it('asks for a baseline with the databases choice only when sharing', () => {
    const shared = apply(
      withoutDb,
      { type: 'shareLeftOut', value: true },
      { type: 'baselineDatabases', value: 'share' },
    );
    expect(cloneRequest(shared, all)).toMatchObject({
      services: ['web', 'api'],
      baseline: { databases: 'share' },
    });
    expect(cloneRequest(apply(withoutDb), all)).not.toHaveProperty('baseline');
    expect(
      cloneRequest(apply({ type: 'shareLeftOut', value: true }), all),
    ).not.toHaveProperty('baseline');
  });
});
