import type { JsonValue } from '@backstage/types';
import type { RuntimeContext } from '@greenroom/plugin-environments-node';

/**
 * Runs `fn` under the checkpoint `key` and resolves as soon as `fn` is done
 * (or the checkpoint was already saved), without waiting for the save, which
 * goes to `saving`: the next tier's writes start while the operation row is
 * written. A run that dies before the save does `fn` again (server-side apply
 * is idempotent); a refused save (lease lost) aborts the run's signal.
 * Callers await `saving` before relying on the checkpoints.
 */
export function checkpointAhead(
  ctx: Pick<RuntimeContext, 'checkpoint'>,
  key: string,
  fn: () => Promise<JsonValue | void>,
  saving: Promise<unknown>[],
): Promise<void> {
  return new Promise<void>((done, failed) => {
    const saved = ctx.checkpoint(key, () =>
      fn().then(value => {
        done();
        return value;
      }),
    );
    saving.push(saved);
    saved.then(() => done(), failed);
  });
}
