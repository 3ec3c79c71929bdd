import { decidePreviewSlot, PreviewSlotDecision } from './decidePreviewSlot';
import { PREVIEW_QUEUED_ITEM, RunningPreview } from './quotaPreview';
import type { PreviewQuotaSettings } from './settings';

const SHOP = 'system:default/shop';
const OTHER = 'system:default/other';
const TEAM_SHOP = 'group:default/team-shop';
const TEAM_A = 'group:default/team-a';

function running(
  name: string,
  priority: number,
  lastActivityAt: string,
  where: { system?: string; owner?: string } = {},
): RunningPreview {
  return {
    name,
    priority,
    lastActivityAt,
    system: where.system ?? SHOP,
    owner: where.owner ?? TEAM_SHOP,
  };
}

const a = running('pr-a', 10, '2025-11-20T10:00:00Z');
const b = running('pr-b', 10, '2025-11-20T08:00:00Z');
const c = running('pr-c', 5, '2025-11-20T11:00:00Z');
const high = running('pr-high', 80, '2025-11-20T01:00:00Z');
const theirs = { ...b, reclaimable: false };
// Of team-a, in another system.
const elsewhereA = running('pr-elsewhere', 10, '2025-11-20T07:00:00Z', {
  system: OTHER,
  owner: TEAM_A,
});
// Of team-a, in the shop.
const shopA = running('pr-shop-a', 10, '2025-11-20T09:00:00Z', {
  owner: TEAM_A,
});

const queued = (ref: string, count: number): PreviewSlotDecision => ({
  type: 'queue',
  attention: {
    item: PREVIEW_QUEUED_ITEM,
    reason: `Waiting for a slot: ${count} previews of ${ref} are running`,
  },
});
const admit: PreviewSlotDecision = { type: 'admit' };
const reclaim = (...stop: RunningPreview[]): PreviewSlotDecision => ({
  type: 'reclaim',
  stop,
});

describe('decidePreviewSlot', () => {
  it.each<{
    case: string;
    quota: PreviewQuotaSettings;
    owner?: string;
    priority?: number;
    running: RunningPreview[];
    expected: PreviewSlotDecision;
  }>([
    { case: 'no quota', quota: {}, running: [a, b], expected: admit },
    {
      case: 'under the system quota',
      quota: { perSystem: 2 },
      running: [a],
      expected: admit,
    },
    {
      case: 'lowest priority first',
      quota: { perSystem: 3 },
      running: [a, b, c],
      expected: reclaim(c),
    },
    {
      case: 'among equals, the longest idle',
      quota: { perSystem: 2 },
      running: [a, b],
      expected: reclaim(b),
    },
    {
      case: 'never a higher priority',
      quota: { perSystem: 2 },
      running: [high, a],
      expected: reclaim(a),
    },
    {
      case: 'only higher priorities run',
      quota: { perSystem: 2 },
      running: [high, high],
      expected: queued(SHOP, 2),
    },
    {
      case: 'never one the requester may not stop',
      quota: { perSystem: 2 },
      running: [a, theirs],
      expected: reclaim(a),
    },
    {
      case: 'none the requester may stop',
      quota: { perSystem: 2 },
      running: [theirs, { ...a, reclaimable: false }],
      expected: queued(SHOP, 2),
    },
    {
      case: 'over the quota: enough to free one slot',
      quota: { perSystem: 2 },
      running: [a, b, c],
      expected: reclaim(c, b),
    },
    {
      case: 'over the quota and not enough to free one: none',
      quota: { perSystem: 2 },
      running: [a, high, high],
      expected: queued(SHOP, 3),
    },
    {
      case: 'previews of other systems do not count',
      quota: { perSystem: 1 },
      running: [elsewhereA],
      expected: admit,
    },
    {
      case: "the system's own limit replaces the default",
      quota: { perSystem: 1, systems: { [SHOP]: 3 } },
      running: [a, b],
      expected: admit,
    },
    {
      case: 'a full team quota, across systems',
      quota: { perTeam: 2 },
      owner: TEAM_A,
      running: [elsewhereA, shopA, a],
      expected: reclaim(elsewhereA),
    },
    {
      case: "the team's own limit replaces the default",
      quota: { perTeam: 1, teams: { [TEAM_A]: 3 } },
      owner: TEAM_A,
      running: [elsewhereA, shopA],
      expected: admit,
    },
    {
      case: 'a full team quota with nothing to reclaim',
      quota: { perSystem: 5, perTeam: 1 },
      owner: TEAM_A,
      priority: 5,
      running: [elsewhereA],
      expected: queued(TEAM_A, 1),
    },
    {
      case: 'both full: the one stopped for the system frees the team too',
      quota: { perSystem: 2, perTeam: 1 },
      owner: TEAM_A,
      running: [shopA, a],
      expected: reclaim(shopA),
    },
    {
      case: 'both full: each frees a slot in its own order',
      quota: { perSystem: 2, perTeam: 1 },
      owner: TEAM_A,
      running: [b, a, elsewhereA],
      expected: reclaim(b, elsewhereA),
    },
    {
      case: 'the system has room but the team cannot make any: nothing stops',
      quota: { perSystem: 2, perTeam: 1 },
      owner: TEAM_A,
      running: [a, b, { ...elsewhereA, priority: 90 }],
      expected: queued(TEAM_A, 1),
    },
    {
      case: 'the system could reclaim but the team cannot: nothing stops',
      quota: { perSystem: 1, perTeam: 1 },
      owner: TEAM_A,
      running: [a, { ...elsewhereA, priority: 90 }],
      expected: queued(TEAM_A, 1),
    },
  ])('$case', ({ quota, owner, priority, running: all, expected }) => {
    expect(
      decidePreviewSlot({
        preview: {
          system: SHOP,
          owner: owner ?? TEAM_SHOP,
          priority: priority ?? 10,
        },
        running: all,
        quota,
      }),
    ).toEqual(expected);
  });
});
