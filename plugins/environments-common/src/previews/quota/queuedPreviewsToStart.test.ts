import { PREVIEW_QUEUED_ITEM } from './quotaPreview';
import { queuedPreviewsToStart } from './queuedPreviewsToStart';

const queued = (
  name: string,
  system: string,
  createdAt: string,
  owner = 'team-shop',
) => ({
  name,
  system,
  owner,
  createdAt,
  desiredState: 'stopped' as const,
  attention: [{ item: PREVIEW_QUEUED_ITEM, reason: 'waiting' }],
});
const up = (name: string, system: string, owner = 'team-shop') => ({
  name,
  system,
  owner,
  createdAt: '2025-11-20T00:00:00Z',
  desiredState: 'running' as const,
  attention: [],
});

describe('queuedPreviewsToStart', () => {
  it('starts the oldest queued previews while their system has room', () => {
    expect(
      queuedPreviewsToStart({
        quota: { perSystem: 2 },
        previews: [
          up('pr-1', 'shop'),
          queued('pr-new', 'shop', '2025-11-20T10:00:00Z'),
          queued('pr-old', 'shop', '2025-11-20T09:00:00Z'),
          up('other-1', 'other'),
          up('other-2', 'other'),
          queued('other-3', 'other', '2025-11-20T08:00:00Z'),
          // stopped by hand: not queued
          { ...up('pr-stopped', 'shop'), desiredState: 'stopped' as const },
        ],
      }),
    ).toEqual(['pr-old']);
  });

  it('starts every queued preview without a quota', () => {
    expect(
      queuedPreviewsToStart({
        quota: {},
        previews: [
          queued('b', 'shop', '2025-11-20T10:00:00Z'),
          queued('a', 'shop', '2025-11-20T09:00:00Z'),
        ],
      }),
    ).toEqual(['a', 'b']);
  });

  it('starts a queued preview only when its team has room too', () => {
    expect(
      queuedPreviewsToStart({
        quota: { perSystem: 5, perTeam: 1, teams: { 'team-b': 2 } },
        previews: [
          up('a-1', 'other', 'team-a'),
          queued('a-2', 'shop', '2025-11-20T08:00:00Z', 'team-a'),
          up('b-1', 'other', 'team-b'),
          queued('b-2', 'shop', '2025-11-20T09:00:00Z', 'team-b'),
          queued('b-3', 'shop', '2025-11-20T10:00:00Z', 'team-b'),
        ],
      }),
    ).toEqual(['b-2']);
  });
});
