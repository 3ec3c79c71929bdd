import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/**
 * The `/environments` page. Created for the new frontend system; the legacy
 * plugin converts this same object with `convertLegacyRouteRef`.
 */
export const rootRouteRef = createRouteRef();

/**
 * The "New environment" form, `/environments/new`. Static segments win over
 * parameters in react-router, so no environment can be named `new` (the form
 * says so).
 */
export const newEnvironmentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/new',
});

/** One environment, `/environments/:name`. */
export const environmentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:name',
});

/** The name the "New environment" route takes; no environment may use it. */
export const RESERVED_ENVIRONMENT_NAMES: readonly string[] = ['new'];
