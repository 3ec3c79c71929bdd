import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import type { ReactElement } from 'react';

/**
 * The element as the page renders it in an app: since frontend-test-utils 1.0,
 * `renderInTestApp` matches the page with the framework's routing and gives the
 * element no React Router scope of its own, so the page's `<Routes>` get theirs
 * from the page adapter, relative to `mountPath`. (An app of the new frontend
 * system gives the page this scope implicitly; under an older framework the
 * adapter renders its children untouched.)
 */
export function inPage(element: ReactElement) {
  return <ReactRouterV6PageRouter>{element}</ReactRouterV6PageRouter>;
}
