import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EnvironmentsApiClient,
  type ApiAccepted,
  type ApiClonePlan,
  type ApiEnvironment,
  type ApiListEnvironmentsQuery,
  type ApiOperation,
  type ApiService,
  type CloneRequestInput,
  type EnvironmentInput,
  type Service,
} from '@greenroom/plugin-environments-common';

/** The query of {@link EnvironmentsService.listEnvironments}, as the spec has it. @public */
export type ListEnvironmentsQuery = ApiListEnvironmentsQuery;

/**
 * What an update answers: the environment, and the operation when the change
 * redeploys. Only the replay of an update of an environment destroyed since
 * comes without the environment.
 *
 * @public
 */
export type UpdateEnvironmentResponse = {
  environment?: ApiEnvironment;
  operation?: ApiOperation;
  replayed?: boolean;
};

/** Options of every call: whose behalf it acts on, and retry safety. @public */
export interface EnvironmentsRequestOptions {
  credentials: BackstageCredentials;
  idempotencyKey?: string;
  expectedRevision?: number;
}

/**
 * What a mutation answers (the spec's `Accepted`): the queued operation, and
 * the environment as the API shows it (secrets as `isSet`).
 *
 * @public
 */
export type OperationResponse = ApiAccepted & {
  /**
   * True when the API answered an earlier request with the same
   * Idempotency-Key (header `Idempotent-Replayed`): nothing changed now, and
   * `environment` is as it is now.
   */
  replayed?: boolean;
};

/**
 * The environments API for other backend plugins and modules (scaffolder
 * actions, the GitHub previews module). Calls carry the caller's credentials,
 * so the environments plugin applies their permissions. Answers are the
 * spec's wire objects: secrets come back as `{ isSet }`, never their value.
 *
 * @public
 */
export interface EnvironmentsService {
  listEnvironments(
    query: ListEnvironmentsQuery,
    options: EnvironmentsRequestOptions,
  ): Promise<{ items: ApiEnvironment[]; totalCount: number }>;
  getEnvironment(
    name: string,
    options: EnvironmentsRequestOptions,
  ): Promise<ApiEnvironment | undefined>;
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
  ): Promise<UpdateEnvironmentResponse>;
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
  ): Promise<ApiClonePlan>;
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
  ): Promise<{ service: ApiService }>;
  /** Adds the service as one `update` operation (400 names the failing field). */
  addService(
    environmentName: string,
    body: AddServiceRequest,
    options: EnvironmentsRequestOptions,
  ): Promise<OperationResponse>;
  getOperation(
    id: string,
    options: EnvironmentsRequestOptions,
  ): Promise<ApiOperation>;
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

/**
 * What `PATCH /environments/{name}` takes. Services may be sent back as read:
 * a set secret `{ isSet: true }` keeps its stored value.
 *
 * @public
 */
export type EnvironmentPatch = {
  title?: string;
  system?: string;
  owner?: string;
  services?: Array<Service | ApiService>;
  policy?: Partial<ApiEnvironment['policy']>;
  expiresAt?: string | null;
};

/** HTTP implementation of {@link EnvironmentsService}. @public */
export class DefaultEnvironmentsService implements EnvironmentsService {
  readonly #auth: AuthService;
  readonly #client: EnvironmentsApiClient;

  constructor(deps: { auth: AuthService; discovery: DiscoveryService }) {
    this.#auth = deps.auth;
    this.#client = new EnvironmentsApiClient({ discoveryApi: deps.discovery });
  }

  /** A service token on behalf of the caller, so their permissions apply. */
  async #token(options: EnvironmentsRequestOptions) {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'environments',
    });
    return { token };
  }

  async listEnvironments(
    query: ListEnvironmentsQuery,
    options: EnvironmentsRequestOptions,
  ) {
    const { body } = await this.#client.request(
      'get',
      '/environments',
      { query },
      await this.#token(options),
    );
    return body;
  }

  async getEnvironment(name: string, options: EnvironmentsRequestOptions) {
    try {
      const { body } = await this.#client.request(
        'get',
        '/environments/{name}',
        { path: { name } },
        await this.#token(options),
      );
      return body;
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async createEnvironment(
    input: EnvironmentInput,
    options: EnvironmentsRequestOptions,
  ) {
    return withReplayed(
      await this.#client.request(
        'post',
        '/environments',
        { header: idempotency(options), body: input },
        await this.#token(options),
      ),
    );
  }

  async updateEnvironment(
    name: string,
    patch: EnvironmentPatch,
    options: EnvironmentsRequestOptions,
  ): Promise<UpdateEnvironmentResponse> {
    const answer = await this.#client.request(
      'patch',
      '/environments/{name}',
      { path: { name }, header: guarded(options), body: patch },
      await this.#token(options),
    );
    // 200 answers the environment; 202 the environment and its operation.
    return answer.status === 202
      ? withReplayed(answer)
      : { environment: answer.body };
  }

  async lifecycle(
    name: string,
    action: 'stop' | 'start' | 'destroy' | 'extend',
    options: EnvironmentsRequestOptions & { by?: string; renew?: boolean },
  ) {
    const token = await this.#token(options);
    const request = { path: { name }, header: guarded(options) };
    switch (action) {
      case 'destroy':
        return withReplayed(
          await this.#client.request(
            'delete',
            '/environments/{name}',
            request,
            token,
          ),
        );
      case 'extend':
        return withReplayed(
          await this.#client.request(
            'post',
            '/environments/{name}/extend',
            {
              ...request,
              body: {
                by: options.by ?? '',
                ...(options.renew ? { renew: true } : {}),
              },
            },
            token,
          ),
        );
      case 'stop':
        return withReplayed(
          await this.#client.request(
            'post',
            '/environments/{name}/stop',
            request,
            token,
          ),
        );
      default:
        return withReplayed(
          await this.#client.request(
            'post',
            '/environments/{name}/start',
            request,
            token,
          ),
        );
    }
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
    const answer = await this.#client.request(
      'post',
      '/environments/{name}/clone',
      { path: { name: source }, header: idempotency(options), body: request },
      await this.#token(options),
    );
    // 200 with the plan of a dry run, 202 with the operation otherwise.
    return answer.status === 202 ? withReplayed(answer) : answer.body;
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
    const answer = await this.#client.request(
      'post',
      '/environments/{name}/services',
      { path: { name: environmentName }, header: idempotency(options), body },
      await this.#token(options),
    );
    // 200 with the rendered service of a dry run, 202 with the operation.
    return answer.status === 202 ? withReplayed(answer) : answer.body;
  }

  async getOperation(id: string, options: EnvironmentsRequestOptions) {
    const { body } = await this.#client.request(
      'get',
      '/operations/{id}',
      { path: { id } },
      await this.#token(options),
    );
    return body;
  }
}

function idempotency(options: EnvironmentsRequestOptions) {
  return { 'idempotency-key': options.idempotencyKey };
}

/** Idempotency, and the revision the change expects (409 when stale). */
function guarded(options: EnvironmentsRequestOptions) {
  return {
    ...idempotency(options),
    'if-match':
      options.expectedRevision === undefined
        ? undefined
        : String(options.expectedRevision),
  };
}

/** A change's answer, with `replayed` when the API says it is a replay. */
function withReplayed(answer: {
  body: ApiAccepted;
  headers: Headers;
}): OperationResponse {
  return answer.headers.get('idempotent-replayed') === 'true'
    ? { ...answer.body, replayed: true }
    : answer.body;
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
