import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import {
  environmentsApiSpec,
  type EnvironmentsApiPaths,
} from '@greenroom/plugin-environments-common';
import type { RequestHandler, Router } from 'express';

// Handlers are typed by the types generated from the spec: their path
// parameters, query and body, and what they may answer (the bodies of the 2xx
// answers the spec documents for the route).

type Paths = EnvironmentsApiPaths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `/environments/{name}` as express writes it: `/environments/:name`. */
type ExpressPath<P extends string> =
  P extends `${infer Head}{${infer Param}}${infer Tail}`
    ? `${Head}:${Param}${ExpressPath<Tail>}`
    : P;

type PathsWith<M extends Method> = {
  [P in keyof Paths]: [Exclude<Paths[P][M], undefined>] extends [never]
    ? never
    : P;
}[keyof Paths];

/** The spec's path of an express path. */
type SpecPath<M extends Method, T extends string> = {
  [P in PathsWith<M>]: ExpressPath<P> extends T ? P : never;
}[PathsWith<M>];

type OperationOf<M extends Method, P extends PathsWith<M>> = Exclude<
  Paths[P][M],
  undefined
>;

type ParametersIn<
  M extends Method,
  P extends PathsWith<M>,
  In extends 'path' | 'query',
> = [NonNullable<OperationOf<M, P>['parameters'][In]>] extends [never]
  ? Record<string, never>
  : NonNullable<OperationOf<M, P>['parameters'][In]>;

type RequestBody<M extends Method, P extends PathsWith<M>> =
  OperationOf<M, P> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B | undefined
    : undefined;

type Answers<M extends Method, P extends PathsWith<M>> = OperationOf<
  M,
  P
>['responses'];
type SuccessStatus = 200 | 201 | 202 | 204;
type ResponseBody<M extends Method, P extends PathsWith<M>> = {
  [S in Extract<keyof Answers<M, P>, SuccessStatus>]: Answers<
    M,
    P
  >[S] extends { content: infer C }
    ? C[keyof C]
    : undefined;
}[Extract<keyof Answers<M, P>, SuccessStatus>];

type Handler<M extends Method, P extends PathsWith<M>> = RequestHandler<
  ParametersIn<M, P, 'path'>,
  ResponseBody<M, P>,
  RequestBody<M, P>,
  ParametersIn<M, P, 'query'>
>;

type Matcher<M extends Method> = <T extends ExpressPath<PathsWith<M>>>(
  path: T,
  handler: Handler<M, SpecPath<M, T>>,
) => void;

/** An express router whose route handlers are typed by the spec. */
export interface EnvironmentsApiRouter
  extends Omit<Router, Method>,
    RequestHandler {
  get: Matcher<'get'>;
  post: Matcher<'post'>;
  put: Matcher<'put'>;
  patch: Matcher<'patch'>;
  delete: Matcher<'delete'>;
}

/**
 * The router of the environments API: requests are validated against the
 * spec (a 400 names the parameter), which it serves at `/openapi.json`.
 */
export function createOpenApiRouter(): EnvironmentsApiRouter {
  const router: Router =
    createValidatedOpenApiRouterFromGeneratedEndpointMap(environmentsApiSpec);
  // The same express router, its route methods typed by the generated types.
  return router as EnvironmentsApiRouter;
}
