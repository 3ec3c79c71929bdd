// What a curve measurement asks the database: every query a knex client sends,
// grouped by its SQL (lists of placeholders folded), with count and time; and
// EXPLAIN ANALYZE of a captured read, which is how a finding is explained.
import type { Knex } from 'knex';

export interface ExplainedQuery {
  sql: string;
  executionMs: number;
  plan: string;
}

export interface QueryGroup {
  sql: string;
  count: number;
  totalMs: number;
  /** The bindings of its first call, to EXPLAIN it. */
  bindings: unknown[];
  /** Position of its first call among the groups. */
  order: number;
}

/** Folds `$1, $2, …` lists so that one statement with any number of values is one group. */
const shape = (sql: string) =>
  sql
    .replace(/\$\d+(?:\s*,\s*\$\d+)*/g, '$…')
    .replace(/\?(?:\s*,\s*\?)*/g, '?…');

/** Records every query `db` sends from now on; `stop()` gives the groups, slowest total first. */
export function recordQueries(db: Knex) {
  const started = new Map<string, { at: number; group: QueryGroup }>();
  const groups = new Map<string, QueryGroup>();
  const onQuery = (q: {
    __knexQueryUid: string;
    sql: string;
    bindings?: unknown[];
  }) => {
    const key = shape(q.sql);
    let group = groups.get(key);
    if (!group) {
      group = {
        sql: q.sql,
        count: 0,
        totalMs: 0,
        bindings: q.bindings ?? [],
        order: groups.size,
      };
      groups.set(key, group);
    }
    group.count++;
    started.set(q.__knexQueryUid, { at: performance.now(), group });
  };
  const onDone = (_: unknown, q: { __knexQueryUid: string }) => {
    const s = started.get(q.__knexQueryUid);
    if (s) {
      s.group.totalMs += performance.now() - s.at;
      started.delete(q.__knexQueryUid);
    }
  };
  db.on('query', onQuery);
  db.on('query-response', onDone);
  db.on('query-error', onDone);
  return {
    stop(): QueryGroup[] {
      db.removeListener('query', onQuery);
      db.removeListener('query-response', onDone);
      db.removeListener('query-error', onDone);
      return [...groups.values()].sort((a, b) => b.totalMs - a.totalMs);
    },
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a read; writes are not explained (ANALYZE would run them). */
export async function explain(
  db: Knex,
  sql: string,
  bindings: unknown[],
): Promise<ExplainedQuery | undefined> {
  if (!/^\s*(select|with)\b/i.test(sql)) return undefined;
  // knex writes $1..$n in order; raw() takes `?`
  const { rows } = await db.raw(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql.replace(/\$\d+/g, '?')}`,
    bindings as any[],
  );
  const plan = rows.map((r: any) => r['QUERY PLAN']).join('\n');
  const match = /Execution Time: ([\d.]+) ms/.exec(plan);
  return { sql, executionMs: match ? Number(match[1]) : NaN, plan };
}

/** The slowest groups (by total time), with a plan for the reads among them. */
export async function profile(db: Knex, groups: QueryGroup[], top = 4) {
  const out: Array<{
    sql: string;
    count: number;
    totalMs: number;
    plan?: string;
  }> = [];
  for (const g of groups.slice(0, top)) {
    const explained = await explain(db, g.sql, g.bindings);
    out.push({
      sql: g.sql.slice(0, 2000),
      count: g.count,
      totalMs: g.totalMs,
      plan: explained?.plan,
    });
  }
  return {
    queries: groups.reduce((n, g) => n + g.count, 0),
    top: out,
  };
}
