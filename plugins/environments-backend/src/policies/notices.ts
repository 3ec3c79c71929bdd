import type { NotificationService } from '@backstage/plugin-notifications-node';
import { formatDuration } from '@greenroom/plugin-environments-common';
import { POLICY_NOTIFICATION_TOPIC } from './constants';

/** The page of an environment in the portal; opening it counts as activity. */
export function environmentLink(name: string, action?: 'extend'): string {
  const path = `/environments/${encodeURIComponent(name)}`;
  return action ? `${path}?action=${action}` : path;
}

function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Notifications about one idle period (or one expiry) share a scope, so the
 * "stopped" notice replaces the warning in the owner's inbox and a notice
 * sent twice collapses into one.
 */
function scope(
  environmentId: string,
  topic: 'idle' | 'expiry',
  period: string,
) {
  return `greenroom-policy:${environmentId}:${topic}:${period}`;
}

type Notice = Parameters<NotificationService['send']>[0]['payload'];

export function idleWarningNotice(options: {
  environmentId: string;
  name: string;
  period: string;
  idleAfter: string;
  idleSince: string;
  stopInMs: number;
}): Notice {
  const inText = formatDuration(Math.max(options.stopInMs, 60_000));
  return {
    title: `${options.name} will stop in ${inText} unless used`,
    description: `No activity since ${when(
      options.idleSince,
    )}; environments stop after ${
      options.idleAfter
    } idle. Open it to keep it running.`,
    link: environmentLink(options.name),
    severity: 'normal',
    topic: POLICY_NOTIFICATION_TOPIC,
    scope: scope(options.environmentId, 'idle', options.period),
  };
}

export function idleStoppedNotice(options: {
  environmentId: string;
  name: string;
  period: string;
  idleAfter: string;
}): Notice {
  return {
    title: `${options.name} was stopped after ${options.idleAfter} idle`,
    description: `Nobody used it for ${options.idleAfter}, so it was stopped to save cost. Start it again from its page when you need it.`,
    link: environmentLink(options.name),
    severity: 'normal',
    topic: POLICY_NOTIFICATION_TOPIC,
    scope: scope(options.environmentId, 'idle', options.period),
  };
}

export function expiryWarningNotice(options: {
  environmentId: string;
  name: string;
  expiresAt: string;
}): Notice {
  return {
    title: `${options.name} will be deleted at ${when(options.expiresAt)}`,
    description: `Its time to live ends at ${when(
      options.expiresAt,
    )}; it is then destroyed with its data. Extend it to keep it.`,
    link: environmentLink(options.name, 'extend'),
    severity: 'high',
    topic: POLICY_NOTIFICATION_TOPIC,
    scope: scope(options.environmentId, 'expiry', options.expiresAt),
  };
}

export function expiredNotice(options: {
  environmentId: string;
  name: string;
  expiresAt: string;
}): Notice {
  return {
    title: `${options.name} was deleted: its time to live ended`,
    description: `It expired at ${when(
      options.expiresAt,
    )} and is being destroyed. Clone another environment to get a new one.`,
    link: '/environments',
    severity: 'normal',
    topic: POLICY_NOTIFICATION_TOPIC,
    scope: scope(options.environmentId, 'expiry', options.expiresAt),
  };
}
