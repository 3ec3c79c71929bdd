import { InputError } from '@backstage/errors';
import {
  extendedExpiry,
  parseDuration,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsStore, StoredEnvironment } from '../storage/types';
import type { OperationProgress } from './OperationProgress';

/**
 * The step of an extend operation: moves the expiry as the request asked
 * (`by`, `renew`, and `notAfter`, the limit as of the request). Returns its
 * message for the UI.
 */
export async function extendStep(options: {
  environment: StoredEnvironment;
  /** The operation's input, as the API queued it. */
  input: unknown;
  progress: Pick<OperationProgress, 'checkpoint'>;
  store: Pick<EnvironmentsStore, 'updateEnvironmentSpec'>;
  signal: AbortSignal;
}): Promise<string> {
  const { environment, progress, store, signal } = options;
  const input = options.input as
    | { by?: unknown; renew?: unknown; notAfter?: unknown }
    | undefined;
  if (typeof input?.by !== 'string') {
    throw new InputError("input.by: an extend needs a duration such as '2d'");
  }
  const byMs = parseDuration(input.by);
  // Computed once: a resumed run must not extend a second time.
  const expiresAt = await progress.checkpoint(
    'engine/extend/expiresAt',
    async () => {
      // The API refuses these too; the expiry may have changed since.
      if (!environment.expiresAt) {
        throw new InputError(
          `environment '${environment.name}' has no expiry to extend`,
        );
      }
      const next = extendedExpiry({
        expiresAt: Date.parse(environment.expiresAt),
        byMs,
        now: Date.now(),
        renew: input.renew === true,
        notAfter:
          typeof input.notAfter === 'string'
            ? Date.parse(input.notAfter)
            : undefined,
      });
      return new Date(next).toISOString();
    },
  );
  signal.throwIfAborted();
  await store.updateEnvironmentSpec(environment.name, { expiresAt }, {});
  return `Extended by ${input.by}; expires at ${expiresAt}`;
}
