// CPU profiles for `bench --profile DIR`: the inspector's Profiler domain in
// the process that calls it, and a summary of where the time went (self time
// by function and by file), so a profile can be read without DevTools.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function post<T>(session: Session, method: string, params?: object) {
  return new Promise<T>((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) =>
      error ? reject(error) : resolve(result as T),
    ),
  );
}

/** Starts profiling this process; the returned function stops and returns the profile. */
export async function startProfiler(): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 500 }); // µs
  await post(session, 'Profiler.start');
  return async () => {
    const { profile } = await post<{ profile: CpuProfile }>(
      session,
      'Profiler.stop',
    );
    session.disconnect();
    return profile;
  };
}

/** Where a file is, relative to the repository (no machine paths in output). */
function shortFile(url: string): string {
  if (!url) return '(native / idle)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + 'node_modules/'.length).split('/');
    return `${
      rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
    } (dependency)`;
  }
  const root = path.resolve(__dirname, '..');
  return file.startsWith(root) ? path.relative(root, file) : file;
}

/** Self time in ms by function and by file, largest first. */
export function summarize(profile: CpuProfile, top = 15) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // The delta before sample i+1 is the time spent in sample i.
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    selfMs.set(samples[i], (selfMs.get(samples[i]) ?? 0) + ms);
  }
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const { callFrame } = byId.get(id)!;
    const file = shortFile(callFrame.url);
    const name = `${callFrame.functionName || '(anonymous)'} ${file}${
      callFrame.url ? `:${callFrame.lineNumber + 1}` : ''
    }`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    total += ms;
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const idle = ['(idle)', '(program)', '(garbage collector)'].map(n => [
    n,
    [...selfMs].reduce(
      (sum, [id, ms]) =>
        byId.get(id)!.callFrame.functionName === n ? sum + ms : sum,
      0,
    ),
  ]);
  return {
    totalMs: total,
    idle: Object.fromEntries(idle) as Record<string, number>,
    functions: sorted(byFunction),
    files: sorted(byFile),
  };
}

/** Writes `<dir>/<name>.cpuprofile` (opens in Chrome DevTools) and prints its summary on stderr. */
export function saveAndPrint(dir: string, name: string, profile: CpuProfile) {
  const file = path.join(dir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const s = summarize(profile);
  const line = ([what, ms]: [string, number]) =>
    `  ${ms.toFixed(0).padStart(6)} ms  ${what}`;
  const lines = [
    `${name}: ${s.totalMs.toFixed(0)} ms sampled (${Object.entries(s.idle)
      .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
      .join(', ')}); written to ${file}`,
    ' self time by file:',
    ...s.files.map(line),
    ' self time by function:',
    ...s.functions.map(line),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}
