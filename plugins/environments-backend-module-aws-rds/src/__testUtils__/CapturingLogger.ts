// Copied from the environments backend (packages do not import each other's src).
import type { LoggerService } from '@backstage/backend-plugin-api';

export interface LogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /** The child loggers' metadata merged with the call's own. */
  meta: Record<string, unknown>;
}

/** A logger that keeps every entry, including those of its children. */
export class CapturingLogger implements LoggerService {
  readonly entries: LogEntry[];
  readonly #meta: Record<string, unknown>;

  constructor(entries: LogEntry[] = [], meta: Record<string, unknown> = {}) {
    this.entries = entries;
    this.#meta = meta;
  }

  error(message: string, meta?: Error | object) {
    this.#log('error', message, meta);
  }
  warn(message: string, meta?: Error | object) {
    this.#log('warn', message, meta);
  }
  info(message: string, meta?: Error | object) {
    this.#log('info', message, meta);
  }
  debug(message: string, meta?: Error | object) {
    this.#log('debug', message, meta);
  }

  child(meta: object): LoggerService {
    return new CapturingLogger(this.entries, { ...this.#meta, ...meta });
  }

  /** Everything logged, as one string, to search for leaked values. */
  text(): string {
    return JSON.stringify(this.entries);
  }

  #log(level: LogEntry['level'], message: string, meta?: Error | object) {
    const own =
      meta instanceof Error
        ? { error: meta.message, stack: meta.stack }
        : (meta as Record<string, unknown> | undefined);
    this.entries.push({ level, message, meta: { ...this.#meta, ...own } });
  }
}
