import { parseDuration } from '../duration';

/** What a `/preview …` comment on a pull or merge request asks for. @public */
export type PreviewCommand =
  | { action: 'deploy' }
  | { action: 'stop' | 'start' | 'destroy' }
  | { action: 'extend'; byMs: number; by: string };

/** A malformed `/preview` command; its message carries the usage. @public */
export class PreviewCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewCommandError';
  }
}

const USAGE =
  'Usage: /preview, /preview stop, /preview start, /preview destroy, /preview extend <duration such as 2d>';

/**
 * Reads the first line of a comment that starts with `/preview`. Returns
 * undefined for comments that are not commands; throws PreviewCommandError,
 * with the usage, for a malformed command, so the bot can answer it.
 *
 * @public
 */
export function parsePreviewCommand(body: string): PreviewCommand | undefined {
  const line = body
    .split(/\r?\n/)
    .map(l => l.trim())
    .find(l => /^\/preview(\s|$)/.test(l));
  if (!line) {
    return undefined;
  }
  const [, verb, ...rest] = line.split(/\s+/);
  if (verb === undefined) {
    return { action: 'deploy' };
  }
  switch (verb) {
    case 'stop':
    case 'start':
    case 'destroy':
      if (rest.length)
        throw new PreviewCommandError(
          `'/preview ${verb}' takes no argument. ${USAGE}`,
        );
      return { action: verb };
    case 'extend': {
      const by = rest.join('');
      if (!by)
        throw new PreviewCommandError(
          `'/preview extend' needs a duration. ${USAGE}`,
        );
      try {
        return { action: 'extend', by, byMs: parseDuration(by) };
      } catch (e) {
        throw new PreviewCommandError(`${(e as Error).message}. ${USAGE}`);
      }
    }
    default:
      throw new PreviewCommandError(
        `Unknown preview command '${verb}'. ${USAGE}`,
      );
  }
}
