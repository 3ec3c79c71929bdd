#!/usr/bin/env node
// Writes a Backstage release manifest (the shape of versions.backstage.io/v1/releases/<v>/manifest.json)
// for the packages a host app and Greenroom use, derived from the npm registry. install-check
// aligns host apps with these files because the release manifest service is not reachable from
// CI. Maintainers run it when a new release should be checked:
//
//   node scripts/install-check/release-manifest.js --release 1.57.1 --before 2026-12-06 --allow-gaps \
//     --note "…why this release number…"
//   node scripts/install-check/release-manifest.js --release 1.55.0 --before 2026-10-01 \
//     --anchors-from @backstage/create-app@0.9.2
//
// Each package gets the newest stable version the registry published before --before (the
// next release's date), except where --anchors-from names a create-app release: its own version
// map (the release's exact versions of the template packages) wins. The set of packages is the
// create-app template's, Greenroom's own @backstage dependencies, and everything they depend on.
// The result must be coherent: every @backstage range between listed packages is satisfied,
// otherwise nothing is written and the mismatches are printed. With --allow-gaps the manifest is
// written with the mismatches listed under "gaps": a release whose packages the registry serves
// only in part (install-check prints them).
'use strict';

const fs = require('fs');
const path = require('path');
const os = require('os');
const cp = require('child_process');

const ROOT = path.resolve(__dirname, '../..');
const REGISTRY = (process.env.npm_config_registry || 'https://registry.npmjs.org/').replace(/\/?$/, '/');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'allow-gaps') {
      args[key] = true;
      continue;
    }
    if (!['release', 'before', 'anchors-from', 'out', 'note'].includes(key) || argv[i + 1] === undefined) {
      throw new Error(
        'usage: release-manifest.js --release <x.y.z> --before <YYYY-MM-DD> [--anchors-from @backstage/create-app@<v>] [--allow-gaps] [--note <text>] [--out <file>]',
      );
    }
    args[key] = argv[++i];
  }
  if (!args.release || !args.before) throw new Error('--release and --before are required');
  return args;
}

// The repository's own semver (a dependency of its tooling).
const semver = require(require.resolve('semver', { paths: [ROOT] }));

const packuments = new Map();
async function packument(name) {
  if (!packuments.has(name)) {
    packuments.set(
      name,
      fetch(`${REGISTRY}${name.replace('/', '%2f')}`).then(async res => {
        if (!res.ok) throw new Error(`${name}: registry answered ${res.status}`);
        return res.json();
      }),
    );
  }
  return packuments.get(name);
}

function anchorVersions(spec) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-manifest-'));
  try {
    cp.execFileSync('npm', ['pack', spec, '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    const tgz = fs.readdirSync(dir).find(f => f.endsWith('.tgz'));
    cp.execFileSync('tar', ['xzf', tgz], { cwd: dir });
    const versions = require(path.join(dir, 'package/dist/lib/versions.cjs.js')).packageVersions;
    return { versions, release: versions.root };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function greenroomBackstageDependencies() {
  const names = new Set();
  for (const base of ['packages', 'plugins']) {
    for (const dir of fs.readdirSync(path.join(ROOT, base))) {
      const file = path.join(ROOT, base, dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const deps of [pkg.dependencies, pkg.devDependencies, pkg.peerDependencies]) {
        for (const name of Object.keys(deps ?? {})) if (name.startsWith('@backstage/')) names.add(name);
      }
    }
  }
  return names;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const before = new Date(`${args.before}T00:00:00Z`);
  const anchors = args['anchors-from'] ? anchorVersions(args['anchors-from']) : undefined;
  if (anchors && anchors.release !== args.release) {
    throw new Error(`${args['anchors-from']} belongs to release ${anchors.release}, not ${args.release}`);
  }
  const anchorMap = Object.fromEntries(Object.entries(anchors?.versions ?? {}).filter(([k]) => k.startsWith('@backstage/')));

  const wanted = new Set([...Object.keys(anchorMap), ...greenroomBackstageDependencies()]);
  const chosen = new Map();
  const queue = [...wanted];
  while (queue.length) {
    const batch = queue.splice(0, 16);
    await Promise.all(
      batch.map(async name => {
        if (chosen.has(name)) return;
        const doc = await packument(name).catch(() => undefined);
        if (!doc) {
          console.error(`skipped ${name}: not on the registry`);
          return;
        }
        let version = anchorMap[name];
        if (version && !doc.versions[version]) throw new Error(`${name}@${version} (anchor) is not on the registry`);
        if (!version) {
          const stable = Object.keys(doc.versions)
            .filter(v => /^\d+\.\d+\.\d+$/.test(v) && doc.time?.[v] && new Date(doc.time[v]) < before && !doc.versions[v].deprecated)
            .sort(semver.compare);
          version = stable[stable.length - 1];
        }
        if (!version) {
          console.error(`skipped ${name}: no stable version before ${args.before}`);
          return;
        }
        chosen.set(name, version);
        const deps = { ...doc.versions[version].dependencies, ...doc.versions[version].peerDependencies };
        for (const dep of Object.keys(deps)) if (dep.startsWith('@backstage/') && !chosen.has(dep)) queue.push(dep);
      }),
    );
  }

  // Coherence: the chosen versions satisfy each other's ranges, as one release's packages do.
  const problems = [];
  for (const [name, version] of chosen) {
    const doc = await packument(name);
    const deps = { ...doc.versions[version].dependencies, ...doc.versions[version].peerDependencies };
    for (const [dep, range] of Object.entries(deps)) {
      if (chosen.has(dep) && !semver.satisfies(chosen.get(dep), range)) {
        problems.push(`${name}@${version} wants ${dep}@${range}, the manifest has ${chosen.get(dep)}`);
      }
    }
  }
  if (problems.length && !args['allow-gaps']) {
    console.error(`not coherent, nothing written (--allow-gaps writes them down):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }

  const manifest = {
    releaseVersion: args.release,
    derived: {
      on: new Date().toISOString().slice(0, 10),
      from: REGISTRY,
      rule: anchors
        ? `the versions of ${args['anchors-from']}; every other package at its newest stable version published before ${args.before}`
        : `every package at its newest stable version published before ${args.before}`,
      ...(args.note ? { note: args.note } : {}),
    },
    ...(problems.length ? { gaps: problems } : {}),
    packages: [...chosen].sort(([a], [b]) => a.localeCompare(b)).map(([name, version]) => ({ name, version })),
  };
  const out = args.out ?? path.join(__dirname, 'releases', `${args.release}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `wrote ${path.relative(process.cwd(), out)}: ${manifest.packages.length} packages, ${problems.length ? `${problems.length} gaps` : 'coherent'}`,
  );
}

main().catch(err => {
  console.error(err.message);
  process.exit(1);
});
