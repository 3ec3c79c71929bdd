import { parseDuration } from '../duration';
import { DEFAULT_IDLE_AFTER_MS } from './summarize';

/**
 * The idle threshold cost reports count an environment's idle time with:
 * its policy's `idleAfter`, else {@link DEFAULT_IDLE_AFTER_MS}.
 *
 * @public
 */
export function idleAfterOf(
  policy: { idleAfter?: string } | undefined | null,
): number {
  return policy?.idleAfter
    ? parseDuration(policy.idleAfter)
    : DEFAULT_IDLE_AFTER_MS;
}
