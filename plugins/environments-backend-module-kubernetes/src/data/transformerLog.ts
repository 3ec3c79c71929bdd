import type {
  DataLoadProgress,
  DataLoadResult,
} from '@greenroom/plugin-environments-node';
import { parseTransformerReport } from '@greenroom/plugin-environments-data-node';

/**
 * What the transformer's log says so far: rows written (each table's
 * latest count, summed), the table it is on, and its final counts once done.
 */
export function readTransformerLog(log: string): {
  progress?: DataLoadProgress;
  result?: DataLoadResult;
} {
  const tables = new Map<string, number>();
  let table: string | undefined;
  for (const line of log.split('\n')) {
    const report = parseTransformerReport(line);
    if (report?.type === 'done') {
      return {
        progress: { rows: report.rows },
        result: { rows: report.rows, tables: report.tables },
      };
    }
    if (report?.type === 'progress') {
      tables.set(report.table, report.rows);
      table = report.table;
    }
  }
  if (!table) return {};
  const rows = [...tables.values()].reduce((sum, n) => sum + n, 0);
  return { progress: { rows, table } };
}

/** Lines of a failing container's log worth quoting, at most. */
const QUOTED_LINES = 5;
const QUOTED_CHARS = 600;

/**
 * The end of a failing container's log, for an error message: its last
 * lines that are not transformer reports, with every secret value masked.
 */
export function quoteLog(log: string, secrets: string[]): string {
  const lines = log
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !parseTransformerReport(line))
    .slice(-QUOTED_LINES);
  let text = lines.join(' / ');
  for (const value of secrets) {
    if (value) text = text.split(value).join('***');
  }
  return text.length > QUOTED_CHARS
    ? `…${text.slice(text.length - QUOTED_CHARS)}`
    : text;
}
