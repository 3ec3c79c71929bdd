/**
 * The text of the comments (GitLab: notes) the previews bot writes on pull
 * and merge requests. Pure: no I/O.
 *
 * The preview comment carries a hidden marker, so the bot finds and updates
 * its one comment instead of adding a second, and, hidden too, the view it
 * shows (but its services), so that a change of the environment later
 * renders it again with what the event said. A reply to a command carries a
 * marker naming the command's comment, so a redelivered command is answered
 * once.
 */

import type { ServiceObservation } from '../schemas/observation';
import { code, link, shortLine } from './previewMarkdown';

/** Marks the one preview comment of a pull request. @public */
export const PREVIEW_COMMENT_MARKER = '<!-- greenroom-preview -->';

/** The status the comment shows when nothing runs. @public */
export const NOT_DEPLOYED = 'not deployed';

/** Where the comment keeps its view, base64url-encoded JSON. */
const VIEW_MARKER = /<!-- greenroom-preview-view:([A-Za-z0-9_-]*) -->/;

/** Enough of a failed service's problem to say what it is. */
const PROBLEM_LENGTH = 80;

/** A row of the comment's service table. @public */
export interface PreviewCommentService {
  name: string;
  kind: string;
  /** What the runtime last saw of it; absent until it was observed. */
  observed?: Pick<
    ServiceObservation,
    'phase' | 'replicas' | 'publicUrls' | 'problem'
  >;
}

/** What the preview comment shows. @public */
export interface PreviewCommentView {
  environmentName: string;
  /** `${app.baseUrl}/environments/<name>` */
  environmentUrl: string;
  /** Unknown when the PR closed, or when the repository's base is unclear. */
  baseEnvironment?: string;
  /**
   * The environment's status, `destroyed` once the PR closed, or
   * `not deployed` when nothing runs (waiting for a maintainer, refused).
   */
  status: string;
  expiresAt?: string;
  /** The service of the PR's component in the preview, when there is one. */
  service?: string;
  branch: string;
  headSha: string;
  services: PreviewCommentService[];
  /** What the last event did, e.g. `Cloned from staging`. */
  lastChange: string;
  /** Why the last change failed, if it did. */
  error?: string;
  /**
   * Markdown the caller escaped, shown under the last change (e.g. the
   * problems of the repository's preview blueprint); not kept in the
   * comment's stored view.
   */
  details?: string;
  /**
   * The pull request comes from a fork or from an author without write
   * access: its pushes neither redeploy nor renew the preview, which runs
   * the commit a maintainer approved with `/preview`.
   */
  pinned?: boolean;
}

/**
 * What the comment keeps of its view: all but what a change of the
 * environment shows anew.
 */
export type StoredPreviewView = Omit<
  PreviewCommentView,
  'services' | 'expiresAt' | 'details'
>;

/** A service's status: its phase, ready replicas when known, and why it failed. */
function serviceStatus(observed: PreviewCommentService['observed']): string {
  if (!observed) return 'not observed yet';
  const { phase, replicas, problem } = observed;
  const ready = replicas
    ? ` (${replicas.ready}/${replicas.desired} ready)`
    : '';
  const why =
    phase === 'failed' && problem
      ? `: ${code(shortLine(problem, PROBLEM_LENGTH))}`
      : '';
  return `${phase}${ready}${why}`;
}

function serviceRow({ name, kind, observed }: PreviewCommentService): string {
  const urls = observed?.publicUrls.map(link).join('<br>') || '–';
  return `| ${code(name)} | ${kind} | ${serviceStatus(observed)} | ${urls} |`;
}

/**
 * The body of the preview comment. `access` says who may run commands, in
 * the provider's words.
 *
 * @public
 */
export function renderPreviewComment(
  view: PreviewCommentView,
  options: { access?: string } = {},
): string {
  const { access = 'write access' } = options;
  const services = view.status === 'destroyed' ? [] : view.services;
  const showsUrls = services.some(s => s.observed?.publicUrls.length);
  const lines = [
    PREVIEW_COMMENT_MARKER,
    `### Preview environment ${code(view.environmentName)}`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| Status | **${view.status}** |`,
    `| Environment | [${view.environmentName}](${view.environmentUrl})${
      showsUrls ? '' : ' (service URLs are on this page)'
    } |`,
  ];
  if (view.baseEnvironment) {
    lines.push(`| Based on | ${code(view.baseEnvironment)} |`);
  }
  lines.push(
    `| Commit | ${code(view.branch)} at ${code(view.headSha.slice(0, 7))}${
      view.pinned && view.status !== NOT_DEPLOYED
        ? ' (pinned: approved with `/preview`)'
        : ''
    } |`,
  );
  if (view.expiresAt && view.status !== 'destroyed') {
    lines.push(
      `| Expires | ${view.expiresAt} (${
        view.pinned
          ? 'pushes do not renew it; a new `/preview` does'
          : 'each push renews it'
      }) |`,
    );
  }
  lines.push('', `Last change: ${view.lastChange}.`);
  if (view.error) {
    lines.push('', `> **Failed:** ${shortLine(view.error)}`);
  }
  if (view.details) {
    lines.push('', view.details);
  }
  if (services.length) {
    lines.push(
      '',
      '| Service | Kind | Status | Public URLs |',
      '| --- | --- | --- | --- |',
      ...services.map(serviceRow),
    );
  }
  if (view.service && view.status !== 'destroyed') {
    lines.push(
      '',
      `The ${code(view.service)} service runs ${code(view.branch)} at ` +
        `${code(view.headSha.slice(0, 7))} (image tag: the commit sha)${
          view.baseEnvironment
            ? `; everything else runs what ${code(view.baseEnvironment)} runs`
            : ''
        }.`,
    );
  }
  lines.push(
    '',
    `<sub>Commands (${access}): \`/preview\`, \`/preview stop\`, ` +
      '`/preview start`, `/preview destroy`, `/preview extend 2d`</sub>',
    storeView(view),
  );
  return lines.join('\n');
}

function storeView({
  services: _services,
  expiresAt: _expiresAt,
  details: _details,
  ...stored
}: PreviewCommentView): string {
  const data = toBase64Url(JSON.stringify(stored));
  return `<!-- greenroom-preview-view:${data} -->`;
}

const TEXT_FIELDS = [
  'environmentName',
  'environmentUrl',
  'status',
  'branch',
  'headSha',
  'lastChange',
] as const;
const OPTIONAL_TEXT_FIELDS = ['baseEnvironment', 'service', 'error'] as const;

/**
 * The view a preview comment keeps, or undefined when it has none (written
 * before comments kept it) or it is not one: the comment can be edited on
 * GitHub or GitLab, so only the fields of a view are taken, each of its type.
 */
export function readStoredView(body: string): StoredPreviewView | undefined {
  const data = body.match(VIEW_MARKER)?.[1];
  if (data === undefined) return undefined;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(fromBase64Url(data));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const stored: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    if (typeof value[field] !== 'string') return undefined;
    stored[field] = value[field];
  }
  for (const field of OPTIONAL_TEXT_FIELDS) {
    if (typeof value[field] === 'string') stored[field] = value[field];
  }
  if (typeof value.pinned === 'boolean') stored.pinned = value.pinned;
  return stored as unknown as StoredPreviewView;
}

/** The hidden marker of the reply to the comment `commentId`. @public */
export function replyMarker(commentId: number): string {
  return `<!-- greenroom-preview-reply:${commentId} -->`;
}

/** The body of a reply to a command comment. @public */
export function renderReply(options: {
  commentId: number;
  author: string;
  text: string;
}): string {
  return `${replyMarker(options.commentId)}\n@${options.author} ${
    options.text
  }`;
}

/** The bot's preview comment among a pull request's comments. @public */
export function findPreviewComment<T extends { body?: string | null }>(
  comments: T[],
): T | undefined {
  return comments.find(c => c.body?.includes(PREVIEW_COMMENT_MARKER));
}

/** Whether a comment is one the bot wrote (never read as a command). @public */
export function isBotComment(body: string): boolean {
  return (
    body.includes(PREVIEW_COMMENT_MARKER) ||
    body.includes('<!-- greenroom-preview-reply:')
  );
}

// base64url without padding, as Node's Buffer writes it; written out so
// that this file also runs in browsers.
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64Url(data: string): string {
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(
    Uint8Array.from(binary, c => c.charCodeAt(0)),
  );
}
