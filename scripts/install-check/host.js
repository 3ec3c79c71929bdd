// The host app's side of install-check: aligning a fresh app to a Backstage release from a
// manifest kept in scripts/install-check/releases/, and checking that the app resolved one copy
// of each core package and that Greenroom's declared ranges contain the release's versions.
//
//   node scripts/install-check/host.js align  <app-dir> <manifest.json>
//   node scripts/install-check/host.js copies <app-dir> <manifest.json>
//
// `align` does what `backstage-cli versions:bump --release <v>` does (backstage.json, every
// @backstage/* dependency of the app to ^<release version>) and also pins every package of the
// manifest in the root "resolutions", as the release's yarn.lock seed would: create-app cannot
// fetch that seed here, and without it a fresh app mixes releases (newer patch lines resolve
// beside older minors, which is how a 1.55.0 app got signals-backend 0.3.21 and failed to start).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CORE = ['@backstage/backend-plugin-api', '@backstage/core-plugin-api', '@backstage/frontend-plugin-api'];

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function loadManifest(file) {
  const manifest = readJson(file);
  const versions = Object.fromEntries(manifest.packages.map(p => [p.name, p.version]));
  return { manifest, versions };
}

function appPackageJsons(appDir) {
  const files = [path.join(appDir, 'package.json')];
  for (const base of ['packages', 'plugins']) {
    const dir = path.join(appDir, base);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name, 'package.json');
      if (fs.existsSync(file)) files.push(file);
    }
  }
  return files;
}

// The repository's own semver (a dependency of its tooling), not the app's.
const semver = require(require.resolve('semver', { paths: [path.resolve(__dirname, '..', '..')] }));
const compare = semver.compare;
const satisfies = (version, range) => semver.satisfies(version, range);

function align(appDir, manifestFile) {
  const { manifest, versions } = loadManifest(manifestFile);
  writeJson(path.join(appDir, 'backstage.json'), { version: manifest.releaseVersion });
  let bumped = 0;
  for (const file of appPackageJsons(appDir)) {
    const pkg = readJson(file);
    for (const field of ['dependencies', 'devDependencies']) {
      for (const name of Object.keys(pkg[field] ?? {})) {
        if (versions[name] && pkg[field][name] !== `^${versions[name]}`) {
          pkg[field][name] = `^${versions[name]}`;
          bumped++;
        }
      }
    }
    writeJson(file, pkg);
  }
  const root = readJson(path.join(appDir, 'package.json'));
  root.resolutions = { ...root.resolutions, ...versions };
  writeJson(path.join(appDir, 'package.json'), root);
  console.log(
    `aligned to Backstage ${manifest.releaseVersion}: backstage.json, ${bumped} dependency ranges, ${Object.keys(versions).length} packages pinned in resolutions`,
  );
  for (const gap of manifest.gaps ?? []) console.log(`gap in this release on the registry: ${gap}`);
}

// Resolved versions per package name, from a Yarn 4 lockfile.
function lockedVersions(appDir) {
  const lock = fs.readFileSync(path.join(appDir, 'yarn.lock'), 'utf8');
  const out = new Map();
  for (const m of lock.matchAll(/^ {2}resolution: "(@?[^@"]+)@npm:([^"]+)"$/gm)) {
    if (!out.has(m[1])) out.set(m[1], new Set());
    out.get(m[1]).add(m[2]);
  }
  return out;
}

function copies(appDir, manifestFile) {
  const { manifest, versions } = loadManifest(manifestFile);
  const locked = lockedVersions(appDir);
  let bad = 0;
  for (const name of CORE) {
    const found = [...(locked.get(name) ?? [])].sort(compare);
    const ok = found.length === 1;
    if (!ok) bad++;
    console.log(`${ok ? 'ok ' : 'BAD'} ${name}: ${found.length} ${found.length === 1 ? 'copy' : 'copies'} (${found.join(', ') || 'none'})`);
  }
  // Our ranges must contain the release's versions: a range that does not would pull a second
  // copy into an app without the pins, and the pins above would otherwise hide it.
  const greenroomDir = path.join(appDir, 'node_modules', '@greenroom');
  const packages = fs.existsSync(greenroomDir) ? fs.readdirSync(greenroomDir) : [];
  if (packages.length === 0) {
    console.log('BAD no @greenroom packages in node_modules');
    bad++;
  }
  let checked = 0;
  for (const dir of packages) {
    const pkg = readJson(path.join(greenroomDir, dir, 'package.json'));
    for (const field of ['dependencies', 'peerDependencies']) {
      for (const [name, range] of Object.entries(pkg[field] ?? {})) {
        if (!name.startsWith('@backstage/') || !versions[name]) continue;
        checked++;
        if (!satisfies(versions[name], range)) {
          bad++;
          console.log(`BAD ${pkg.name} declares ${name}@${range} (${field}); Backstage ${manifest.releaseVersion} has ${versions[name]}`);
        }
      }
    }
  }
  console.log(`${checked} @backstage ranges of ${packages.length} @greenroom packages checked against Backstage ${manifest.releaseVersion}`);
  return bad === 0;
}

const [command, appDir, manifestFile] = process.argv.slice(2);
if (!appDir || !manifestFile || !['align', 'copies'].includes(command)) {
  console.error('usage: host.js align|copies <app-dir> <manifest.json>');
  process.exit(2);
}
if (command === 'align') align(appDir, manifestFile);
else process.exit(copies(appDir, manifestFile) ? 0 : 1);

