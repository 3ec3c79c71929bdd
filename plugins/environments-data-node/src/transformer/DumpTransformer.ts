import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import {
  type ColumnRule,
  type DataRules,
  type KeyedHash,
  columnKey,
  transformValue,
} from '@greenroom/plugin-environments-common';
import type { DataLoadResult } from '@greenroom/plugin-environments-node';
import { decodeCopyField, encodeCopyField } from './copyText';
import { parseCopyHeader } from './copyHeader';

/** Rows streamed so far, over all tables, and the table being streamed. @public */
export interface DumpProgress {
  table: string;
  rows: number;
}

/** @public */
export interface DumpTransformerOptions {
  rules: Pick<DataRules, 'rules'>;
  /** The keyed hash of the copy (`nativeHmacHasher(transformKey)`). */
  hash: KeyedHash;
  /** Called at most every `progressIntervalMs` while rows stream. */
  onProgress?: (progress: DumpProgress) => void;
  progressIntervalMs?: number;
}

/** The COPY block being streamed. */
interface CopyBlock {
  table: string;
  /** The rule of each column by position; undefined when no column has one. */
  rules?: (ColumnRule | undefined)[];
}

const END_OF_COPY = '\\.';

/**
 * Rewrites pg_dump's plain format line by line as it streams: the rows of
 * every `COPY … FROM stdin;` block get the rules of their columns, every
 * other line passes through unchanged. Lines may be split across chunks;
 * memory stays at one chunk and one line.
 *
 * @public
 */
export class DumpTransformer extends Transform {
  readonly #rules: Map<string, ColumnRule>;
  readonly #hash: KeyedHash;
  readonly #onProgress?: (progress: DumpProgress) => void;
  readonly #progressIntervalMs: number;
  readonly #decoder = new StringDecoder('utf8');
  readonly #tables = new Map<string, number>();
  #pending = '';
  #copy: CopyBlock | undefined;
  #rows = 0;
  #lastProgress = 0;

  constructor(options: DumpTransformerOptions) {
    super();
    this.#rules = new Map(
      options.rules.rules.map(r => [columnKey(r.column), r]),
    );
    this.#hash = options.hash;
    this.#onProgress = options.onProgress;
    this.#progressIntervalMs = options.progressIntervalMs ?? 1000;
  }

  /** Rows streamed so far, per table in dump order. */
  result(): DataLoadResult {
    return {
      rows: this.#rows,
      tables: [...this.#tables].map(([table, rows]) => ({ table, rows })),
    };
  }

  _transform(chunk: Buffer, _encoding: string, done: TransformCallback) {
    try {
      const text = this.#pending + this.#decoder.write(chunk);
      const last = text.lastIndexOf('\n');
      this.#pending = text.slice(last + 1);
      if (last >= 0) this.push(this.#lines(text.slice(0, last)));
      this.#reportProgress(false);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  _flush(done: TransformCallback) {
    const rest = this.#pending + this.#decoder.end();
    this.#pending = '';
    if (this.#copy) {
      done(
        new Error(
          `the dump ended inside the rows of ${
            this.#copy.table
          } (no "\\." line)`,
        ),
      );
      return;
    }
    if (rest) this.push(this.#line(rest));
    this.#reportProgress(true);
    done();
  }

  /** Whole lines without their last newline; returns them with newlines. */
  #lines(text: string): string {
    let out = '';
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      out += `${this.#line(text.slice(start, end))}\n`;
      start = end + 1;
    }
    return out;
  }

  #line(line: string): string {
    const copy = this.#copy;
    if (!copy) {
      if (line.startsWith('COPY ')) this.#startCopy(line);
      return line;
    }
    if (line === END_OF_COPY) {
      this.#copy = undefined;
      return line;
    }
    this.#rows++;
    this.#tables.set(copy.table, (this.#tables.get(copy.table) ?? 0) + 1);
    return copy.rules ? this.#transformRow(line, copy.rules) : line;
  }

  #startCopy(line: string) {
    const header = parseCopyHeader(line);
    if (!header) return;
    const table = `${header.schema}.${header.table}`;
    const rules = header.columns.map(column =>
      this.#rules.get(columnKey(`${table}.${column}`)),
    );
    this.#copy = { table, rules: rules.some(Boolean) ? rules : undefined };
    if (!this.#tables.has(table)) this.#tables.set(table, 0);
  }

  #transformRow(line: string, rules: (ColumnRule | undefined)[]): string {
    const fields = line.split('\t');
    for (let i = 0; i < fields.length; i++) {
      const rule = rules[i];
      if (rule && rule.transform !== 'keep') {
        const value = transformValue(
          rule,
          decodeCopyField(fields[i]),
          this.#hash,
        );
        fields[i] = encodeCopyField(value);
      }
    }
    return fields.join('\t');
  }

  #reportProgress(final: boolean) {
    if (!this.#onProgress) return;
    const now = Date.now();
    if (!final && now - this.#lastProgress < this.#progressIntervalMs) return;
    const tables = [...this.#tables.keys()];
    const table = this.#copy?.table ?? tables[tables.length - 1];
    if (table === undefined) return;
    this.#lastProgress = now;
    this.#onProgress({ table, rows: this.#rows });
  }
}
