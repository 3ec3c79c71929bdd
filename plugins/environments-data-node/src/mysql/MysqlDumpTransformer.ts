import {
  type ColumnRule,
  type DataRules,
  type KeyedHash,
  columnKey,
  transformValue,
} from '@greenroom/plugin-environments-common';
import type {
  DataLoadProgress,
  DataLoadResult,
} from '@greenroom/plugin-environments-node';
import { parseMysqlInsert } from './insertStatement';
import { decodeMysqlLiteral, encodeMysqlString } from './literals';

/** @public */
export interface MysqlDumpTransformerOptions {
  rules: DataRules;
  /** The source database: `users.email` in the rules means `<database>.users.email`. */
  database: string;
  hash: KeyedHash;
  /** Rows written so far and the table they are in; every 1000 rows and at each new table. */
  onProgress?: (progress: DataLoadProgress) => void;
}

const ROW_STATEMENT = /^\s*(insert|replace)\b/i;
const DELIMITER = /^\s*delimiter\s+(\S+)/i;
const USE = /^\s*use\s+`((?:[^`]|``)+)`/i;
const PROGRESS_EVERY = 1000;

/**
 * Rewrites mysqldump's output line by line: the values of ruled columns in
 * its `INSERT` rows go through `transformValue`; every other byte passes
 * unchanged. Holds one line at a time.
 *
 * Rows must come one statement a line with their column list (mysqldump
 * `--complete-insert`; `--skip-extended-insert` keeps lines short). A row
 * statement it cannot read stops the copy rather than pass unread. Bodies of
 * triggers and routines (between `DELIMITER ;;` and `DELIMITER ;`) are code,
 * not rows, and pass as they are.
 *
 * @public
 */
export class MysqlDumpTransformer {
  private readonly rules = new Map<string, ColumnRule>();
  private readonly ruledTables = new Set<string>();
  /** The rule of each column of a table, by table and column list. */
  private readonly plans = new Map<string, (ColumnRule | undefined)[]>();
  private readonly rowsByTable = new Map<string, number>();
  private database: string;
  private inRoutine = false;
  private lineNumber = 0;
  private rows = 0;
  private table: string | undefined;

  constructor(private readonly options: MysqlDumpTransformerOptions) {
    this.database = options.database;
    for (const rule of options.rules.rules) {
      if (rule.transform === 'keep') continue;
      const key = columnKey(rule.column, options.database.toLowerCase());
      this.rules.set(key, rule);
      this.ruledTables.add(key.slice(0, key.lastIndexOf('.')));
    }
  }

  /** One line of the dump without its line end, as it goes to the target. */
  transformLine(line: Buffer): Buffer {
    this.lineNumber++;
    const text = line.toString('latin1', 0, Math.min(line.length, 200));
    const delimiter = DELIMITER.exec(text);
    if (delimiter) {
      this.inRoutine = delimiter[1] !== ';';
      return line;
    }
    if (this.inRoutine || !ROW_STATEMENT.test(text)) {
      const use = USE.exec(text);
      if (use && !this.inRoutine) {
        this.database = Buffer.from(use[1], 'latin1')
          .toString('utf8')
          .replace(/``/g, '`');
      }
      return line;
    }
    try {
      return this.transformRows(line);
    } catch (error) {
      throw new Error(
        `cannot copy line ${this.lineNumber} of the dump: ${
          (error as Error).message
        }`,
      );
    }
  }

  /** What was copied: rows in all, and by table (`database.table`). */
  result(): DataLoadResult {
    return {
      rows: this.rows,
      tables: [...this.rowsByTable].map(([table, rows]) => ({ table, rows })),
    };
  }

  private transformRows(line: Buffer): Buffer {
    const insert = parseMysqlInsert(line);
    const database = insert.database ?? this.database;
    const table = `${database}.${insert.table}`;
    this.count(table, insert.rows.length);
    const plan = this.plan(table, insert.columns);
    if (!plan) return line;
    const pieces: Buffer[] = [];
    let copied = 0;
    insert.rows.forEach((values, rowIndex) => {
      if (values.length !== plan.length) {
        throw new Error(
          `row ${rowIndex + 1} of ${insert.table} has ${
            values.length
          } values for ${plan.length} columns`,
        );
      }
      values.forEach(([start, end], column) => {
        const rule = plan[column];
        if (!rule) return;
        const bytes = decodeMysqlLiteral(line.subarray(start, end));
        const value = bytes === null ? null : bytes.toString('utf8');
        const result = transformValue(rule, value, this.options.hash);
        pieces.push(
          line.subarray(copied, start),
          Buffer.from(encodeMysqlString(result), 'utf8'),
        );
        copied = end;
      });
    });
    pieces.push(line.subarray(copied));
    return Buffer.concat(pieces);
  }

  /** The rules of a table's columns, or undefined when it has none. */
  private plan(table: string, columns: string[] | undefined) {
    const tableKey = table.toLowerCase();
    if (!this.ruledTables.has(tableKey)) return undefined;
    if (!columns) {
      throw new Error(
        `the rows of ${table} have no column list (dump with --complete-insert)`,
      );
    }
    const cacheKey = [tableKey, ...columns].join('\u0000');
    let plan = this.plans.get(cacheKey);
    if (!plan) {
      plan = columns.map(c => this.rules.get(`${tableKey}.${c.toLowerCase()}`));
      this.plans.set(cacheKey, plan);
    }
    return plan;
  }

  private count(table: string, rows: number) {
    const before = this.rows;
    this.rows += rows;
    this.rowsByTable.set(table, (this.rowsByTable.get(table) ?? 0) + rows);
    const newTable = table !== this.table;
    this.table = table;
    if (
      newTable ||
      Math.floor(before / PROGRESS_EVERY) !==
        Math.floor(this.rows / PROGRESS_EVERY)
    ) {
      this.options.onProgress?.({ rows: this.rows, table });
    }
  }
}
