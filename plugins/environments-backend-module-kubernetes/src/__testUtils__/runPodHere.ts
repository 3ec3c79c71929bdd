// Runs a Job's pod on this machine as a kubelet would, for tests with real
// database clients: the init containers one after the other, then the
// containers together, each with its env and its volumes as directories.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ContainerRun {
  name: string;
  exitCode: number | null;
  /** Its stdout and stderr, as `kubectl logs` shows them. */
  log: string;
}

interface PodInput {
  /** The Job's `spec.template.spec`. */
  pod: any;
  /** Data of the ConfigMaps and Secrets its volumes and env refer to, by name. */
  configMaps: Record<string, Record<string, string>>;
  secrets: Record<string, Record<string, string>>;
  /** Values that replace the pod's (hosts a pod would resolve, for one). */
  env?: Record<string, string>;
  /** A container still running after this is killed. */
  timeoutMs?: number;
}

function envOf(
  container: any,
  input: PodInput,
  local: (text: string) => string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    const value = ref ? input.secrets[ref.name]?.[ref.key] : e.value;
    if (value === undefined) throw new Error(`no value for ${e.name}`);
    // `$(VAR)` refers to a variable defined before, as Kubernetes expands it.
    env[e.name] = local(value).replace(/\$\(([A-Za-z_]\w*)\)/g, (whole, name) =>
      name in env ? env[name] : whole,
    );
  }
  return { PATH: process.env.PATH ?? '', ...env, ...input.env };
}

function run(
  container: any,
  input: PodInput,
  volumes: Map<string, string>,
): Promise<ContainerRun> {
  const mounts: [string, string][] = (container.volumeMounts ?? []).map(
    (m: any) => [m.mountPath, volumes.get(m.name)!],
  );
  /** Paths in the container's volumes as paths on this machine. */
  const local = (text: string) =>
    mounts.reduce(
      (out, [mountPath, dir]) => out.split(`${mountPath}/`).join(`${dir}/`),
      text,
    );
  const [file, ...args] = (container.command as string[]).map(local);
  return new Promise(resolve => {
    const child = spawn(file, args, {
      env: envOf(container, input, local),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: input.timeoutMs ?? 30_000,
    });
    let log = '';
    child.stdout.on('data', chunk => (log += chunk));
    child.stderr.on('data', chunk => (log += chunk));
    child.on('error', error =>
      resolve({ name: container.name, exitCode: 127, log: error.message }),
    );
    child.on('close', code =>
      resolve({ name: container.name, exitCode: code, log }),
    );
  });
}

/** Runs the pod to its end: stops after the first init container that fails. */
export async function runPodHere(input: PodInput): Promise<ContainerRun[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'greenroom-pod-'));
  try {
    const volumes = new Map<string, string>();
    for (const volume of input.pod.volumes ?? []) {
      const dir = path.join(root, volume.name);
      mkdirSync(dir);
      volumes.set(volume.name, dir);
      const data = volume.configMap
        ? input.configMaps[volume.configMap.name]
        : {};
      for (const [file, text] of Object.entries(data ?? {})) {
        writeFileSync(path.join(dir, file), text);
      }
    }
    const runs: ContainerRun[] = [];
    for (const container of input.pod.initContainers ?? []) {
      const done = await run(container, input, volumes);
      runs.push(done);
      if (done.exitCode !== 0) return runs;
    }
    runs.push(
      ...(await Promise.all(
        input.pod.containers.map((c: any) => run(c, input, volumes)),
      )),
    );
    return runs;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
