import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import environmentsPlugin from '@greenroom/plugin-environments/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

export default createApp({
  // `app.packages: all` discovers these too; listing them keeps the app
  // complete when discovery is narrowed or off (as in tests).
  features: [catalogPlugin, environmentsPlugin, navModule, homeModule],
});
