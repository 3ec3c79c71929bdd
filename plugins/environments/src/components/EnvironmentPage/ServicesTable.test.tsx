import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import {
  makeEnvironment,
  makeObserved,
  makeService,
} from '../../__testUtils__/environments';
import { testMountedRoutes } from '../../__testUtils__/testApp';
import { ServicesTable } from './ServicesTable';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const environment = makeEnvironment({
  name: 'shop-dev',
  services: [
    makeService({
      name: 'web',
      kind: 'application',
      image: { repository: 'ghcr.io/acme/web', tag: '1.2.0' },
      replicas: 2,
      observed: makeObserved({
        phase: 'running',
        replicas: { ready: 2, desired: 2 },
        image: 'ghcr.io/acme/web:1.2.0',
        publicUrls: ['https://web-shop-dev.example.com/'],
        internalUrls: ['http://web-shop-dev:3000'],
        lastTransitionAt: ago(3 * 60 * 60 * 1000),
      }),
    }),
    makeService({
      name: 'api',
      kind: 'application',
      image: { repository: 'ghcr.io/acme/api', tag: '2.4.0' },
      observed: makeObserved({
        phase: 'failed',
        replicas: { ready: 0, desired: 1 },
        image: 'ghcr.io/acme/api:2.3.9',
        problem: 'CrashLoopBackOff: the container exits with code 1',
        lastTransitionAt: ago(5 * 60 * 1000),
      }),
    }),
    makeService({ name: 'worker', kind: 'container' }),
  ],
});

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('tr');
  if (!row) {
    throw new Error(`No row contains ${text}`);
  }
  return row;
}

describe('ServicesTable', () => {
  it('shows a running service: phase, ready replicas, since when, and where to open it', async () => {
    await renderInTestApp(<ServicesTable environment={environment} />, {
      mountedRoutes: testMountedRoutes,
    });

    const web = rowOf('web');
    expect(within(web).getByText('running')).toBeInTheDocument();
    expect(within(web).getByText('2/2 ready')).toBeInTheDocument();
    expect(within(web).getByText('running for 3 hours')).toBeInTheDocument();
    const link = within(web).getByRole('link', {
      name: /^web-shop-dev\.example\.com, Opens in a new window/,
    });
    expect(link).toHaveAttribute('href', 'https://web-shop-dev.example.com/');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // in-cluster: text to copy, not a link
    expect(
      within(web).getByText('http://web-shop-dev:3000'),
    ).not.toHaveAttribute('href');
    expect(
      within(web).getByRole('button', {
        name: 'Copy http://web-shop-dev:3000',
      }),
    ).toBeInTheDocument();
    // the image that runs is the one asked for: nothing more to say
    expect(within(web).queryByText(/^running ghcr/)).not.toBeInTheDocument();
  });

  it('shows a failing service with its problem and the image still running', async () => {
    await renderInTestApp(<ServicesTable environment={environment} />, {
      mountedRoutes: testMountedRoutes,
    });

    const api = rowOf('api');
    expect(within(api).getByText('failed')).toBeInTheDocument();
    expect(within(api).getByText('0/1 ready')).toBeInTheDocument();
    expect(within(api).getByText('failing for 5 minutes')).toBeInTheDocument();
    expect(
      within(api).getByText(
        'CrashLoopBackOff: the container exits with code 1',
      ),
    ).toBeInTheDocument();
    expect(within(api).getByText('ghcr.io/acme/api:2.4.0')).toBeInTheDocument();
    expect(
      within(api).getByText('running ghcr.io/acme/api:2.3.9'),
    ).toBeInTheDocument();
  });

  it('says when the runtime has not reported on a service yet', async () => {
    await renderInTestApp(<ServicesTable environment={environment} />, {
      mountedRoutes: testMountedRoutes,
    });

    const worker = rowOf('worker');
    expect(within(worker).getByText('not observed yet')).toBeInTheDocument();
    expect(within(worker).queryByRole('link')).not.toBeInTheDocument();
  });
});
