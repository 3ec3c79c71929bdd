import type {
  DataLoadProgress,
  DataLoadResult,
} from '@greenroom/plugin-environments-node';
import { parseTransformerReport } from '@greenroom/plugin-environments-data-node';

/**
 * What the transformer's log says so far: its latest progress (rows written
 * over all tables, and the table it is on), and its final counts once done.
 */
export function readTransformerLog(log: string): {
  progress?: DataLoadProgress;
  result?: DataLoadResult;
} {
  let progress: DataLoadProgress | undefined;
  for (const line of log.split('\n')) {
    const report = parseTransformerReport(line);
    if (report?.type === 'done') {
      return {
        progress: { rows: report.rows },
        result: { rows: report.rows, tables: report.tables },
      };
    }
    if (report?.type === 'progress') {
      progress = { rows: report.rows, table: report.table };
    }
  }
  return progress ? { progress } : {};
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
