import { InputError } from '@backstage/errors';
import type { EnvironmentRuntime } from '@greenroom/plugin-environments-node';

/** The runtimes this backend can deploy to, by `runtime.type`. */
export class RuntimeRegistry {
  readonly #runtimes = new Map<string, EnvironmentRuntime>();

  add(runtime: EnvironmentRuntime): void {
    if (this.#runtimes.has(runtime.type)) {
      throw new Error(
        `A runtime of type '${runtime.type}' is already registered; install only one module for it`,
      );
    }
    this.#runtimes.set(runtime.type, runtime);
  }

  /** The runtime for a type; an unknown type is the caller's input error. */
  get(type: string): EnvironmentRuntime {
    const runtime = this.#runtimes.get(type);
    if (!runtime) {
      throw new InputError(
        `runtime.type: unknown runtime '${type}'; available: ${this.types().join(
          ', ',
        )}`,
      );
    }
    return runtime;
  }

  has(type: string): boolean {
    return this.#runtimes.has(type);
  }

  types(): string[] {
    return [...this.#runtimes.keys()].sort();
  }

  all(): EnvironmentRuntime[] {
    return [...this.#runtimes.values()];
  }
}
