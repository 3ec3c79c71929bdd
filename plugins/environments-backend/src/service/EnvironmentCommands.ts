import type { Environment } from '@greenroom/plugin-environments-common';
import { CloneCommands } from './commands/CloneCommands';
import {
  CommandSupport,
  EnvironmentCommandsOptions,
} from './commands/CommandSupport';
import { CreateCommands, CreateOptions } from './commands/CreateCommands';
import {
  LifecycleCommands,
  LifecycleOutcome,
  LifecycleRequest,
} from './commands/LifecycleCommands';
import type { RequestContext } from './commands/RequestContext';
import { UpdateCommands } from './commands/UpdateCommands';
import { VariableCommands } from './commands/VariableCommands';

export type {
  CreateOptions,
  EnvironmentCommandsOptions,
  LifecycleOutcome,
  LifecycleRequest,
  RequestContext,
};

/**
 * What the API does, independent of HTTP: input rules and defaults, and
 * turning requests into stored changes plus queued operations. One entry
 * point for the router and the background jobs; each kind of command lives
 * in `commands/`.
 */
export class EnvironmentCommands {
  readonly #support: CommandSupport;
  readonly #creation: CreateCommands;
  readonly #cloning: CloneCommands;
  readonly #updates: UpdateCommands;
  readonly #lifecycle: LifecycleCommands;
  readonly #variables: VariableCommands;

  constructor(options: EnvironmentCommandsOptions) {
    this.#support = new CommandSupport(options);
    this.#creation = new CreateCommands(this.#support);
    this.#cloning = new CloneCommands(this.#support, this.#creation);
    this.#updates = new UpdateCommands(this.#support);
    this.#lifecycle = new LifecycleCommands(this.#support);
    this.#variables = new VariableCommands(this.#support);
  }

  get(name: string): Promise<Environment> {
    return this.#support.get(name);
  }

  create(body: unknown, ctx: RequestContext, options?: CreateOptions) {
    return this.#creation.create(body, ctx, options);
  }

  clone(sourceName: string, body: unknown, ctx: RequestContext) {
    return this.#cloning.clone(sourceName, body, ctx);
  }

  update(name: string, body: unknown, ctx: RequestContext) {
    return this.#updates.update(name, body, ctx);
  }

  changeServices(
    name: string,
    change: (current: Environment) => Environment['services'],
    ctx: RequestContext,
  ) {
    return this.#updates.changeServices(name, change, ctx);
  }

  lifecycle(
    name: string,
    action: 'stop' | 'start' | 'destroy' | 'extend' | 'reapply',
    body: unknown,
    ctx: RequestContext,
  ) {
    return this.#lifecycle.lifecycle(name, action, body, ctx);
  }

  /** Several stops, starts and destroys: one outcome each (see LifecycleCommands). */
  lifecycleBatch(requests: LifecycleRequest[]) {
    return this.#lifecycle.lifecycleBatch(requests);
  }

  putVariable(
    name: string,
    key: string,
    body: unknown,
    ctx: RequestContext & { service?: string },
  ) {
    return this.#variables.putVariable(name, key, body, ctx);
  }

  deleteVariable(
    name: string,
    key: string,
    ctx: RequestContext & { service?: string },
  ) {
    return this.#variables.deleteVariable(name, key, ctx);
  }
}
