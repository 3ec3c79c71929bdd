import { ResponseError } from '@backstage/errors';
import type { paths } from './openapi.generated';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A path of the environments REST API, as the spec writes it. @public */
export type EnvironmentsApiPath = keyof paths;

/** The methods the spec has for a path. @public */
export type EnvironmentsApiMethod<P extends EnvironmentsApiPath> = {
  [M in Method]-?: [Exclude<paths[P][M], undefined>] extends [never]
    ? never
    : M;
}[Method];

type OperationOf<
  P extends EnvironmentsApiPath,
  M extends EnvironmentsApiMethod<P>,
> = Exclude<paths[P][M], undefined>;

type BodyOf<O> = O extends { requestBody?: never }
  ? { body?: never }
  : O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
  ? { body?: B }
  : { body?: never };

/**
 * What a call sends: the parameters of the operation (path, query, header)
 * and its JSON body, typed by the spec.
 *
 * @public
 */
export type EnvironmentsApiRequest<
  P extends EnvironmentsApiPath,
  M extends EnvironmentsApiMethod<P>,
> = Omit<OperationOf<P, M>['parameters'], 'cookie'> & BodyOf<OperationOf<P, M>>;

type SuccessStatus = 200 | 201 | 202 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer B } }
  ? B
  : undefined;

/**
 * A successful answer: one variant per 2xx status the spec documents for the
 * operation, with its JSON body (none for 204).
 *
 * @public
 */
export type EnvironmentsApiResult<
  P extends EnvironmentsApiPath,
  M extends EnvironmentsApiMethod<P>,
> = {
  [S in Extract<keyof OperationOf<P, M>['responses'], SuccessStatus>]: {
    status: S;
    body: JsonOf<OperationOf<P, M>['responses'][S]>;
    headers: Headers;
  };
}[Extract<keyof OperationOf<P, M>['responses'], SuccessStatus>];

/**
 * The one typed client of the environments REST API, for the browser and the
 * backend alike: the frontend's `EnvironmentsClient` and the backend modules'
 * `EnvironmentsService` wrap it with their way of finding the backend and
 * authenticating. An answer outside 2xx throws a `ResponseError`.
 *
 * @public
 */
export class EnvironmentsApiClient {
  readonly #discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  readonly #fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  /** The URL of a path with its parameters filled in, and its query string. */
  async url(
    path: EnvironmentsApiPath,
    parameters: {
      path?: Record<string, string>;
      query?: Record<string, unknown>;
    } = {},
  ): Promise<string> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('environments');
    const filled = path.replace(/\{(\w+)\}/g, (_, param: string) =>
      encodeURIComponent(parameters.path?.[param] ?? ''),
    );
    const search = new URLSearchParams();
    for (const [param, value] of Object.entries(parameters.query ?? {})) {
      // Leaving out what is not set keeps the backend's defaults.
      if (value !== undefined && value !== '') {
        search.append(param, String(value));
      }
    }
    const query = search.toString();
    return `${baseUrl}${filled}${query ? `?${query}` : ''}`;
  }

  async request<
    P extends EnvironmentsApiPath,
    M extends EnvironmentsApiMethod<P>,
  >(
    method: M,
    path: P,
    request: EnvironmentsApiRequest<P, M>,
    options: { token?: string } = {},
  ): Promise<EnvironmentsApiResult<P, M>> {
    const headers: Record<string, string> = {};
    for (const [header, value] of Object.entries(request.header ?? {})) {
      if (value !== undefined) headers[header] = String(value);
    }
    if (request.body !== undefined)
      headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await this.#fetchApi.fetch(await this.url(path, request), {
      method: method.toUpperCase(),
      headers,
      body:
        request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    // The spec says what each status carries: the backend answers to it
    // (its conformance test checks every route).
    return {
      status: response.status,
      body: response.status === 204 ? undefined : await response.json(),
      headers: response.headers,
    } as EnvironmentsApiResult<P, M>;
  }
}
