import type { CloneDataStep } from '@greenroom/plugin-environments-common';
import type { EnvironmentRuntime } from '@greenroom/plugin-environments-node';
import { checkDataLoads } from './checkDataLoads';

const copy = (engine: CloneDataStep['engine']): CloneDataStep => ({
  service: 'orders-db',
  engine,
  action: 'copy',
  detail: '',
});

function runtimes(runtime: Partial<EnvironmentRuntime>) {
  return { get: () => runtime as EnvironmentRuntime };
}

const loads = { loadData: async () => ({ rows: 0, tables: [] }) };
const staging = {
  name: 'staging',
  runtime: { type: 'kubernetes', target: 'eu-1' },
};
const plan = (step: CloneDataStep, target = 'eu-1') => ({
  data: [step],
  input: { runtime: { type: 'kubernetes', target } } as any,
});

describe('checkDataLoads', () => {
  it('lets a runtime that loads the engine copy from where it reaches', () => {
    expect(() =>
      checkDataLoads(plan(copy('postgresql')), {}, staging, runtimes(loads)),
    ).not.toThrow();
    expect(() =>
      checkDataLoads(
        plan({ ...copy('redis'), action: 'empty' }),
        {},
        staging,
        runtimes({}),
      ),
    ).not.toThrow();
  });

  it.each([
    [
      'a runtime without loadData',
      plan(copy('postgresql')),
      {},
      'dataPolicy: cannot copy orders-db: the kubernetes runtime cannot load data into databases',
    ],
    [
      'an engine the runtime does not load',
      plan(copy('mysql')),
      { ...loads, dataEngines: ['postgresql'] as const },
      'dataPolicy: cannot copy orders-db: the kubernetes runtime loads postgresql databases, not mysql',
    ],
    [
      'a source on another cluster',
      plan(copy('postgresql'), 'us-1'),
      loads,
      "dataPolicy: cannot copy orders-db: staging runs on kubernetes (eu-1), which the clone's runtime kubernetes (us-1) cannot reach",
    ],
  ])('refuses %s naming the field', (_, p, runtime, message) => {
    expect(() => checkDataLoads(p, {}, staging, runtimes(runtime))).toThrow(
      message,
    );
  });

  it('names the per-database field when the request chose there', () => {
    expect(() =>
      checkDataLoads(
        plan(copy('postgresql')),
        { data: { 'orders-db': { policy: 'copy' } } },
        staging,
        runtimes({}),
      ),
    ).toThrow(/^data\.orders-db\.policy: /);
  });
});
