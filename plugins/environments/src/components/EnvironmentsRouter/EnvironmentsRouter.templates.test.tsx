import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { sampleEnvironments } from '../../__testUtils__/environments';
import {
  makeTemplateDetails,
  postgresqlTemplate,
  serveTemplates,
} from '../../__testUtils__/templates';
import {
  serveEnvironmentList,
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from './EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

function renderAt(url: string) {
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [...testApis, mockApis.permission()] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [url],
  });
}

describe('EnvironmentsRouter (service templates)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('opens the templates from the environment list, and a template from its card', async () => {
    serveEnvironmentList(server, sampleEnvironments);
    serveTemplates(
      server,
      [postgresqlTemplate],
      [makeTemplateDetails(postgresqlTemplate)],
    );
    const user = userEvent.setup();

    await renderAt('/environments');
    await screen.findByText('shop-production');
    const link = screen.getByRole('button', { name: 'Service templates' });
    expect(link).toHaveAttribute('href', '/environments/templates');

    await user.click(link);

    // the templates page, not an environment named "templates"
    expect(
      await screen.findByRole('heading', { name: 'Service templates' }),
    ).toBeInTheDocument();
    await user.click(
      await screen.findByRole('button', { name: 'Details of PostgreSQL' }),
    );

    expect(
      await screen.findByRole('heading', { name: 'PostgreSQL' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Parameters (4)')).toBeInTheDocument();
  });
});
