import { compatWrapper } from '@backstage/core-compat-api';
import { Route, Routes } from '../../lib/router';
import { CostsPage } from '../CostsPage';
import { EnvironmentPage } from '../EnvironmentPage';
import { EnvironmentsPage } from '../EnvironmentsPage';
import { NewEnvironmentPage } from '../NewEnvironmentPage';
import { InHostLayout } from '../PageFrame';
import { TemplatePage } from '../TemplatePage';
import { TemplatesPage } from '../TemplatesPage';

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
      <Route path="/templates" element={<TemplatesPage />} />
      <Route path="/templates/:namespace/:name" element={<TemplatePage />} />
      <Route path="/costs" element={<CostsPage />} />
      <Route path="/:name" element={<EnvironmentPage />} />
    </Routes>
  );
}

/**
 * {@link EnvironmentsRouter} in the page layout of an app on the new frontend
 * system, below the plugin header the app draws.
 */
export function HostLayoutEnvironmentsRouter() {
  return (
    <InHostLayout>
      <EnvironmentsRouter />
    </InHostLayout>
  );
}

/**
 * {@link EnvironmentsRouter} for legacy apps: the compat wrapper lets the
 * pages resolve their routes and APIs through the old app's contexts.
 */
export function LegacyEnvironmentsRouter() {
  return compatWrapper(<EnvironmentsRouter />);
}
