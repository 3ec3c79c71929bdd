#!/usr/bin/env bash
# Install check: does Greenroom install into an existing Backstage app by the steps of
# README.md ("Install into an existing Backstage"), on each Backstage release we claim? Run it
# through greenroom.sh, which puts Node 22 on PATH and makes sure this repository is installed:
#
#   bash scripts/greenroom.sh install-check                 # both ends of the range (about 20 minutes)
#   bash scripts/greenroom.sh install-check --release 1.57.1  # one release (about 10 minutes)
#   bash scripts/greenroom.sh install-check --legacy        # same with a legacy frontend system app
#   bash scripts/greenroom.sh install-check --no-optional   # without the optional backend modules
#   bash scripts/greenroom.sh install-check --pack <dir>    # only build and pack the packages into
#                                                           # <dir>, with <dir>/resolutions.json
#   bash scripts/greenroom.sh install-check --recheck       # only start and check the apps of the
#                                                           # previous run again
#
# Releases: by default both ends of the range Greenroom claims: the oldest and the newest release
# that have a manifest in scripts/install-check/releases/ (written by release-manifest.js from
# the registry; versions.backstage.io is not reachable from CI), and this repository's release
# (backstage.json) when it is neither. `--release <v>` (repeatable)
# checks only those; `--release none` takes the app exactly as create-app leaves it.
#
# What it does, each step timed, logs in $WORK/logs and $WORK/<release>/logs:
#   1. builds and packs every Greenroom package once (yarn pack runs `backstage-cli package
#      prepack`: dist entry points, workspace:^ ranges become versions) into $WORK/packs
#   then for each release:
#   2. creates a fresh Backstage app with @backstage/create-app (non-interactive, --skip-install)
#   3. aligns it to the release (host.js align: backstage.json, ^ranges, every @backstage
#      package of the manifest pinned) and installs it with the registry pins this machine needs
#      (the root "resolutions" of this repository): that is the "existing app"
#   4. type-checks and starts that app on its own, before any Greenroom step: when that fails,
#      the verdict is HOST BROKEN (with the error), not a Greenroom failure, and the release stops
#   5. applies the README steps literally, from the snippet files in scripts/install-check/
#      that the README quotes: resolutions to the tarballs, `yarn --cwd … add`, the backend
#      lines, the app lines, the app-config.yaml blocks
#   6. one copy each of backend-plugin-api, core-plugin-api and frontend-plugin-api in the
#      app's lockfile, and every @backstage range Greenroom declares contains the release's version
#   7. type-checks the app (`yarn tsc`): our published types against the app's code
#   8. starts it (`yarn start`) on ports 3200/7207 or the next free ones (app-config.local.yaml;
#      not the demo's 3000/7007 nor the e2e suite's 3100/7107), checks /api/environments with a
#      guest token, that the catalog accepts a ServiceTemplate, and /environments in headless
#      Chromium (screenshot), then stops it
#   and prints one line per release (PASS, FAIL or HOST BROKEN, with its time) for the README's
#   compatibility table. Exit 0 when every release passed, 3 when only host apps were broken, 1
#   when a Greenroom step failed.
#
# Environment knobs:
#   GREENROOM_INSTALL_CHECK_DIR     work dir (default ${TMPDIR:-/tmp}/greenroom-install-check);
#                                   its packs/, logs/ and <release>/ are replaced on every run
#   GREENROOM_INSTALL_CHECK_APP_PORT / _BACKEND_PORT   first ports tried, default 3200 / 7207
#   GREENROOM_CREATE_APP_VERSION    default 0.9.2, the newest create-app on the registry (1.55.0)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/scripts/install-check"
WORK="${GREENROOM_INSTALL_CHECK_DIR:-${TMPDIR:-/tmp}/greenroom-install-check}"
RELEASES_DIR="$HERE/releases"
APP=""
PACKS="$WORK/packs"
LOGS="$WORK/logs"
BIN="$WORK/bin"
APP_PORT="${GREENROOM_INSTALL_CHECK_APP_PORT:-3200}"
BACKEND_PORT="${GREENROOM_INSTALL_CHECK_BACKEND_PORT:-7207}"
CREATE_APP_VERSION="${GREENROOM_CREATE_APP_VERSION:-0.9.2}"
APP_URL="http://localhost:$APP_PORT"
BACKEND_URL="http://localhost:$BACKEND_PORT"

# Build order: libraries first.
PACKAGE_DIRS=(
  environments-common
  environments-node
  environments-previews-node
  environments-data-node
  environments-backend
  catalog-backend-module-environments
  scaffolder-backend-module-environments
  environments-backend-module-kubernetes
  environments-backend-module-aws-rds
  auth-backend-module-greenroom-bot-provider
  environments-backend-module-github
  environments-backend-module-gitlab
  environments
)

LEGACY=0
OPTIONAL=1
PACK_ONLY=""
RECHECK=0
RELEASES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --legacy) LEGACY=1 ;;
    --no-optional) OPTIONAL=0 ;;
    --recheck) RECHECK=1 ;;
    --release) [ $# -ge 2 ] || { echo "--release needs a version (or none)" >&2; exit 2; }; RELEASES+=("$2"); shift ;;
    --pack) [ $# -ge 2 ] || { echo "--pack needs a directory" >&2; exit 2; }; PACK_ONLY="$2"; shift ;;
    -h|--help) sed -n '2,49p' "$0"; exit 0 ;;
    *) echo "install-check: unknown argument '$1' (--release <v>, --legacy, --no-optional, --pack <dir>, --recheck)" >&2; exit 2 ;;
  esac
  shift
done

REPO_RELEASE="$(node -p "require('$ROOT/backstage.json').version")"
if [ ${#RELEASES[@]} = 0 ]; then
  KEPT="$(ls "$RELEASES_DIR" | sed -n 's/\.json$//p' | sort -V)"
  OLDEST="$(echo "$KEPT" | head -n1)"; NEWEST="$(echo "$KEPT" | tail -n1)"
  RELEASES=()
  for r in "$OLDEST" "$REPO_RELEASE" "$NEWEST"; do
    [ -n "$r" ] && [[ " ${RELEASES[*]} " != *" $r "* ]] && RELEASES+=("$r")
  done
fi
for r in "${RELEASES[@]}"; do
  [ "$r" = none ] || [ -f "$RELEASES_DIR/$r.json" ] \
    || { echo "install-check: no manifest for Backstage $r in scripts/install-check/releases/ (have: $(ls "$RELEASES_DIR" | sed 's/\.json$//' | tr '\n' ' ')); write one with scripts/install-check/release-manifest.js" >&2; exit 2; }
done

say() { printf '[install-check] %s\n' "$*"; }
YARN_JS="$ROOT/$(sed -n 's/^yarnPath:[[:space:]]*//p' "$ROOT/.yarnrc.yml" | tr -d "\"'" | head -n1)"
ryarn() { (cd "$ROOT" && node "$YARN_JS" "$@"); }

node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' 2>/dev/null \
  || { say "error: needs Node 22+ on PATH (found $(node -v 2>/dev/null || echo none)); run it as: bash scripts/greenroom.sh install-check"; exit 2; }

# --- step bookkeeping ------------------------------------------------------------------------

STEP_NAMES=()
STEP_RESULTS=()
STEP_TIMES=()
CURRENT_LOG=""
FAILED=0
T0=$SECONDS

# run_step "<title>" <function> [args…]: prints progress and time; on failure the tail of
# the step's log ($CURRENT_LOG, set by the function) and marks the check failed.
run_step() {
  local title="$1"; shift
  local n=$(( ${#STEP_NAMES[@]} + 1 )) start=$SECONDS rc=0
  if [ "$FAILED" = 1 ]; then
    STEP_NAMES+=("$title"); STEP_RESULTS+=("skipped"); STEP_TIMES+=("-")
    return 0
  fi
  say ""
  say "==> [$n] $title   ($(date -u +%H:%M:%S) UTC)"
  CURRENT_LOG=""
  "$@" || rc=$?
  local took=$(( SECONDS - start ))
  STEP_NAMES+=("$title"); STEP_TIMES+=("${took}s")
  if [ "$rc" = 0 ]; then
    STEP_RESULTS+=("ok")
    say "    ok (${took}s)"
  else
    STEP_RESULTS+=("FAILED")
    FAILED=1
    say "    FAILED after ${took}s"
    if [ -n "$CURRENT_LOG" ] && [ -f "$CURRENT_LOG" ]; then
      say "    last 60 lines of $CURRENT_LOG:"
      tail -n 60 "$CURRENT_LOG" | sed 's/^/      | /'
    fi
  fi
  return 0
}

# logged <name> <command…>: runs a command with its output in $LOGS/<name>.log.
logged() {
  local name="$1"; shift
  CURRENT_LOG="$LOGS/$name.log"
  local shown="$*"
  shown="${shown#in_app }"; shown="${shown/#ryarn /yarn }"
  say "    \$ $shown   (log: $CURRENT_LOG)"
  "$@" >"$CURRENT_LOG" 2>&1 </dev/null
}

in_app() { (cd "$APP" && "$@"); }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# The first free port of <port> … <port>+49.
pick_port() {
  local p="$1"
  while ! port_free "$p"; do
    p=$((p + 1))
    [ "$p" -lt $(( $1 + 50 )) ] || return 1
  done
  echo "$p"
}

# --- 1. build and pack ---------------------------------------------------------------------

PACKAGE_JSON_BACKUP=""
PACKAGE_JSON_TARGET=""
restore_package_json() {
  if [ -n "$PACKAGE_JSON_BACKUP" ] && [ -f "$PACKAGE_JSON_BACKUP" ]; then
    cmp -s "$PACKAGE_JSON_BACKUP" "$PACKAGE_JSON_TARGET" || cp "$PACKAGE_JSON_BACKUP" "$PACKAGE_JSON_TARGET"
    rm -f "$PACKAGE_JSON_BACKUP"
  fi
  PACKAGE_JSON_BACKUP=""
}

build_packages() {
  CURRENT_LOG="$LOGS/tsc.log"
  say "    type declarations: yarn tsc (log: $CURRENT_LOG)"
  if ! ryarn tsc >"$CURRENT_LOG" 2>&1; then
    # tsc still writes the declarations; errors belong to the repository's own checks
    say "    warning: yarn tsc reported errors (declarations are written anyway): $(grep -c 'error TS' "$CURRENT_LOG") errors; see $CURRENT_LOG"
  fi
  local dir name s
  for dir in "${PACKAGE_DIRS[@]}"; do
    name="$(node -p "require('$ROOT/plugins/$dir/package.json').name")"
    s=$SECONDS
    logged "build-$dir" ryarn workspace "$name" build || { say "    build of $name failed"; return 1; }
    say "    built $name ($(( SECONDS - s ))s)"
  done
}

pack_packages() {
  local out="$1" dir name version file sum
  rm -rf "$out/tmp" "$out/resolutions.json" "$out"/greenroom-*.tgz && mkdir -p "$out/tmp"
  for dir in "${PACKAGE_DIRS[@]}"; do
    name="$(node -p "require('$ROOT/plugins/$dir/package.json').name")"
    version="$(node -p "require('$ROOT/plugins/$dir/package.json').version")"
    # prepack rewrites package.json and postpack restores it; keep a copy in case pack dies
    PACKAGE_JSON_TARGET="$ROOT/plugins/$dir/package.json"
    PACKAGE_JSON_BACKUP="$out/tmp/$dir.package.json"
    cp "$PACKAGE_JSON_TARGET" "$PACKAGE_JSON_BACKUP"
    logged "pack-$dir" ryarn workspace "$name" pack --out "$out/tmp/$dir.tgz"
    local rc=$?
    restore_package_json
    [ "$rc" = 0 ] || { say "    pack of $name failed"; return 1; }
    # The content hash in the file name keeps Yarn's cache from serving an older pack.
    sum="$(sha256sum "$out/tmp/$dir.tgz" | cut -c1-10)"
    file="$out/greenroom-$(basename "$name")-$version-$sum.tgz"
    mv "$out/tmp/$dir.tgz" "$file"
    say "    packed $name@$version -> $file"
  done
  rm -rf "$out/tmp"
  # Every @greenroom/* name (direct or transitive) resolves to its tarball.
  CURRENT_LOG="$LOGS/verify-packs.log"
  node - "$out" >"$CURRENT_LOG" 2>&1 <<'EOF' || return 1
const fs = require('fs'), path = require('path'), cp = require('child_process');
const dir = process.argv[2];
const res = {};
let bad = 0;
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.tgz')).sort()) {
  const pkg = JSON.parse(cp.execFileSync('tar', ['-xzOf', path.join(dir, f), 'package/package.json'], { encoding: 'utf8' }));
  const files = cp.execFileSync('tar', ['-tzf', path.join(dir, f)], { encoding: 'utf8' }).split('\n');
  res[pkg.name] = `file:${path.join(dir, f)}`;
  const entries = [pkg.main, pkg.types, ...Object.values(pkg.exports || {}).flatMap(e => typeof e === 'string' ? [e] : Object.values(e))]
    .filter(e => typeof e === 'string' && /^(\.\/)?dist\//.test(e));
  for (const e of entries) {
    if (!files.includes(`package/${e.replace(/^\.\//, '')}`)) { console.log(`${f}: entry point ${e} is not in the tarball`); bad++; }
  }
  for (const [k, v] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (String(v).startsWith('workspace:')) { console.log(`${f}: dependency ${k}@${v} was not replaced`); bad++; }
  }
  console.log(`${pkg.name}@${pkg.version}: main ${pkg.main}, ${files.filter(Boolean).length} files`);
}
fs.writeFileSync(path.join(dir, 'resolutions.json'), JSON.stringify(res, null, 2) + '\n');
console.log(`wrote ${path.join(dir, 'resolutions.json')}`);
process.exit(bad ? 1 : 0);
EOF
  sed 's/^/    /' "$CURRENT_LOG"
}

APP_GROUP=""
stop_app() {
  [ -n "$APP_GROUP" ] || return 0
  local i
  kill -TERM -- "-$APP_GROUP" 2>/dev/null || { APP_GROUP=""; return 0; }
  for i in $(seq 1 40); do
    kill -0 -- "-$APP_GROUP" 2>/dev/null || { APP_GROUP=""; return 0; }
    sleep 0.5
  done
  kill -KILL -- "-$APP_GROUP" 2>/dev/null || true
  APP_GROUP=""
}
cleanup() { restore_package_json; stop_app; }
trap cleanup EXIT
trap 'say "interrupted"; cleanup; exit 130' INT TERM HUP

if [ -n "$PACK_ONLY" ]; then
  mkdir -p "$PACK_ONLY"
  PACK_ONLY="$(cd "$PACK_ONLY" && pwd)"
  LOGS="$PACK_ONLY/logs"; mkdir -p "$LOGS"
  run_step "Build the Greenroom packages" build_packages
  run_step "Pack them into $PACK_ONLY" pack_packages "$PACK_ONLY"
  if [ "$FAILED" = 0 ]; then
    say ""
    say "Packed. Add this to the \"resolutions\" of your app's root package.json:"
    cat "$PACK_ONLY/resolutions.json"
    exit 0
  fi
  exit 1
fi

# --- the whole check -------------------------------------------------------------------------

say "work dir $WORK (packs, logs and one folder per release; replaced on every run)"
say "Backstage releases to check: ${RELEASES[*]} (this repository: $REPO_RELEASE)"
if [ "$RECHECK" = 0 ]; then
  rm -rf "$PACKS" "$LOGS"
  for r in "${RELEASES[@]}"; do rm -rf "${WORK:?}/$r"; done
fi
mkdir -p "$LOGS" "$BIN"
# create-app checks `yarn --version`, and the README's `yarn …` commands need a yarn: the
# app's own .yarnrc.yml yarnPath then picks the release the app ships.
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_JS" >"$BIN/yarn"
chmod +x "$BIN/yarn"
export PATH="$BIN:$PATH"
# The app is not this repository: its installs may change its lockfile.
unset CI
export YARN_ENABLE_IMMUTABLE_INSTALLS=false YARN_ENABLE_PROGRESS_BARS=false BROWSER=none

check_snippets_in_readme() {
  logged readme node "$HERE/apply.js" readme "$ROOT/README.md" && cat "$CURRENT_LOG"
}

create_app() {
  local flags=(--skip-install --path "$APP")
  [ "$LEGACY" = 1 ] && flags+=(--legacy)
  BACKSTAGE_APP_NAME=greenroom-install-check logged create-app npx -y "@backstage/create-app@$CREATE_APP_VERSION" "${flags[@]}" || return 1
  [ -f "$APP/package.json" ] || { say "    create-app made no app"; return 1; }
  grep -q "yarn.lock seed ✖" "$LOGS/create-app.log" && say "    (create-app could not fetch its yarn.lock seed from GitHub: expected here; aligning pins the release instead)"
  say "    Backstage release of the new app: $(node -p "require('$APP/backstage.json').version") (this repository: $REPO_RELEASE)"
  return 0
}

align_host() {
  logged align node "$HERE/host.js" align "$APP" "$RELEASES_DIR/$RELEASE.json" || return 1
  sed 's/^/    /' "$CURRENT_LOG"
}

install_baseline() {
  # Pins the registry here needs (platform binaries missing for newer releases, …): the
  # verified root "resolutions"/"dependenciesMeta" of this repository. Not Greenroom steps.
  CURRENT_LOG="$LOGS/registry-pins.log"
  node - "$ROOT/package.json" "$APP/package.json" >"$CURRENT_LOG" 2>&1 <<'EOF' || return 1
const fs = require('fs');
const [ours, theirs] = process.argv.slice(2);
const src = JSON.parse(fs.readFileSync(ours, 'utf8'));
const pkg = JSON.parse(fs.readFileSync(theirs, 'utf8'));
pkg.resolutions = { ...(pkg.resolutions || {}), ...(src.resolutions || {}) };
pkg.dependenciesMeta = { ...(pkg.dependenciesMeta || {}), ...(src.dependenciesMeta || {}) };
fs.writeFileSync(theirs, JSON.stringify(pkg, null, 2) + '\n');
console.log('registry pins:', JSON.stringify(src.resolutions || {}));
EOF
  say "    $(cat "$CURRENT_LOG")"
  logged install-baseline in_app yarn install || return 1
  # A commit, so that logs/readme-steps.diff shows exactly what the README steps change.
  in_app git add -A >/dev/null 2>&1 \
    && in_app git -c user.name=install-check -c user.email=install-check@localhost commit -qm "aligned and installed, with the registry pins" >/dev/null 2>&1 \
    || say "    (could not commit the installed app; the diff will include the install)"
  return 0
}

readme_steps() {
  say "    step: resolutions to the packed tarballs (until Greenroom is on a registry)"
  logged apply-resolutions node "$HERE/apply.js" resolutions "$APP" "$PACKS/resolutions.json" || return 1
  say "    step: scripts/install-check/add-packages.sh"
  logged add-packages in_app bash -e "$HERE/add-packages.sh" || return 1
  if [ "$OPTIONAL" = 1 ]; then
    say "    step: scripts/install-check/add-optional-packages.sh"
    logged add-optional-packages in_app bash -e "$HERE/add-optional-packages.sh" || return 1
  fi
  say "    step: backend, app and app-config.yaml edits"
  local opt=()
  [ "$OPTIONAL" = 1 ] && opt=(--optional)
  logged apply-code node "$HERE/apply.js" code "$APP" "${opt[@]}" || return 1
  sed 's/^/    /' "$CURRENT_LOG"
  (cd "$APP" && git --no-pager diff --stat) | sed 's/^/    /'
  (cd "$APP" && git --no-pager diff) >"$LOGS/readme-steps.diff"
  say "    full diff of the app: $LOGS/readme-steps.diff"
  # Every Greenroom package in the app must come from a tarball.
  CURRENT_LOG="$LOGS/resolved-from.log"
  (cd "$APP" && grep -A3 '^"@greenroom/' yarn.lock) >"$CURRENT_LOG" 2>&1
  if grep -q 'resolution: "@greenroom/[^"]*@npm:' "$CURRENT_LOG" || ! grep -q 'resolution: "@greenroom/' "$CURRENT_LOG"; then
    say "    a @greenroom package did not resolve to its tarball"; return 1
  fi
  say "    yarn.lock: $(grep -c 'resolution: "@greenroom/' "$CURRENT_LOG") @greenroom packages, all from file: tarballs"
}

typecheck_app() {
  logged tsc-app in_app yarn tsc
}

local_config() {
  # Only for the check, not a Greenroom step: ports that do not clash with a running demo.
  local a b
  a="$(pick_port "$APP_PORT")" || { say "    no free port from $APP_PORT"; return 1; }
  b="$(pick_port "$BACKEND_PORT")" || { say "    no free port from $BACKEND_PORT"; return 1; }
  [ "$a" = "$APP_PORT" ] || say "    port $APP_PORT is in use: the app gets $a"
  [ "$b" = "$BACKEND_PORT" ] || say "    port $BACKEND_PORT is in use: the backend gets $b"
  APP_PORT="$a"; BACKEND_PORT="$b"
  APP_URL="http://localhost:$APP_PORT"; BACKEND_URL="http://localhost:$BACKEND_PORT"
  cat >"$APP/app-config.local.yaml" <<EOF
# install-check: ports that do not clash with a running demo
app:
  baseUrl: $APP_URL
backend:
  baseUrl: $BACKEND_URL
  listen:
    port: $BACKEND_PORT
  cors:
    origin: $APP_URL
EOF
  say "    wrote app-config.local.yaml (app :$APP_PORT, backend :$BACKEND_PORT)"
}

add_service_template() {
  # Only for the check: one of our example ServiceTemplates in a catalog file the app registers.
  grep -q '^kind: ServiceTemplate' "$APP/examples/entities.yaml" \
    || { printf -- '---\n'; cat "$ROOT/examples/service-templates/postgresql.yaml"; } >>"$APP/examples/entities.yaml"
  say "    added ServiceTemplate postgresql to examples/entities.yaml"
}

wait_for() { # wait_for <what> <url> <seconds> [curl args…]
  local what="$1" url="$2" secs="$3"; shift 3
  local deadline=$(( SECONDS + secs )) code
  while [ $SECONDS -lt $deadline ]; do
    if [ -n "$APP_GROUP" ] && ! kill -0 "$APP_GROUP" 2>/dev/null; then
      say "    the app exited while waiting for $what"; return 1
    fi
    # A backend that failed its startup stays down while the frontend keeps the group alive.
    if [ -n "$CURRENT_LOG" ] && grep -qE "startup failed|Backend failed to start" "$CURRENT_LOG" 2>/dev/null; then
      say "    the backend failed to start while waiting for $what"; return 1
    fi
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url" || true)"
    if [ "$code" = 200 ]; then say "    $what answers ($url, after $(( SECONDS - START_AT ))s)"; return 0; fi
    sleep 3
  done
  say "    $what did not answer 200 within ${secs}s ($url, last status ${code:-none})"
  return 1
}

# launch <log name> [env…]: `yarn start` of the app in its own process group.
launch() {
  local name="$1"; shift
  CURRENT_LOG="$LOGS/$name.log"
  say "    \$ yarn start   (log: $CURRENT_LOG)"
  START_AT=$SECONDS
  (cd "$APP" && exec env "$@" setsid yarn start >"$CURRENT_LOG" 2>&1 </dev/null) &
  APP_GROUP=$!
}

guest_token() {
  curl -s --max-time 30 "$BACKEND_URL/api/auth/guest/refresh" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).backstageIdentity.token)}catch{process.exit(1)}})'
}

host_broken() {
  HOST_BROKEN=1
  HOST_ERROR="$1"
  say "    HOST BROKEN: the fresh $([ "$RELEASE" = none ] && echo "unaligned create-app" || echo "Backstage $RELEASE") app fails on its own on this registry,"
  say "    before any Greenroom step (not Greenroom's failure): ${HOST_ERROR:-see $CURRENT_LOG}"
}

typecheck_host_alone() {
  logged tsc-host-alone in_app yarn tsc && return 0
  host_broken "$(grep -m1 'error TS' "$CURRENT_LOG" | cut -c1-300)"
  return 1
}

# The host app on its own, before any Greenroom step: if it does not come up, nothing after it
# can say anything about Greenroom.
start_host_alone() {
  local_config || return 1
  launch start-host-alone
  local ok=1 token code
  wait_for "backend readiness" "$BACKEND_URL/.backstage/health/v1/readiness" 600 \
    && wait_for "frontend" "$APP_URL/" 900 || ok=0
  if [ "$ok" = 1 ]; then
    token="$(guest_token)" || { say "    no guest token from /api/auth/guest/refresh"; ok=0; }
  fi
  if [ "$ok" = 1 ]; then
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $token" "$BACKEND_URL/api/catalog/entities?limit=1")"
    say "    GET /api/catalog/entities as guest: $code"
    [ "$code" = 200 ] || ok=0
  fi
  stop_app
  [ "$ok" = 1 ] && return 0
  # The backend's own summary ("Plugin 'x' startup failed; caused by …") names the culprit best.
  local plain
  plain="$(sed 's/\x1b\[[0-9;]*m//g' "$CURRENT_LOG")"
  host_broken "$( { grep -m1 -oE "Plugin '[^']+' startup failed; caused by [^\"]*" <<<"$plain" \
    || grep -m1 -E "Error:|ERR!|Cannot find module" <<<"$plain"; } | head -n1 | sed 's/ type=.*//; s/\\n.*//' | cut -c1-300)"
  return 1
}

copies_check() {
  logged copies node "$HERE/host.js" copies "$APP" "$RELEASES_DIR/$RELEASE.json"
  local rc=$?
  sed 's/^/    /' "$CURRENT_LOG"
  return "$rc"
}

start_app() {
  local_config || return 1
  add_service_template
  local key
  key="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
  say "    GREENROOM_SECRETS_KEY is set to a random key"
  launch start GREENROOM_SECRETS_KEY="$key"
  wait_for "backend readiness" "$BACKEND_URL/.backstage/health/v1/readiness" 600 || return 1
  wait_for "environments backend health" "$BACKEND_URL/api/environments/health" 120 || return 1
  wait_for "frontend" "$APP_URL/" 900 || return 1
}

api_checks() {
  CURRENT_LOG="$LOGS/api.log"
  : >"$CURRENT_LOG"
  local token code body
  token="$(guest_token)" \
    || { say "    no guest token from /api/auth/guest/refresh"; return 1; }
  say "    guest token from /api/auth/guest/refresh"
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BACKEND_URL/api/environments/environments")"
  say "    GET /api/environments/environments without a token: $code"
  [ "$code" = 401 ] || { say "    expected 401"; return 1; }
  body="$(curl -s -w '\n%{http_code}' --max-time 30 -H "Authorization: Bearer $token" "$BACKEND_URL/api/environments/environments")"
  printf '%s\n' "$body" >>"$CURRENT_LOG"
  code="${body##*$'\n'}"; body="${body%$'\n'*}"
  say "    GET /api/environments/environments as guest: $code $(printf '%s' "$body" | head -c 200)"
  [ "$code" = 200 ] || return 1
  printf '%s' "$body" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);process.exit(Array.isArray(j.items)?0:1)})' \
    || { say "    the answer is not { items: [...] }"; return 1; }
  # The catalog module validates the kinds and the rule allows them: our example ServiceTemplate
  # shows up in the catalog once the catalog has processed the file.
  local deadline=$(( SECONDS + 180 )) found=""
  while [ $SECONDS -lt $deadline ]; do
    found="$(curl -s --max-time 30 -H "Authorization: Bearer $token" \
      "$BACKEND_URL/api/catalog/entities/by-query?filter=kind=servicetemplate" | tee -a "$CURRENT_LOG" \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).items.map(e=>e.metadata.name).join(","))}catch{}})')"
    [ -n "$found" ] && break
    sleep 5
  done
  [ -n "$found" ] || { say "    no ServiceTemplate entity in the catalog after 180s (see the backend log: $LOGS/start.log)"; return 1; }
  say "    catalog has ServiceTemplate entities: $found"
}

browser_check() {
  logged browser node "$HERE/browser-check.js" "$APP_URL" "$WORK/$RELEASE/environments-page.png"
  local rc=$?
  sed 's/^/    /' "$CURRENT_LOG"
  [ "$rc" = 0 ] || return "$rc"
  # The bundler's warnings about our packages (e.g. an import a package does not export,
  # which breaks at run time) fail the check; other packages' warnings are only listed.
  CURRENT_LOG="$LOGS/bundle-warnings.log"
  grep -E -A12 '^(WARNING|ERROR) in ' "$LOGS/start.log" >"$CURRENT_LOG" 2>/dev/null || true
  if grep -qE "^(WARNING|ERROR) in .*@greenroom/|not found in '@greenroom/" "$CURRENT_LOG"; then
    say "    the frontend bundle has warnings or errors in @greenroom packages:"
    return 1
  fi
  local n
  n="$(grep -cE '^(WARNING|ERROR) in ' "$CURRENT_LOG" || true)"
  [ "${n:-0}" = 0 ] && say "    frontend bundle: no warnings" || say "    frontend bundle: $n warnings, none in @greenroom packages (see $CURRENT_LOG)"
}

stop_step() {
  local group="$APP_GROUP"
  stop_app
  if kill -0 -- "-$group" 2>/dev/null; then say "    processes of group $group are still running"; return 1; fi
  say "    stopped (process group $group is gone)"
  port_free "$APP_PORT" && port_free "$BACKEND_PORT" || say "    note: port $APP_PORT or $BACKEND_PORT is in use by something else"
  return 0
}

# --- per release --------------------------------------------------------------------------

REL_NAMES=()
REL_VERDICTS=()
REL_TIMES=()
COMMON_FAILED=0

check_release() {
  RELEASE="$1"
  APP="$WORK/$RELEASE/app"
  LOGS="$WORK/$RELEASE/logs"
  mkdir -p "$LOGS"
  FAILED=$COMMON_FAILED
  HOST_BROKEN=0
  HOST_ERROR=""
  local t=$SECONDS tag="[$RELEASE]"
  if [ "$RECHECK" = 1 ]; then
    [ -d "$APP/node_modules" ] || { say "error: --recheck needs the app of a previous run in $APP"; FAILED=1; }
  else
    run_step "$tag Create a fresh Backstage app (@backstage/create-app@$CREATE_APP_VERSION$([ "$LEGACY" = 1 ] && echo ', --legacy'))" create_app
    [ "$RELEASE" = none ] || run_step "$tag Align the app to Backstage $RELEASE (scripts/install-check/releases/$RELEASE.json)" align_host
    run_step "$tag Install the app (yarn install; the \"existing app\")" install_baseline
    run_step "$tag Type-check the host app on its own (yarn tsc)" typecheck_host_alone
    run_step "$tag Start the host app on its own, before Greenroom" start_host_alone
    run_step "$tag Apply the README steps" readme_steps
    [ "$RELEASE" = none ] || run_step "$tag One copy of each core package; our ranges contain $RELEASE" copies_check
    run_step "$tag Type-check the app (yarn tsc)" typecheck_app
  fi
  run_step "$tag Start the app with Greenroom (yarn start; app-config.local.yaml: ports, a ServiceTemplate)" start_app
  run_step "$tag Backend API: /api/environments as guest, ServiceTemplate in the catalog" api_checks
  run_step "$tag Frontend: /environments in headless Chromium" browser_check
  # Always stop what was started, even after a failure.
  if [ -n "$APP_GROUP" ]; then
    local was_failed=$FAILED; FAILED=0
    run_step "$tag Stop the app" stop_step
    [ "$was_failed" = 1 ] && FAILED=1
  fi
  local took=$(( SECONDS - t )) verdict=PASS
  if [ "$HOST_BROKEN" = 1 ]; then verdict="HOST BROKEN"; elif [ "$FAILED" = 1 ]; then verdict=FAIL; fi
  REL_NAMES+=("$RELEASE"); REL_VERDICTS+=("$verdict"); REL_TIMES+=("$(( took / 60 ))m$(( took % 60 ))s")
  [ -f "$APP/../environments-page.png" ] && say "screenshot: $WORK/$RELEASE/environments-page.png"
}

if [ "$RECHECK" = 0 ]; then
  run_step "README quotes the install snippets (scripts/install-check/*)" check_snippets_in_readme
  run_step "Build the Greenroom packages" build_packages
  run_step "Pack them (yarn pack) into $PACKS" pack_packages "$PACKS"
fi
COMMON_FAILED=$FAILED
for r in "${RELEASES[@]}"; do check_release "$r"; done

total=$(( SECONDS - T0 ))
say ""
say "================ install-check summary ================"
for i in "${!STEP_NAMES[@]}"; do
  printf '[install-check]   %-8s %6s  %s\n' "${STEP_RESULTS[$i]}" "${STEP_TIMES[$i]}" "${STEP_NAMES[$i]}"
done
say "logs: $WORK/logs and $WORK/<release>/logs"
say ""
say "Backstage release | checked | result (README compatibility table)"
any_fail=0; any_host=0
for i in "${!REL_NAMES[@]}"; do
  say "| ${REL_NAMES[$i]} | $(date -u +%Y-%m-%d) | ${REL_VERDICTS[$i]} ($([ "$LEGACY" = 1 ] && echo 'legacy frontend, ')${REL_TIMES[$i]}) |"
  case "${REL_VERDICTS[$i]}" in FAIL) any_fail=1 ;; "HOST BROKEN") any_host=1 ;; esac
done
if [ "$any_fail" = 0 ] && [ "$any_host" = 0 ]; then
  say "PASS: Greenroom installs into a fresh Backstage ${RELEASES[*]}$([ "$LEGACY" = 1 ] && echo ' legacy frontend system') app by the README steps and /environments works (total $(( total / 60 ))m$(( total % 60 ))s)"
  exit 0
fi
if [ "$any_fail" = 0 ]; then
  say "HOST BROKEN: a fresh Backstage app did not start on its own on this registry; Greenroom was not tried on it (total $(( total / 60 ))m$(( total % 60 ))s)"
  exit 3
fi
say "FAIL: see the failed step above and its log (total $(( total / 60 ))m$(( total % 60 ))s)"
exit 1
