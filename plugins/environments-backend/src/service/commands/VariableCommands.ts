import { NotFoundError } from '@backstage/errors';
import {
  Environment,
  Variable,
  variableInputSchema,
} from '@greenroom/plugin-environments-common';
import { checkCostLimits } from '../limits';
import { CommandSupport, parseInput } from './CommandSupport';
import type { RequestContext } from './RequestContext';

/** Whose variables a command changes: a service's, or the environment's own. */
type VariableScope = RequestContext & { service?: string };

/** The environment with the variables of one scope (a service's, or its own) changed. */
function withScopeVariables(
  environment: Environment,
  service: string | undefined,
  change: (variables: Variable[]) => Variable[],
): Environment {
  if (!service) {
    return { ...environment, variables: change(environment.variables) };
  }
  return {
    ...environment,
    services: environment.services.map(s =>
      s.name === service ? { ...s, variables: change(s.variables) } : s,
    ),
  };
}

/**
 * Setting and deleting one variable (or secret) of an environment or of one
 * of its services; running services pick the change up by a redeploy.
 */
export class VariableCommands {
  constructor(private readonly support: CommandSupport) {}

  async putVariable(
    name: string,
    key: string,
    body: unknown,
    ctx: VariableScope,
  ) {
    const { support } = this;
    const { store, config } = support.options;
    const current = await support.get(name);
    const variable: Variable = parseInput(
      variableInputSchema,
      { ...(body as object), key },
      ctx.service ? `services.${ctx.service}.variables` : 'variables',
    );
    if (ctx.service && !current.services.some(s => s.name === ctx.service)) {
      throw new NotFoundError(
        `Environment '${name}' has no service '${ctx.service}'`,
      );
    }
    const changed = withScopeVariables(current, ctx.service, vars => [
      ...vars.filter(v => v.key !== key),
      variable,
    ]);
    await support.checkVariables(changed);
    checkCostLimits(config.limits, changed);
    let environment = await store.putVariable(name, variable, {
      service: ctx.service,
      expectedRevision: ctx.expectedRevision,
    });
    // A secret a clone could not carry over is settled once it is re-entered.
    const settled = `secret:${ctx.service ? `${ctx.service}/` : ''}${key}`;
    if (
      variable.kind === 'secret' &&
      environment.attention.some(a => a.item === settled)
    ) {
      ({ environment } = await store.updateEnvironmentSpec(
        name,
        { attention: environment.attention.filter(a => a.item !== settled) },
        {},
      ));
    }
    await this.#redeploy(environment, ctx);
    return environment;
  }

  async deleteVariable(name: string, key: string, ctx: VariableScope) {
    const { support } = this;
    const current = await support.get(name);
    await support.checkVariables(
      withScopeVariables(current, ctx.service, vars =>
        vars.filter(v => v.key !== key),
      ),
    );
    const deleted = await support.options.store.deleteVariable(name, key, {
      service: ctx.service,
      expectedRevision: ctx.expectedRevision,
    });
    if (!deleted) {
      throw new NotFoundError(
        `Environment '${name}' has no variable '${key}'${
          ctx.service ? ` in service '${ctx.service}'` : ''
        }`,
      );
    }
    const environment = await support.get(name);
    await this.#redeploy(environment, ctx);
    return environment;
  }

  /** Running services pick up changed variables through an update operation. */
  async #redeploy(environment: Environment, ctx: RequestContext) {
    const { support } = this;
    await support.touch(environment, ctx);
    if (environment.desiredState !== 'running') return;
    await support.options.store.createOperation(environment.id, {
      ...support.operation('update', ctx),
      idempotencyKey: undefined,
      requestFingerprint: undefined,
    });
    support.options.wake();
  }
}
