import type { Environment } from '../../schemas';
import {
  previewQuotaUsage,
  previewsReclaimedNext,
} from './previewQuotaUsage';
import {
  PREVIEW_QUEUED_ITEM,
  QuotaPreview,
  toQuotaPreview,
} from './quotaPreview';

const SHOP = 'system:default/shop';
const OTHER = 'system:default/other';
const TEAM_SHOP = 'group:default/team-shop';
const TEAM_A = 'group:default/team-a';

function preview(
  name: string,
  overrides: Partial<QuotaPreview> = {},
): QuotaPreview {
  return {
    name,
    system: SHOP,
    owner: TEAM_SHOP,
    desiredState: 'running',
    attention: [],
    createdAt: '2025-11-20T00:00:00Z',
    lastActivityAt: '2025-11-20T10:00:00Z',
    priority: 10,
    ...overrides,
  };
}
const queued = (name: string, overrides: Partial<QuotaPreview> = {}) =>
  preview(name, {
    desiredState: 'stopped',
    attention: [{ item: PREVIEW_QUEUED_ITEM, reason: 'waiting' }],
    ...overrides,
  });

describe('previewQuotaUsage', () => {
  const previews = [
    preview('pr-busy', { lastActivityAt: '2025-11-20T11:00:00Z' }),
    preview('pr-idle', { lastActivityAt: '2025-11-20T08:00:00Z' }),
    preview('pr-important', {
      priority: 60,
      lastActivityAt: '2025-11-20T01:00:00Z',
    }),
    queued('pr-waiting'),
    // stopped by hand: neither running nor queued
    preview('pr-stopped', { desiredState: 'stopped' }),
    preview('pr-a', { system: OTHER, owner: TEAM_A }),
  ];

  it('counts each system and team, lists running previews in reclaim order and marks the next one of a full quota', () => {
    expect(
      previewQuotaUsage({ previews, quota: { perSystem: 3, perTeam: 5 } }),
    ).toEqual({
      configured: true,
      systems: [
        {
          ref: OTHER,
          limit: 3,
          running: 1,
          queued: 0,
          previews: [
            {
              name: 'pr-a',
              priority: 10,
              lastActivityAt: '2025-11-20T10:00:00Z',
              reclaimNext: false,
            },
          ],
        },
        {
          ref: SHOP,
          limit: 3,
          running: 3,
          queued: 1,
          previews: [
            {
              name: 'pr-idle',
              priority: 10,
              lastActivityAt: '2025-11-20T08:00:00Z',
              reclaimNext: true,
            },
            {
              name: 'pr-busy',
              priority: 10,
              lastActivityAt: '2025-11-20T11:00:00Z',
              reclaimNext: false,
            },
            {
              name: 'pr-important',
              priority: 60,
              lastActivityAt: '2025-11-20T01:00:00Z',
              reclaimNext: false,
            },
          ],
        },
      ],
      teams: [
        expect.objectContaining({ ref: TEAM_A, limit: 5, running: 1 }),
        expect.objectContaining({
          ref: TEAM_SHOP,
          limit: 5,
          running: 3,
          queued: 1,
        }),
      ],
    });
  });

  it('marks nothing while a quota has room, and gives no limit where none is set', () => {
    const report = previewQuotaUsage({
      previews,
      quota: { systems: { [SHOP]: 4 } },
    });
    const names = (ref: string) =>
      report.systems
        .find(s => s.ref === ref)!
        .previews.filter(p => p.reclaimNext);
    expect(report.configured).toBe(true);
    expect(report.systems.find(s => s.ref === SHOP)).toMatchObject({
      limit: 4,
      running: 3,
    });
    expect(names(SHOP)).toEqual([]);
    expect(report.systems.find(s => s.ref === OTHER)).not.toHaveProperty(
      'limit',
    );
    expect(report.teams.every(t => t.limit === undefined)).toBe(true);
    expect(report.teams.flatMap(t => t.previews).some(p => p.reclaimNext)).toBe(
      false,
    );
  });

  it('says when no quota is configured', () => {
    expect(previewQuotaUsage({ previews: [], quota: {} })).toEqual({
      configured: false,
      systems: [],
      teams: [],
    });
  });
});

describe('toQuotaPreview', () => {
  it('takes the priority from the policy', () => {
    const environment = {
      ...preview('pr-1'),
      policy: { priority: 42 },
      priority: undefined,
    } as unknown as Environment;
    expect(toQuotaPreview(environment)).toEqual({
      ...preview('pr-1'),
      priority: 42,
    });
  });
});

describe('previewsReclaimedNext', () => {
  it('names each preview reclaimed next with the quotas that would stop it', () => {
    const previews = [
      preview('pr-1', { lastActivityAt: '2025-11-20T01:00:00Z' }),
      preview('pr-2'),
      preview('pr-a', { system: OTHER, owner: TEAM_A }),
    ];
    const report = previewQuotaUsage({
      previews,
      quota: { perSystem: 2, perTeam: 1 },
    });
    expect(previewsReclaimedNext(report)).toEqual(
      new Map([
        ['pr-1', [SHOP, TEAM_SHOP]],
        ['pr-a', [TEAM_A]],
      ]),
    );
  });
});
