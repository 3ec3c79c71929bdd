import type { Entity } from '@backstage/catalog-model';
import {
  initialNewEnvironmentState,
  NewEnvironmentAction,
  newEnvironmentReducer,
  NewEnvironmentState,
  validateNewEnvironment,
} from './formState';

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'greenroom.dev/image': `ghcr.io/example/${name}:1.0.0`,
        'greenroom.dev/ports': '3000',
      },
    },
    spec: { type: 'service', owner: 'team-shop', system: 'shop' },
  };
}

function apply(...actions: NewEnvironmentAction[]): NewEnvironmentState {
  return actions.reduce(
    newEnvironmentReducer,
    initialNewEnvironmentState('group:default/team-shop'),
  );
}

const filledIn: NewEnvironmentAction[] = [
  { type: 'name', value: 'shop-dev' },
  { type: 'system', value: 'system:default/shop' },
];

describe('newEnvironmentReducer', () => {
  it('starts as a development environment owned by the given group', () => {
    expect(apply()).toMatchObject({
      mode: 'development',
      owner: 'group:default/team-shop',
      idleAfter: '2h',
      ttl: '',
      rows: [],
    });
  });

  it('lets the policy follow the mode until the user edits it', () => {
    expect(apply({ type: 'mode', mode: 'preview' })).toMatchObject({
      idleAfter: '2h',
      ttl: '3d',
    });
    expect(apply({ type: 'mode', mode: 'production' }).idleAfter).toBe('');

    const edited = apply(
      { type: 'idleAfter', value: '30m' },
      { type: 'mode', mode: 'production' },
    );
    expect(edited).toMatchObject({ idleAfter: '30m', policyTouched: true });
  });

  it('keeps one row per picked Component and leaves databases alone', () => {
    const web = component('web');
    const api = component('api');
    const picked = apply(
      { type: 'pickComponents', entities: [web, api] },
      { type: 'addDatabase', engine: 'postgresql' },
      { type: 'pickComponents', entities: [api] },
    );
    expect(picked.rows.map(row => row.name)).toEqual(['api', 'db']);
    expect(picked.rows[1].id).toBe('database:0');
  });

  it('numbers databases of the same engine and gives each its own id', () => {
    const state = apply(
      { type: 'addDatabase', engine: 'redis' },
      { type: 'addDatabase', engine: 'redis' },
    );
    expect(state.rows.map(row => [row.id, row.name])).toEqual([
      ['database:0', 'cache'],
      ['database:1', 'cache-2'],
    ]);
    const removed = newEnvironmentReducer(state, {
      type: 'removeRow',
      id: 'database:0',
    });
    expect(removed.rows.map(row => row.name)).toEqual(['cache-2']);
  });

  it('edits one row by its id', () => {
    const state = apply({ type: 'addDatabase', engine: 'redis' });
    const changed = newEnvironmentReducer(state, {
      type: 'changeRow',
      row: { ...state.rows[0], name: 'sessions' },
    });
    expect(changed.rows[0].name).toBe('sessions');
  });

  it('submits only a valid form, and only once at a time', () => {
    const invalid = apply({ type: 'submit' });
    expect(invalid).toMatchObject({ submitted: true, submitting: false });

    const started = apply(...filledIn, { type: 'submit' });
    expect(started).toMatchObject({ submitted: true, submitting: true });
  });

  it("keeps the backend's problems by field until the next submit", () => {
    const failed = apply(...filledIn, { type: 'submit' }, {
      type: 'failed',
      message: 'name: is taken; owner: not a member',
    });
    expect(failed.submitting).toBe(false);
    expect(failed.serverError?.fields).toEqual([
      { path: 'name', message: 'is taken' },
      { path: 'owner', message: 'not a member' },
    ]);
    expect(
      newEnvironmentReducer(failed, { type: 'submit' }).serverError,
    ).toBeUndefined();
  });
});

describe('validateNewEnvironment', () => {
  it('needs a valid name, a system and an owner', () => {
    expect(validateNewEnvironment(apply()).valid).toBe(false);
    expect(validateNewEnvironment(apply(...filledIn)).valid).toBe(true);
    expect(
      validateNewEnvironment(apply(...filledIn, { type: 'owner', value: '' }))
        .valid,
    ).toBe(false);
    expect(
      validateNewEnvironment(apply({ type: 'name', value: 'Shop Dev' }))
        .nameProblem?.suggestion,
    ).toBe('shop-dev');
  });

  it('checks the durations, the time to live only for previews', () => {
    const badTtl = apply(...filledIn, { type: 'ttl', value: 'soon' });
    expect(validateNewEnvironment(badTtl).valid).toBe(true);
    const preview = newEnvironmentReducer(badTtl, {
      type: 'mode',
      mode: 'preview',
    });
    expect(validateNewEnvironment(preview).ttlProblem).toBeDefined();
    expect(validateNewEnvironment(preview).valid).toBe(false);
    expect(
      validateNewEnvironment(apply(...filledIn, { type: 'idleAfter', value: 'x' }))
        .idleProblem,
    ).toBeDefined();
  });

  it('finds services named alike', () => {
    const state = apply(
      ...filledIn,
      { type: 'addDatabase', engine: 'redis' },
      { type: 'addDatabase', engine: 'redis' },
    );
    const twin = newEnvironmentReducer(state, {
      type: 'changeRow',
      row: { ...state.rows[1], name: 'cache' },
    });
    const { rowChecks, valid } = validateNewEnvironment(twin);
    expect(rowChecks[1].errors.name).toBe('Another service is already named cache');
    expect(valid).toBe(false);
  });
});
