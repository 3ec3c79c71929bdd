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

/** The managers' cost page, `/environments/costs`. */
export const costsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/costs',
});

/** One environment, `/environments/:name`. */
export const environmentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:name',
});

/** The service-template catalog, `/environments/templates`. */
export const templatesRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/templates',
});

/** One service template, `/environments/templates/:namespace/:name`. */
export const templateRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/templates/:namespace/:name',
});

// The page names no environment may take (`new`, `templates`, `costs`).
export { RESERVED_ENVIRONMENT_NAMES } from '@greenroom/plugin-environments-common';
