import {
  ConflictError,
  CustomErrorBase,
  InputError,
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
  environmentClonePermission,
  environmentCreatePermission,
  environmentDeletePermission,
  environmentLifecyclePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  renderServiceFromTemplate,
  toApiService,
  type ApiClonePlan,
  type ApiEnvironment,
  type ApiOperation,
  type ApiService,
  type CloneRequestInput,
  type EnvironmentInput,
  type Service,
  type ServiceTemplateEntityV1alpha1,
} from '@greenroom/plugin-environments-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  AddServiceRequest,
  EnvironmentPatch,
  EnvironmentsRequestOptions,
  EnvironmentsService,
  ListEnvironmentsQuery,
  OperationResponse,
  UpdateEnvironmentResponse,
} from '../client/EnvironmentsService';
import { FAKE_NOW, makeEnvironment } from './makeEnvironment';

/** A call the fake received. @public */
export interface RecordedCall {
  method: string;
  /** The environment (or operation) it names; empty for a list. */
  name: string;
  /** What it sends besides the name: the body, or the lifecycle action. */
  args?: unknown;
  idempotencyKey?: string;
  principal: unknown;
}

/** What {@link InMemoryEnvironmentsService} starts from. @public */
export interface InMemoryEnvironmentsServiceOptions {
  environments?: ApiEnvironment[];
  /**
   * Authorizes each call as the environments plugin does: a user's calls go
   * through the policy (a DENY is a 403 and changes nothing), a service's
   * calls are allowed without asking it, as the permission framework allows
   * plugin-to-plugin calls. Without one, everything is allowed.
   */
  policy?: PermissionPolicy;
  /** The status `getOperation` answers, as if the operation ran; `succeeded` by default. */
  operationStatus?: ApiOperation['status'];
  /** The ServiceTemplates `addService` renders from. */
  serviceTemplates?: ServiceTemplateEntityV1alpha1[];
  /**
   * The plan a dry run of a clone answers. It is given the fake's own plan
   * (the create input and what needs attention, no data and no diff) to add to.
   */
  clonePlan?: (
    source: ApiEnvironment,
    request: CloneRequestInput,
    plan: ApiClonePlan,
  ) => ApiClonePlan;
}

/**
 * `environments.admin` (defined by the environments plugin): needed to link
 * an environment to a pull request. Made here by name so the fake does not
 * depend on the backend plugin.
 *
 * @public
 */
export const environmentsAdminPermission = createPermission({
  name: 'environments.admin',
  attributes: {},
});

/** The environments API's answer to a key reused for another request. @public */
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
    return `{${Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const DAY = 86_400_000;

/** What the environments API says of each secret a clone does not copy. */
function secretsToSet(source: ApiEnvironment): ApiEnvironment['attention'] {
  return source.variables
    .filter(variable => variable.kind === 'secret')
    .map(variable => ({
      item: `secret:${variable.key}`,
      reason: 'secrets are not copied: set a value for the clone',
    }));
}

/** What a dry run of a clone answers unless the test gives a plan. */
function clonePlanOf(
  source: ApiEnvironment,
  request: CloneRequestInput,
): ApiClonePlan {
  return {
    // The services are left out: a test that reads them gives a plan.
    input: {
      name: request.name,
      title: request.title ?? request.name,
      system: source.system,
      owner: request.owner ?? source.owner,
      mode: request.mode,
      services: [],
      variables: [],
    },
    attention: secretsToSet(source),
    data: [],
    diff: [],
  };
}

/**
 * A fake {@link EnvironmentsService} for tests of backend modules: keeps
 * environments in memory, records every call, applies a permission policy
 * when given one, and honours `Idempotency-Key` as the API does: the same
 * key with the same request answers the same operation (with the environment
 * as it is now, and `replayed: true`) and changes nothing again; with
 * another request (method, environment or body) it is a 422.
 *
 * @public
 */
export class InMemoryEnvironmentsService implements EnvironmentsService {
  readonly calls: RecordedCall[] = [];
  /** Calls that changed something (not dry runs, not replays). */
  readonly changes: RecordedCall[] = [];
  /** Permissions the policy was asked about, with the user. */
  readonly authorized: Array<{
    permission: string;
    user: string;
    result: string;
  }> = [];
  readonly environments = new Map<string, ApiEnvironment>();
  readonly operations = new Map<string, ApiOperation>();
  readonly #replies = new Map<
    string,
    { request: string; reply: OperationResponse }
  >();
  readonly #options: InMemoryEnvironmentsServiceOptions;

  constructor(options: InMemoryEnvironmentsServiceOptions = {}) {
    for (const env of options.environments ?? []) {
      this.environments.set(env.name, env);
    }
    this.#options = options;
  }

  async listEnvironments(
    _query: ListEnvironmentsQuery,
    options: EnvironmentsRequestOptions,
  ) {
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

  async createEnvironment(
    input: EnvironmentInput,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse> {
    await this.#authorize(environmentCreatePermission, options);
    return this.#mutate('createEnvironment', input.name, input, options, () => {
      if (this.environments.has(input.name)) {
        throw new ConflictError(`Environment '${input.name}' exists`);
      }
      const env = makeEnvironment({
        name: input.name,
        title: input.title ?? input.name,
        system: input.system,
        owner: input.owner,
        mode: input.mode,
        status: 'provisioning',
      });
      this.environments.set(env.name, env);
      return this.#reply(env, 'create');
    });
  }

  addService(
    environmentName: string,
    body: AddServiceRequest & { dryRun: true },
    options: EnvironmentsRequestOptions,
  ): Promise<{ service: ApiService }>;
  addService(
    environmentName: string,
    body: AddServiceRequest,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  async addService(
    environmentName: string,
    body: AddServiceRequest,
    options: EnvironmentsRequestOptions,
  ): Promise<{ service: ApiService } | OperationResponse> {
    await this.#authorize(environmentUpdatePermission, options);
    // As the backend: 404 for an unknown environment or template, then the
    // same rendering and checks as the UI, a 400 naming the field.
    const render = () => {
      const env = this.#existing(environmentName);
      const template = this.#options.serviceTemplates?.find(
        entity => stringifyEntityRef(entity) === body.template,
      );
      if (!template) {
        throw new NotFoundError(
          `template: no ServiceTemplate ${body.template}`,
        );
      }
      if (env.services.some(service => service.name === body.name)) {
        throw new InputError(
          `name: a service named "${body.name}" already exists`,
        );
      }
      try {
        const { service } = renderServiceFromTemplate(template, body);
        return { env, service: toApiService(service) };
      } catch (error) {
        throw new InputError(
          (error as Error).message.replace(/^template [^:]+: /, ''),
        );
      }
    };
    if (body.dryRun) {
      this.#record('addService', environmentName, body, options);
      return { service: render().service };
    }
    return this.#mutate('addService', environmentName, body, options, () => {
      const { env, service } = render();
      const next = this.#revise(env, { services: [...env.services, service] });
      return this.#reply(next, 'update');
    });
  }

  cloneEnvironment(
    source: string,
    request: CloneRequestInput & { dryRun: true },
    options: EnvironmentsRequestOptions,
  ): Promise<ApiClonePlan>;
  cloneEnvironment(
    source: string,
    request: CloneRequestInput,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  async cloneEnvironment(
    source: string,
    request: CloneRequestInput,
    options: EnvironmentsRequestOptions,
  ): Promise<ApiClonePlan | OperationResponse> {
    // As the API: the source may be cloned, and a new environment made.
    await this.#authorize(environmentClonePermission, options);
    await this.#authorize(environmentCreatePermission, options);
    if (request.pullRequest) {
      await this.#authorize(environmentsAdminPermission, options);
    }
    if (request.dryRun) {
      this.#record('cloneEnvironment', source, request, options);
      const base = this.#existing(source);
      const plan = clonePlanOf(base, request);
      return this.#options.clonePlan?.(base, request, plan) ?? plan;
    }
    return this.#mutate('cloneEnvironment', source, request, options, () => {
      const base = this.#existing(source);
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
        // As planClone: the named services, and the databases of a
        // baseline that clones them; the rest stays the base's.
        services: base.services.filter(
          service =>
            !request.services ||
            request.services.includes(service.name) ||
            (service.kind === 'database' &&
              request.baseline &&
              request.baseline.databases !== 'share'),
        ),
        ...(request.baseline && {
          baseline: {
            environmentId: base.id,
            environment: base.name,
            databases: request.baseline.databases ?? 'clone',
          },
        }),
        origin: request.pullRequest
          ? {
              type: 'preview',
              sourceEnvironmentId: base.id,
              pullRequest: request.pullRequest,
            }
          : { type: 'clone', sourceEnvironmentId: base.id },
        attention: [...base.attention, ...secretsToSet(base)],
        expiresAt: new Date(Date.parse(FAKE_NOW) + 3 * DAY).toISOString(),
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
        const env = this.#existing(name);
        const change: Partial<ApiEnvironment> = {};
        if (action === 'stop') {
          Object.assign(change, {
            status: 'stopping',
            desiredState: 'stopped',
          });
        }
        if (action === 'start') {
          Object.assign(change, {
            status: 'starting',
            desiredState: 'running',
          });
        }
        if (action === 'destroy') {
          Object.assign(change, {
            status: 'deleting',
            desiredState: 'deleted',
          });
        }
        if (action === 'extend') {
          const days = Number(/^(\d+)d$/.exec(options.by ?? '')?.[1] ?? 0);
          const current = Date.parse(env.expiresAt ?? FAKE_NOW);
          // As the API: a renewal is at least now + by, an extend adds.
          change.expiresAt = new Date(
            options.renew
              ? Math.max(current, Date.parse(FAKE_NOW) + days * DAY)
              : current + days * DAY,
          ).toISOString();
        }
        return this.#reply(this.#revise(env, change), action);
      },
    );
  }

  async updateEnvironment(
    name: string,
    patch: EnvironmentPatch,
    options: EnvironmentsRequestOptions,
  ): Promise<UpdateEnvironmentResponse> {
    await this.#authorize(environmentUpdatePermission, options);
    const reply = await this.#mutate(
      'updateEnvironment',
      name,
      patch,
      options,
      () => {
        const env = this.#existing(name);
        const { services, policy, expiresAt, ...fields } = patch;
        const next = this.#revise(env, {
          ...fields,
          ...(services ? { services: services.map(asRead) } : {}),
          ...(policy ? { policy: { ...env.policy, ...policy } } : {}),
          ...(expiresAt !== undefined
            ? { expiresAt: expiresAt ?? undefined }
            : {}),
        });
        return this.#reply(next, 'update');
      },
    );
    return {
      environment: reply.environment,
      operation: reply.operation,
      ...(reply.replayed ? { replayed: true } : {}),
    };
  }

  async getOperation(id: string, options: EnvironmentsRequestOptions) {
    this.#record('getOperation', id, undefined, options);
    await this.#authorize(environmentReadPermission, options);
    const operation = this.operations.get(id);
    if (!operation) throw new NotFoundError(`No operation ${id}`);
    return {
      ...operation,
      status: this.#options.operationStatus ?? 'succeeded',
    };
  }

  /** Asks the policy, as the environments plugin would; throws 403 on DENY. */
  async #authorize(
    permission: Permission,
    options: EnvironmentsRequestOptions,
  ): Promise<void> {
    const policy = this.#options.policy;
    const userEntityRef = userOf(options);
    if (!policy || !userEntityRef) return;
    const decision = await policy.handle(
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

  #existing(name: string): ApiEnvironment {
    const env = this.environments.get(name);
    if (!env) throw new NotFoundError(`No environment named '${name}'`);
    return env;
  }

  /** The environment with the change, at its next revision. */
  #revise(env: ApiEnvironment, change: Partial<ApiEnvironment>) {
    const next = { ...env, ...change, revision: env.revision + 1 };
    this.environments.set(next.name, next);
    return next;
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

  /** A queued operation of the change, with an id that says its type. */
  #reply(env: ApiEnvironment, type: ApiOperation['type']): OperationResponse {
    const count = [...this.operations.values()].filter(
      op => op.type === type,
    ).length;
    const operation: ApiOperation = {
      id: count ? `op-${type}-${count + 1}` : `op-${type}`,
      environmentId: env.id,
      type,
      status: 'queued',
      steps: [],
      requestedBy: 'plugin:environments',
      createdAt: FAKE_NOW,
      updatedAt: FAKE_NOW,
    };
    this.operations.set(operation.id, operation);
    return { environment: env, operation };
  }
}

/** The user a call acts for; none for a service's own call. */
function userOf({ credentials }: EnvironmentsRequestOptions) {
  const { principal } = credentials;
  return typeof principal === 'object' &&
    principal !== null &&
    'userEntityRef' in principal &&
    typeof principal.userEntityRef === 'string'
    ? principal.userEntityRef
    : undefined;
}

/** A service of a patch as the API shows it once stored: secrets as `isSet`. */
function asRead(service: Service | ApiService): ApiService {
  return isRead(service) ? service : toApiService(service);
}

function isRead(service: Service | ApiService): service is ApiService {
  return service.variables.every(
    variable => variable.kind !== 'secret' || 'isSet' in variable,
  );
}
