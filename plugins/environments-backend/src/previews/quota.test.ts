import {
  QUEUED_ITEM,
  RunningPreview,
  decidePreviewSlot,
  queuedPreviewsToStart,
} from './quota';

const SYSTEM = 'system:default/shop';

function running(
  name: string,
  priority: number,
  lastActivityAt: string,
): RunningPreview {
  return { name, priority, lastActivityAt, owner: 'group:default/team-shop' };
}

describe('decidePreviewSlot', () => {
  const a = running('pr-a', 10, '2025-11-20T10:00:00Z');
  const b = running('pr-b', 10, '2025-11-20T08:00:00Z');
  const c = running('pr-c', 5, '2025-11-20T11:00:00Z');
  const high = running('pr-high', 80, '2025-11-20T01:00:00Z');

  it('admits without a quota or under it', () => {
    expect(
      decidePreviewSlot({ system: SYSTEM, priority: 10, running: [a, b] }),
    ).toEqual({ type: 'admit' });
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [a],
        maxRunningPerSystem: 2,
      }),
    ).toEqual({ type: 'admit' });
  });

  it('reclaims the lowest priority first, then the longest idle', () => {
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [a, b, c],
        maxRunningPerSystem: 3,
      }),
    ).toEqual({ type: 'reclaim', stop: [c] });
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [a, b],
        maxRunningPerSystem: 2,
      }),
    ).toEqual({ type: 'reclaim', stop: [b] });
  });

  it('never reclaims a preview of higher priority', () => {
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [high, a],
        maxRunningPerSystem: 2,
      }),
    ).toEqual({ type: 'reclaim', stop: [a] });
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [high, high],
        maxRunningPerSystem: 2,
      }),
    ).toEqual({
      type: 'queue',
      attention: {
        item: QUEUED_ITEM,
        reason: `Waiting for a slot: 2 previews of ${SYSTEM} are running`,
      },
    });
  });

  it('never reclaims a preview the requester may not stop', () => {
    const theirs = { ...b, reclaimable: false };
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [a, theirs],
        maxRunningPerSystem: 2,
      }),
    ).toEqual({ type: 'reclaim', stop: [a] });
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [theirs, { ...a, reclaimable: false }],
        maxRunningPerSystem: 2,
      }).type,
    ).toBe('queue');
  });

  it('stops enough to free one slot when over the quota, or none at all', () => {
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [a, b, c],
        maxRunningPerSystem: 2,
      }),
    ).toEqual({ type: 'reclaim', stop: [c, b] });
    expect(
      decidePreviewSlot({
        system: SYSTEM,
        priority: 10,
        running: [a, high, high],
        maxRunningPerSystem: 2,
      }).type,
    ).toBe('queue');
  });
});

describe('queuedPreviewsToStart', () => {
  const queued = (name: string, system: string, createdAt: string) => ({
    name,
    system,
    createdAt,
    desiredState: 'stopped' as const,
    attention: [{ item: QUEUED_ITEM, reason: 'waiting' }],
  });
  const up = (name: string, system: string) => ({
    name,
    system,
    createdAt: '2025-11-20T00:00:00Z',
    desiredState: 'running' as const,
    attention: [],
  });

  it('starts the oldest queued previews while their system has room', () => {
    expect(
      queuedPreviewsToStart({
        maxRunningPerSystem: 2,
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
        previews: [
          queued('b', 'shop', '2025-11-20T10:00:00Z'),
          queued('a', 'shop', '2025-11-20T09:00:00Z'),
        ],
      }),
    ).toEqual(['a', 'b']);
  });
});
