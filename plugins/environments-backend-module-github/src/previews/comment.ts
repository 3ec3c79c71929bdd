/**
 * The text of the PR comments the previews bot writes. Pure: no I/O.
 *
 * The preview comment carries a hidden marker, so the bot finds and updates
 * its one comment instead of adding a second; a reply to a command carries a
 * marker naming the command's comment, so a redelivered command is answered
 * once.
 */

/** Marks the one preview comment of a pull request. */
export const PREVIEW_COMMENT_MARKER = '<!-- greenroom-preview -->';

/** What the preview comment shows. */
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
  services: Array<{ name: string; kind: string; ports: number[] }>;
  /** What the last event did, e.g. `Cloned from staging`. */
  lastChange: string;
  /** Why the last change failed, if it did. */
  error?: string;
  /**
   * The pull request comes from a fork or from an author without write
   * access: its pushes neither redeploy nor renew the preview, which runs
   * the commit a maintainer approved with `/preview`.
   */
  pinned?: boolean;
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** The body of the preview comment. */
export function renderPreviewComment(view: PreviewCommentView): string {
  const lines = [
    PREVIEW_COMMENT_MARKER,
    `### Preview environment ${code(view.environmentName)}`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| Status | **${view.status}** |`,
    `| Environment | [${view.environmentName}](${view.environmentUrl}) (service URLs are on this page) |`,
  ];
  if (view.baseEnvironment) {
    lines.push(`| Based on | ${code(view.baseEnvironment)} |`);
  }
  lines.push(
    `| Commit | ${code(view.branch)} at ${code(view.headSha.slice(0, 7))}${
      view.pinned && view.status !== 'not deployed'
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
    lines.push('', `> **Failed:** ${view.error.split(/\r?\n/)[0]}`);
  }
  if (view.services.length && view.status !== 'destroyed') {
    lines.push('', '| Service | Kind | Ports |', '| --- | --- | --- |');
    for (const s of view.services) {
      lines.push(
        `| ${code(s.name)} | ${s.kind} | ${s.ports.join(', ') || '–'} |`,
      );
    }
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
    '<sub>Commands (write access): `/preview`, `/preview stop`, ' +
      '`/preview start`, `/preview destroy`, `/preview extend 2d`</sub>',
  );
  return lines.join('\n');
}

/** The hidden marker of the reply to the comment `commentId`. */
export function replyMarker(commentId: number): string {
  return `<!-- greenroom-preview-reply:${commentId} -->`;
}

/** The body of a reply to a command comment. */
export function renderReply(options: {
  commentId: number;
  author: string;
  text: string;
}): string {
  return `${replyMarker(options.commentId)}\n@${options.author} ${
    options.text
  }`;
}

/** The bot's preview comment among a pull request's comments. */
export function findPreviewComment<T extends { body?: string | null }>(
  comments: T[],
): T | undefined {
  return comments.find(c => c.body?.includes(PREVIEW_COMMENT_MARKER));
}

/** Whether a comment is one the bot wrote (never read as a command). */
export function isBotComment(body: string): boolean {
  return (
    body.includes(PREVIEW_COMMENT_MARKER) ||
    body.includes('<!-- greenroom-preview-reply:')
  );
}
