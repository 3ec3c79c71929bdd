import {
  ConflictError,
  CustomErrorBase,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  ClonePlan,
  CloneRequestInput,
  Environment,
  environmentClonePermission,
  environmentCreatePermission,
  environmentDeletePermission,
  environmentLifecyclePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  Operation,
} from '@greenroom/plugin-environments-common';
import type {
  EnvironmentPatch,
  EnvironmentsRequestOptions,
  EnvironmentsService,
  OperationResponse,
} from '@greenroom/plugin-environments-node';

/** A call the double received. */
export interface RecordedCall {
  method: string;
  name: string;
  args?: unknown;
  idempotencyKey?: string;
  principal: unknown;
}

/**
 * `environments.admin` (defined by the environments plugin): needed to link
 * an environment to a pull request. Made here by name so the double does
 * not depend on when the plugin exports it.
 */
export const environmentsAdminPermission = createPermission({
  name: 'environments.admin',
  attributes: {},
});

/** The environments API's answer to a key reused for another request. */
export class IdempotencyKeyReusedError extends CustomErrorBase {
  name = 'IdempotencyKeyReusedError' as const;
  readonly statusCode = 422;

  constructor() {
    super('Idempotency-Key: already used for a different request');
  }
}

/** JSON with object keys sorted: what identifies a request's body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map(
        k =>
          `${JSON.stringify(k)}:${canonical(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const NOW = '2025-11-20T09:12:00.000Z';
const DAY = 86_400_000;

/** An environment with the given fields, the rest filled in. */
export function makeEnvironment(
  fields: Partial<Environment> & { name: string },
): Environment {
  return {
    id: `env-${fields.name}`,
    title: fields.name,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'staging',
    runtime: { type: 'local' },
    services: [],
    variables: [],
    policy: { priority: 50 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    attention: [],
    lastActivityAt: NOW,
    createdBy: 'user:default/guest',
    createdAt: NOW,
    updatedAt: NOW,
    revision: 1,
    ...fields,
  } as Environment;
}

/**
 * A double of our own {@link EnvironmentsService}: keeps environments in
 * memory, records every call, and honours `Idempotency-Key` as the API does:
 * the same key with the same request answers the same operation (with the
 * environment as it is now, and `replayed: true`) and changes nothing again;
 * with another request (method, environment or body) it is a 422.
 *
 * With a `policy`, each call is authorized as the environments plugin does:
 * a user's calls go through the policy (a DENY is a 403 and changes
 * nothing), a service's calls are allowed without asking it, as the
 * permission framework allows plugin-to-plugin calls.
 */
export class EnvironmentsDouble implements EnvironmentsService {
  readonly calls: RecordedCall[] = [];
  /** Calls that changed something (not replayed by an idempotency key). */
  readonly changes: RecordedCall[] = [];
  /** Permissions the policy was asked about, with the user. */
  readonly authorized: Array<{
    permission: string;
    user: string;
    result: string;
  }> = [];
  readonly environments = new Map<string, Environment>();
  #replies = new Map<string, { request: string; reply: OperationResponse }>();
  #ops = 0;
  #policy?: PermissionPolicy;

  constructor(
    initial: Environment[] = [],
    options: { policy?: PermissionPolicy } = {},
  ) {
    for (const env of initial) this.environments.set(env.name, env);
    this.#policy = options.policy;
  }

  async listEnvironments(_query: unknown, options: EnvironmentsRequestOptions) {
    this.#record('listEnvironments', '', undefined, options);
    await this.#authorize(environmentReadPermission, options);
    const items = [...this.environments.values()];
    return { items, totalCount: items.length };
  }

  async getEnvironment(name: string, options: EnvironmentsRequestOptions) {
    this.#record('getEnvironment', name, undefined, options);
    await this.#authorize(environmentReadPermission, options);
    return this.environments.get(name);
  }

  /** Asks the policy, as the environments plugin would; throws 403 on DENY. */
  async #authorize(
    permission: Permission,
    options: EnvironmentsRequestOptions,
  ): Promise<void> {
    const principal = options.credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (!this.#policy || principal.type !== 'user') return;
    const userEntityRef = principal.userEntityRef!;
    const decision = await this.#policy.handle(
      { permission },
      {
        credentials: options.credentials,
        info: { userEntityRef, ownershipEntityRefs: [userEntityRef] },
      },
    );
    this.authorized.push({
      permission: permission.name,
      user: userEntityRef,
      result: decision.result,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${userEntityRef} may not ${permission.name}`);
    }
  }

  async createEnvironment(): Promise<OperationResponse> {
    throw new Error('not used by previews');
  }

  async addService(): Promise<never> {
    throw new Error('not used by previews');
  }

  cloneEnvironment(
    source: string,
    request: CloneRequestInput & { dryRun: true },
    options: EnvironmentsRequestOptions,
  ): Promise<ClonePlan>;
  cloneEnvironment(
    source: string,
    request: CloneRequestInput,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  async cloneEnvironment(
    source: string,
    request: CloneRequestInput,
    options: EnvironmentsRequestOptions,
  ): Promise<any> {
    // As the API: the source may be cloned, and a new environment made.
    await this.#authorize(environmentClonePermission, options);
    await this.#authorize(environmentCreatePermission, options);
    if (request.pullRequest) {
      await this.#authorize(environmentsAdminPermission, options);
    }
    return this.#mutate('cloneEnvironment', source, request, options, () => {
      const base = this.environments.get(source);
      if (!base) throw new NotFoundError(`No environment named '${source}'`);
      if (this.environments.has(request.name)) {
        throw new ConflictError(`Environment '${request.name}' exists`);
      }
      const env = makeEnvironment({
        ...base,
        id: `env-${request.name}`,
        name: request.name,
        title: request.title ?? request.name,
        mode: request.mode,
        status: 'provisioning',
        origin: request.pullRequest
          ? {
              type: 'preview',
              sourceEnvironmentId: base.id,
              pullRequest: request.pullRequest,
            }
          : { type: 'clone', sourceEnvironmentId: base.id },
        expiresAt: new Date(Date.parse(NOW) + 3 * DAY).toISOString(),
      });
      this.environments.set(env.name, env);
      return this.#reply(env, 'clone');
    });
  }

  async lifecycle(
    name: string,
    action: 'stop' | 'start' | 'destroy' | 'extend',
    options: EnvironmentsRequestOptions & { by?: string; renew?: boolean },
  ) {
    await this.#authorize(
      action === 'destroy'
        ? environmentDeletePermission
        : environmentLifecyclePermission,
      options,
    );
    return this.#mutate(
      'lifecycle',
      name,
      { action, by: options.by, ...(options.renew ? { renew: true } : {}) },
      options,
      () => {
        const env = this.environments.get(name);
        if (!env) throw new NotFoundError(`No environment named '${name}'`);
        const next: Environment = { ...env, revision: env.revision + 1 };
        if (action === 'stop')
          Object.assign(next, { status: 'stopping', desiredState: 'stopped' });
        if (action === 'start')
          Object.assign(next, { status: 'starting', desiredState: 'running' });
        if (action === 'destroy')
          Object.assign(next, { status: 'deleting', desiredState: 'deleted' });
        if (action === 'extend') {
          const days = Number(/^(\d+)d$/.exec(options.by ?? '')?.[1] ?? 0);
          const current = Date.parse(env.expiresAt ?? NOW);
          // As the API: a renewal is at least now + by, an extend adds.
          next.expiresAt = new Date(
            options.renew
              ? Math.max(current, Date.parse(NOW) + days * DAY)
              : current + days * DAY,
          ).toISOString();
        }
        this.environments.set(name, next);
        return this.#reply(next, action);
      },
    );
  }

  async updateEnvironment(
    name: string,
    patch: EnvironmentPatch,
    options: EnvironmentsRequestOptions,
  ) {
    await this.#authorize(environmentUpdatePermission, options);
    const reply = await this.#mutate(
      'updateEnvironment',
      name,
      patch,
      options,
      () => {
        const env = this.environments.get(name);
        if (!env) throw new NotFoundError(`No environment named '${name}'`);
        const next = {
          ...env,
          ...patch,
          revision: env.revision + 1,
        } as Environment;
        this.environments.set(name, next);
        return this.#reply(next, 'update');
      },
    );
    return {
      environment: reply.environment!,
      operation: reply.operation,
      ...(reply.replayed ? { replayed: true } : {}),
    };
  }

  async getOperation(): Promise<Operation> {
    throw new Error('not used by previews');
  }

  #record(
    method: string,
    name: string,
    args: unknown,
    options: EnvironmentsRequestOptions,
  ) {
    const call = {
      method,
      name,
      args,
      idempotencyKey: options.idempotencyKey,
      principal: options.credentials.principal,
    };
    this.calls.push(call);
    return call;
  }

  async #mutate(
    method: string,
    name: string,
    args: unknown,
    options: EnvironmentsRequestOptions,
    apply: () => OperationResponse,
  ): Promise<OperationResponse> {
    const call = this.#record(method, name, args, options);
    const key = options.idempotencyKey;
    const request = canonical({ method, name, args });
    const earlier = key ? this.#replies.get(key) : undefined;
    if (earlier) {
      if (earlier.request !== request) throw new IdempotencyKeyReusedError();
      const { operation } = earlier.reply;
      return {
        environment: [...this.environments.values()].find(
          env => env.id === operation.environmentId,
        ),
        operation,
        replayed: true,
      };
    }
    const reply = apply();
    this.changes.push(call);
    if (key) this.#replies.set(key, { request, reply });
    return reply;
  }

  #reply(env: Environment, type: string): OperationResponse {
    return {
      environment: env,
      operation: {
        id: `op-${++this.#ops}`,
        environmentId: env.id,
        type,
        status: 'queued',
        steps: [],
        requestedBy: 'plugin:environments',
        createdAt: NOW,
        updatedAt: NOW,
      } as Operation,
    };
  }
}
