import { ResponseError } from '@backstage/errors';
import type { Service } from '@greenroom/plugin-environments-common';
import {
  addServiceReducer,
  AddServiceState,
  initialAddServiceState,
} from './formState';

async function badRequest(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message },
        response: { statusCode: 400 },
      }),
      {
        status: 400,
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

const service = { name: 'db', kind: 'database' } as unknown as Service;

function opened(): AddServiceState {
  return initialAddServiceState({
    environment: { name: 'shop-dev', services: [{ name: 'api' }] },
    serviceName: 'db',
    parameters: { version: '16' },
    formFields: ['version'],
  });
}

describe('addServiceReducer', () => {
  it('opens on the given environment with the template defaults', () => {
    expect(opened()).toMatchObject({
      environment: 'shop-dev',
      existing: ['api'],
      serviceName: 'db',
      nameTouched: false,
      parameters: { version: '16' },
      busy: false,
    });
    expect(
      initialAddServiceState({
        serviceName: 'db',
        parameters: {},
        formFields: [],
      }),
    ).toMatchObject({ environment: '', existing: [] });
  });

  it('forgets what the backend said about a field once it changes', async () => {
    let state = addServiceReducer(
      { ...opened(), busy: true },
      {
        type: 'failed',
        error: await badRequest(
          'name: a service named "db" already exists; parameters.version: must be one of "15"',
        ),
      },
    );
    expect(state.nameServerError).toBe('a service named "db" already exists');
    expect(state.parameterErrors).toEqual({
      version: { __errors: ['must be one of "15"'] },
    });
    // Every message has its field: no alert.
    expect(state.error).toBeUndefined();
    expect(state.busy).toBe(false);

    state = addServiceReducer(state, { type: 'serviceName', value: 'db2' });
    expect(state).toMatchObject({ serviceName: 'db2', nameTouched: true });
    expect(state.nameServerError).toBeUndefined();
    state = addServiceReducer(state, {
      type: 'parameters',
      value: { version: '15' },
    });
    expect(state.parameterErrors).toBeUndefined();
  });

  it('takes the services of a chosen environment, to check the name against', () => {
    const state = addServiceReducer(
      { ...opened(), nameServerError: 'taken' },
      { type: 'environment', name: 'shop-staging', services: ['db'] },
    );
    expect(state).toMatchObject({
      environment: 'shop-staging',
      existing: ['db'],
    });
    expect(state.nameServerError).toBeUndefined();
  });

  it('goes back to the form when a 400 names fields of the previewed service', async () => {
    const previewed = addServiceReducer(
      addServiceReducer(opened(), { type: 'request' }),
      { type: 'previewed', service },
    );
    expect(previewed).toMatchObject({ busy: false, preview: service });

    const error = await badRequest(
      'parameters.version: must be one of "15"; quota exceeded',
    );
    const state = addServiceReducer(previewed, { type: 'failed', error });
    expect(state.preview).toBeUndefined();
    // What no field stands for goes to the alert.
    expect(state.error).toBe(error);
    expect(state.otherMessages).toEqual(['quota exceeded']);
  });

  it('shows any other failure as it is, keeping the preview', () => {
    const previewed = { ...opened(), preview: service, busy: true };
    const error = new Error('network down');
    const state = addServiceReducer(previewed, { type: 'failed', error });
    expect(state).toMatchObject({
      busy: false,
      error,
      otherMessages: [],
      preview: service,
    });
    expect(addServiceReducer(state, { type: 'back' }).preview).toBeUndefined();
  });
});
