import { previewEnvironment as makeEnvironment } from './__testUtils__/previewEnvironment';
import type { StoredPreviewView } from './previewComment';
import { refreshedView } from './previewCommentView';

const stored: StoredPreviewView = {
  environmentName: 'pr-example-storefront-42',
  environmentUrl: 'http://localhost:3000/environments/pr-example-storefront-42',
  baseEnvironment: 'staging',
  status: 'provisioning',
  service: 'storefront',
  branch: 'feature',
  headSha: '1111111111111111111111111111111111111111',
  lastChange: 'cloned from `staging` (pull request opened)',
  pinned: true,
};

describe('refreshedView', () => {
  const env = makeEnvironment({
    name: 'pr-example-storefront-42',
    status: 'running',
    expiresAt: '2025-11-23T09:12:00.000Z',
  });

  it('takes status, expiry and services from the environment, the rest from the comment', () => {
    expect(refreshedView(stored, env)).toEqual({
      ...stored,
      status: 'running',
      expiresAt: '2025-11-23T09:12:00.000Z',
      services: env.services.map(({ name, kind }) => ({ name, kind })),
    });
  });

  it.each(['destroyed', 'not deployed'])(
    'leaves a comment that says %s as it is',
    status => {
      expect(refreshedView({ ...stored, status }, env)).toBeUndefined();
    },
  );

  it('leaves the comment of another environment as it is', () => {
    expect(
      refreshedView({ ...stored, environmentName: 'pr-other-1' }, env),
    ).toBeUndefined();
  });
});
