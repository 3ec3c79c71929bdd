import { compatWrapper } from '@backstage/core-compat-api';
import { Route, Routes } from '../../lib/router';
import { EnvironmentPage } from '../EnvironmentPage';
import { EnvironmentsPage } from '../EnvironmentsPage';
import { NewEnvironmentPage } from '../NewEnvironmentPage';

/**
 * Everything under `/environments`: the list, the "New environment" form at
 * `new` and one environment at `:name`. Paths are relative to where the app
 * mounts the page.
 */
export function EnvironmentsRouter() {
  return (
    <Routes>
      <Route path="/" element={<EnvironmentsPage />} />
      <Route path="/new" element={<NewEnvironmentPage />} />
      <Route path="/:name" element={<EnvironmentPage />} />
    </Routes>
  );
}

/**
 * {@link EnvironmentsRouter} for legacy apps: the compat wrapper lets the
 * pages resolve their routes and APIs through the old app's contexts.
 */
export function LegacyEnvironmentsRouter() {
  return compatWrapper(<EnvironmentsRouter />);
}
