// The reliability suite: `bash scripts/greenroom.sh soak [check ...]`.
// Checks: crash, race, fuzz, canary, schedulers, abuse (default: all, in that order).
// Each prints its figures and PASS/FAIL; the results go to soak/RESULTS.md
// (only for a full run, unless GREENROOM_SOAK_WRITE=1). Exit 1 on any FAIL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { SOAK_DIR, log, pgClient } from './lib.mjs';
import { crashCheck } from './checks/crash.mjs';
import { apiChecks } from './checks/api.mjs';
import { schedulerCheck } from './checks/schedulers.mjs';
import { abuseCheck } from './checks/abuse.mjs';

const ALL = ['crash', 'race', 'fuzz', 'canary', 'schedulers', 'abuse'];
const args = process.argv.slice(2);
const selected = args.length ? args : ALL;
for (const a of selected) {
  if (!ALL.includes(a)) {
    console.error(`unknown check '${a}' (${ALL.join('|')})`);
    process.exit(2);
  }
}
const basePort = Number(process.env.GREENROOM_SOAK_PORT ?? 7411);
process.env.GREENROOM_SOAK_TOKEN ??= `soak-${randomBytes(16).toString('hex')}`;
// Every run gets databases of its own (prefix soak_<run>_<check>_), so a given cluster may be reused.
process.env.GREENROOM_SOAK_RUN ??= randomBytes(3).toString('hex');
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-soak-'));
log(`run directory (backend logs, configs): ${runDir}`);

const began = Date.now();
const results = [];
async function run(name, fn) {
  try {
    results.push(await fn());
  } catch (error) {
    log(`FAIL ${name}: ${error.stack ?? error}`);
    results.push({
      id: name,
      title: name,
      passed: false,
      failures: [`crashed: ${error.message}`],
      figures: [],
      notes: [],
      seconds: 0,
    });
  }
}

if (selected.includes('crash'))
  await run('1-crash', () => crashCheck({ runDir, port: basePort }));
const apiSelected = ['race', 'fuzz', 'canary'].filter(c =>
  selected.includes(c),
);
if (apiSelected.length) {
  const list = await apiChecks({
    runDir,
    port: basePort + 1,
    checks: apiSelected,
  }).catch(error => {
    log(`FAIL api checks: ${error.stack ?? error}`);
    return [
      {
        id: 'api',
        title: apiSelected.join('+'),
        passed: false,
        failures: [`crashed: ${error.message}`],
        figures: [],
        notes: [],
        seconds: 0,
      },
    ];
  });
  results.push(...list);
}
if (selected.includes('schedulers'))
  await run('4-schedulers', () =>
    schedulerCheck({ runDir, ports: [basePort + 2, basePort + 3] }),
  );
if (selected.includes('abuse'))
  await run('6-abuse', () => abuseCheck({ runDir, port: basePort + 4 }));

const totalSeconds = Math.round((Date.now() - began) / 1000);
const failed = results.filter(r => !r.passed);
log('');
log('===== summary =====');
for (const r of results)
  log(`${r.passed ? 'PASS' : 'FAIL'}  ${r.id}  ${r.title}  (${r.seconds} s)`);
log(
  `${results.length - failed.length} passed, ${
    failed.length
  } failed, ${totalSeconds} s`,
);

if (
  selected.length === ALL.length ||
  process.env.GREENROOM_SOAK_WRITE === '1'
) {
  const lines = [];
  let pgVersion = 'unknown';
  try {
    const client = await pgClient('postgres');
    pgVersion = (await client.query('SHOW server_version')).rows[0]
      .server_version;
    await client.end();
  } catch {
    // the cluster is gone already
  }
  lines.push('# Reliability suite: results', '');
  lines.push(
    'Written by `bash scripts/greenroom.sh soak` (soak/soak.mjs). What each check does and how it can fail:',
  );
  lines.push(
    'see the "Reliability suite" section of README.md and the comments at the top of each `soak/checks/*.mjs`.',
    '',
  );
  lines.push(`- date: ${new Date().toISOString()}`);
  lines.push(`- machine: \`${execSync('uname -a').toString().trim()}\``);
  lines.push(
    `- cpus: ${os.cpus().length} (${
      os.cpus()[0]?.model ?? 'unknown'
    }), load average at the end: ${os
      .loadavg()
      .map(x => x.toFixed(2))
      .join(' ')}`,
  );
  lines.push(
    `- node: ${
      process.version
    }; PostgreSQL: ${`${pgVersion} (throwaway cluster)`}`,
  );
  lines.push(`- checks run: ${selected.join(', ')}; total ${totalSeconds} s`);
  lines.push(
    `- verdict: **${failed.length === 0 ? 'PASS' : 'FAIL'}** (${
      results.length - failed.length
    } passed, ${failed.length} failed)`,
    '',
  );
  for (const r of results) {
    lines.push(`## ${r.passed ? 'PASS' : 'FAIL'}: ${r.id}: ${r.title}`, '');
    lines.push(`Took ${r.seconds} s.`, '');
    if (r.figures.length) {
      lines.push('| figure | value |', '| --- | --- |');
      for (const [k, v] of r.figures)
        lines.push(`| ${k} | ${String(v).replace(/\|/g, '\\|')} |`);
      lines.push('');
    }
    for (const f of r.failures) lines.push(`- FAIL: ${f}`);
    for (const n of r.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  fs.writeFileSync(path.join(SOAK_DIR, 'RESULTS.md'), lines.join('\n'));
  log(`wrote ${path.join(SOAK_DIR, 'RESULTS.md')}`);
}
process.exit(failed.length ? 1 : 0);
