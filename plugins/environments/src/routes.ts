import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * The `/environments` page. Created for the new frontend system; the legacy
 * plugin converts this same object with `convertLegacyRouteRef`.
 */
export const rootRouteRef = createRouteRef();
