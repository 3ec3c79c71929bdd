import type {
  DataLoad,
  DataLoadContext,
  DataLoadResult,
  EnvironmentRuntime,
  ObservedState,
  ProvisionedResources,
  ResolvedEnvironment,
  RuntimeContext,
  RuntimePlan,
  ServicePhase,
} from '@greenroom/plugin-environments-node';

type Method = 'apply' | 'stop' | 'start' | 'destroy' | 'observe' | 'loadData';

export interface RuntimeCall {
  method: Method;
  environment: string;
  resolved: ResolvedEnvironment;
  /** What `loadData` was asked to load. */
  load?: DataLoad;
}

/**
 * An in-memory runtime for engine tests. It records every call, throws the
 * errors scripted for a method (one per call, in order), and then runs the
 * handler set for that method, if any.
 */
export class TestRuntime implements EnvironmentRuntime {
  readonly type: string;
  readonly calls: RuntimeCall[] = [];
  /** Errors that the next calls of a method throw, in order. */
  readonly failures: Partial<Record<Method, unknown[]>> = {};
  /** Replaces what a method does after it is recorded. */
  readonly handlers: {
    apply?: (
      env: ResolvedEnvironment,
      ctx: RuntimeContext,
    ) => Promise<ObservedState>;
    stop?: (env: ResolvedEnvironment, ctx: RuntimeContext) => Promise<void>;
    start?: (env: ResolvedEnvironment, ctx: RuntimeContext) => Promise<void>;
    destroy?: (env: ResolvedEnvironment, ctx: RuntimeContext) => Promise<void>;
    loadData?: (
      env: ResolvedEnvironment,
      load: DataLoad,
      ctx: DataLoadContext,
    ) => Promise<DataLoadResult>;
  } = {};
  /** What `observe` reports per service name; `running` when not set. */
  readonly phases: Record<string, ServicePhase> = {};
  /**
   * What `apply` and `observe` (and `start`, once any is set) report a
   * service provisioned, per service name; nothing when not set.
   */
  readonly provisioned: Record<string, ProvisionedResources> = {};

  constructor(type = 'test') {
    this.type = type;
  }

  /** Calls of a method, optionally for one environment. */
  callsOf(method: Method, environment?: string): RuntimeCall[] {
    return this.calls.filter(
      c =>
        c.method === method &&
        (environment === undefined || c.environment === environment),
    );
  }

  async plan(env: ResolvedEnvironment): Promise<RuntimePlan> {
    return {
      runtime: this.type,
      changes: env.environment.services.map(s => ({
        action: 'create' as const,
        resource: `test/${s.name}`,
        service: s.name,
      })),
    };
  }

  async apply(env: ResolvedEnvironment, ctx: RuntimeContext) {
    this.#record('apply', env);
    return this.handlers.apply
      ? this.handlers.apply(env, ctx)
      : this.#observed(env, 'running');
  }

  async stop(env: ResolvedEnvironment, ctx: RuntimeContext) {
    this.#record('stop', env);
    await this.handlers.stop?.(env, ctx);
  }

  async start(env: ResolvedEnvironment, ctx: RuntimeContext) {
    this.#record('start', env);
    await this.handlers.start?.(env, ctx);
    return Object.keys(this.provisioned).length > 0
      ? this.#observed(env, 'running')
      : undefined;
  }

  async destroy(env: ResolvedEnvironment, ctx: RuntimeContext) {
    this.#record('destroy', env);
    await this.handlers.destroy?.(env, ctx);
  }

  /** Loads nothing unless a handler is set. */
  async loadData(
    env: ResolvedEnvironment,
    load: DataLoad,
    ctx: DataLoadContext,
  ): Promise<DataLoadResult> {
    this.#record('loadData', env, load);
    return this.handlers.loadData
      ? this.handlers.loadData(env, load, ctx)
      : { rows: 0, tables: [] };
  }

  async observe(env: ResolvedEnvironment) {
    this.#record('observe', env);
    return this.#observed(env);
  }

  async listManaged() {
    return [];
  }

  #record(method: Method, resolved: ResolvedEnvironment, load?: DataLoad) {
    this.calls.push({
      method,
      environment: resolved.environment.name,
      resolved,
      ...(load && { load }),
    });
    const failure = this.failures[method]?.shift();
    if (failure !== undefined) {
      throw failure;
    }
  }

  #observed(env: ResolvedEnvironment, phase?: ServicePhase): ObservedState {
    return {
      observedAt: new Date().toISOString(),
      services: env.environment.services.map(s => ({
        name: s.name,
        phase: phase ?? this.phases[s.name] ?? 'running',
        urls: [],
        ...(this.provisioned[s.name] && {
          provisioned: { ...this.provisioned[s.name] },
        }),
      })),
    };
  }
}
