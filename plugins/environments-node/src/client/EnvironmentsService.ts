import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClonePlan,
  CloneRequestInput,
  Environment,
  EnvironmentInput,
  Operation,
  Service,
} from '@greenroom/plugin-environments-common';

/** @public */
export interface ListEnvironmentsQuery {
  system?: string;
  owner?: string;
  component?: string;
  mode?: string;
  status?: string;
  q?: string;
  sort?: string;
  limit?: number;
  offset?: number;
}

/** Options of every call: whose behalf it acts on, and retry safety. @public */
export interface EnvironmentsRequestOptions {
  credentials: BackstageCredentials;
  idempotencyKey?: string;
  expectedRevision?: number;
}

/** What a mutation answers: the queued operation, and the environment. @public */
export interface OperationResponse {
  environment?: Environment;
  operation: Operation;
  /**
   * True when the API answered an earlier request with the same
   * Idempotency-Key (header `Idempotent-Replayed`): nothing changed now, and
   * `environment` is as it is now.
   */
  replayed?: boolean;
}

/**
 * The environments API for other backend plugins and modules (scaffolder
 * actions, the GitHub previews module). Calls carry the caller's credentials,
 * so the environments plugin applies their permissions.
 *
 * @public
 */
export interface EnvironmentsService {
  listEnvironments(
    query: ListEnvironmentsQuery,
    options: EnvironmentsRequestOptions,
  ): Promise<{ items: Environment[]; totalCount: number }>;
  getEnvironment(
    name: string,
    options: EnvironmentsRequestOptions,
  ): Promise<Environment | undefined>;
  createEnvironment(
    input: EnvironmentInput,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  /**
   * Replaces the top-level fields it names. Changing `services` redeploys:
   * the answer then carries the update operation. Services may be sent back
   * as read, set secrets included (they keep their stored values).
   */
  updateEnvironment(
    name: string,
    patch: EnvironmentPatch,
    options: EnvironmentsRequestOptions,
  ): Promise<{
    environment: Environment;
    operation?: Operation;
    replayed?: boolean;
  }>;
  lifecycle(
    name: string,
    action: 'stop' | 'start' | 'destroy' | 'extend',
    /**
     * `by` for extend; with `renew`, the expiry becomes at least now + by
     * (unchanged when later) instead of growing by `by`.
     */
    options: EnvironmentsRequestOptions & { by?: string; renew?: boolean },
  ): Promise<OperationResponse>;
  /** With `dryRun: true`, the plan of the clone; nothing is stored. */
  cloneEnvironment(
    source: string,
    request: CloneRequestInput & { dryRun: true },
    options: EnvironmentsRequestOptions,
  ): Promise<ClonePlan>;
  /** Clones `source` as one `clone` operation; secrets and custom domains come back as `environment.attention`. */
  cloneEnvironment(
    source: string,
    request: CloneRequestInput,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  /**
   * Adds a service rendered from a ServiceTemplate to an environment. With
   * `dryRun: true`, the rendered service; nothing is changed.
   */
  addService(
    environmentName: string,
    body: AddServiceRequest & { dryRun: true },
    options: EnvironmentsRequestOptions,
  ): Promise<{ service: Service }>;
  /** Adds the service as one `update` operation (400 names the failing field). */
  addService(
    environmentName: string,
    body: AddServiceRequest,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  getOperation(
    id: string,
    options: EnvironmentsRequestOptions,
  ): Promise<Operation>;
}

/** What `POST /environments/{name}/services` takes. @public */
export interface AddServiceRequest {
  /** The ServiceTemplate, e.g. `servicetemplate:default/postgresql`. */
  template: string;
  /** Name of the new service in the environment. */
  name: string;
  /** Values of the template's parameters; its defaults apply to the rest. */
  parameters: Record<string, unknown>;
  /** Render and check only; nothing is changed. */
  dryRun?: boolean;
}

/** What `PATCH /environments/{name}` takes. @public */
export interface EnvironmentPatch {
  title?: string;
  system?: string;
  owner?: string;
  services?: Environment['services'];
  policy?: Partial<Environment['policy']>;
  expiresAt?: string | null;
}

/** HTTP implementation of {@link EnvironmentsService}. @public */
export class DefaultEnvironmentsService implements EnvironmentsService {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async #fetch(
    path: string,
    options: EnvironmentsRequestOptions,
    init: { method?: string; body?: unknown } = {},
  ): Promise<Response> {
    const baseUrl = await this.deps.discovery.getBaseUrl('environments');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'environments',
    });
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey)
      headers['idempotency-key'] = options.idempotencyKey;
    if (options.expectedRevision !== undefined) {
      headers['if-match'] = String(options.expectedRevision);
    }
    return fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  }

  async #json<T>(res: Response): Promise<T> {
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }

  /** A mutation's answer, with `replayed` when the API says it is a replay. */
  async #accepted<T extends object>(
    res: Response,
  ): Promise<T & { replayed?: boolean }> {
    const body = await this.#json<T>(res);
    return res.headers.get('idempotent-replayed') === 'true'
      ? { ...body, replayed: true }
      : body;
  }

  async listEnvironments(
    query: ListEnvironmentsQuery,
    options: EnvironmentsRequestOptions,
  ) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const qs = params.toString();
    return this.#json<{ items: Environment[]; totalCount: number }>(
      await this.#fetch(`/environments${qs ? `?${qs}` : ''}`, options),
    );
  }

  async getEnvironment(name: string, options: EnvironmentsRequestOptions) {
    const res = await this.#fetch(
      `/environments/${encodeURIComponent(name)}`,
      options,
    );
    if (res.status === 404) return undefined;
    return this.#json<Environment>(res);
  }

  async createEnvironment(
    input: EnvironmentInput,
    options: EnvironmentsRequestOptions,
  ) {
    return this.#accepted<OperationResponse>(
      await this.#fetch('/environments', options, {
        method: 'POST',
        body: input,
      }),
    );
  }

  async updateEnvironment(
    name: string,
    patch: EnvironmentPatch,
    options: EnvironmentsRequestOptions,
  ) {
    const res = await this.#fetch(
      `/environments/${encodeURIComponent(name)}`,
      options,
      { method: 'PATCH', body: patch },
    );
    // 200 answers the environment; 202 the environment and its operation.
    const body = await this.#accepted<any>(res);
    const answer: {
      environment: Environment;
      operation?: Operation;
      replayed?: boolean;
    } = res.status === 202 ? body : { environment: body };
    return answer;
  }

  async lifecycle(
    name: string,
    action: 'stop' | 'start' | 'destroy' | 'extend',
    options: EnvironmentsRequestOptions & { by?: string; renew?: boolean },
  ) {
    const path = `/environments/${encodeURIComponent(name)}`;
    const res =
      action === 'destroy'
        ? await this.#fetch(path, options, { method: 'DELETE' })
        : await this.#fetch(`${path}/${action}`, options, {
            method: 'POST',
            body:
              action === 'extend'
                ? {
                    by: options.by,
                    ...(options.renew ? { renew: true } : {}),
                  }
                : {},
          });
    return this.#accepted<OperationResponse>(res);
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
  ): Promise<ClonePlan | OperationResponse> {
    return this.#accepted<ClonePlan | OperationResponse>(
      await this.#fetch(
        `/environments/${encodeURIComponent(source)}/clone`,
        options,
        {
          method: 'POST',
          body: request,
        },
      ),
    );
  }

  addService(
    environmentName: string,
    body: AddServiceRequest & { dryRun: true },
    options: EnvironmentsRequestOptions,
  ): Promise<{ service: Service }>;
  addService(
    environmentName: string,
    body: AddServiceRequest,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  async addService(
    environmentName: string,
    body: AddServiceRequest,
    options: EnvironmentsRequestOptions,
  ): Promise<{ service: Service } | OperationResponse> {
    return this.#accepted<{ service: Service } | OperationResponse>(
      await this.#fetch(
        `/environments/${encodeURIComponent(environmentName)}/services`,
        options,
        { method: 'POST', body },
      ),
    );
  }

  async getOperation(id: string, options: EnvironmentsRequestOptions) {
    return this.#json<Operation>(
      await this.#fetch(`/operations/${encodeURIComponent(id)}`, options),
    );
  }
}

/**
 * The environments API as a backend service.
 *
 * @public
 */
export const environmentsServiceRef = createServiceRef<EnvironmentsService>({
  id: 'environments.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: deps => new DefaultEnvironmentsService(deps),
    }),
});
