// packages/app/src/App.tsx (new frontend system: createApp from @backstage/frontend-defaults)
import environmentsPlugin from '@greenroom/plugin-environments/alpha';

export default createApp({
  features: [/* the features you already have, */ environmentsPlugin],
});
