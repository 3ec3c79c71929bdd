// packages/app/src/App.tsx (legacy frontend system: createApp from @backstage/app-defaults)
import { EnvironmentsPage } from '@greenroom/plugin-environments';

// in <FlatRoutes>; the page also serves /environments/new, /environments/:name and more
    <Route path="/environments" element={<EnvironmentsPage />} />
