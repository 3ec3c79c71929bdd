// Applies the "Install into an existing Backstage" snippets of README.md (the files beside
// this one, which the README quotes) to a Backstage app, the way a person following the
// README would edit the files. Used by scripts/install-check.sh; usable on your own app too.
//
//   node scripts/install-check/apply.js resolutions <app-dir> <resolutions.json>
//   node scripts/install-check/apply.js code <app-dir> [--optional]
//   node scripts/install-check/apply.js readme <README.md>    # check README quotes every snippet
//
// `resolutions` merges the given { "@greenroom/…": "file:…tgz" } map into the app's root
// package.json "resolutions". `code` edits packages/backend/src/index.ts, the app (new
// frontend system or legacy, detected from packages/app/src/App.tsx) and app-config.yaml.
// Every edit is idempotent: a line that is already there is not added twice.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..');

const log = msg => console.log(`[apply] ${msg}`);
const fail = msg => {
  console.error(`[apply] error: ${msg}`);
  process.exit(1);
};

// A snippet file: its first line says where it goes and is not part of what is inserted.
function snippet(name) {
  const text = fs.readFileSync(path.join(HERE, name), 'utf8');
  const lines = text.replace(/\n$/, '').split('\n');
  return { text, lines: lines.slice(1) };
}

// Import statements (possibly multi-line) at the top of a snippet body, and the rest.
function splitImports(lines) {
  const imports = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    if (!lines[i].startsWith('import ')) break;
    let stmt = lines[i];
    while (!/;\s*$/.test(stmt) && i + 1 < lines.length) {
      i++;
      stmt += `\n${lines[i]}`;
    }
    imports.push(stmt);
    i++;
  }
  return { imports, rest: lines.slice(i) };
}

// The rest split at placement notes (`// in …:` lines at column 0).
function sections(rest) {
  const out = [];
  let cur = null;
  for (const line of rest) {
    if (/^\/\/ /.test(line)) {
      cur = { note: line, body: [] };
      out.push(cur);
    } else if (cur && line.trim() !== '') {
      cur.body.push(line);
    }
  }
  return out;
}

function read(file) {
  if (!fs.existsSync(file)) fail(`missing ${file}`);
  return fs.readFileSync(file, 'utf8');
}

function write(file, text, what) {
  fs.writeFileSync(file, text);
  log(`${path.relative(process.cwd(), file) || file}: ${what}`);
}

// Adds import statements after the last import of a module (skips ones already there).
function addImports(source, imports) {
  let out = source;
  for (const stmt of imports) {
    const from = stmt.match(/from\s+'([^']+)'/)[1];
    const names = stmt
      .replace(/^import\s+/, '')
      .replace(/\s+from[\s\S]*$/, '')
      .replace(/[{}]/g, '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const already = names.every(n =>
      new RegExp(`import[^;]*\\b${n}\\b[^;]*from\\s+'${from.replace(/[/.]/g, '\\$&')}'`).test(out),
    );
    if (already) continue;
    const re = /^import[\s\S]*?from\s+'[^']+';?[ \t]*$/gm;
    let last = null;
    let m;
    while ((m = re.exec(out))) last = m;
    if (!last) {
      out = `${stmt}\n${out}`;
    } else {
      const at = last.index + last[0].length;
      out = `${out.slice(0, at)}\n${stmt}${out.slice(at)}`;
    }
  }
  return out;
}

// Inserts lines before `anchor` (its first match at or after `from`).
function insertBefore(source, anchor, lines, from = 0) {
  const at = source.indexOf(anchor, from);
  if (at < 0) fail(`cannot find ${JSON.stringify(anchor)}`);
  const lineStartAt = source.lastIndexOf('\n', at) + 1;
  return `${source.slice(0, lineStartAt)}${lines.join('\n')}\n${source.slice(lineStartAt)}`;
}

// --- resolutions ----------------------------------------------------------------------------

function applyResolutions(appDir, resolutionsFile) {
  const file = path.join(appDir, 'package.json');
  const pkg = JSON.parse(read(file));
  const add = JSON.parse(read(resolutionsFile));
  pkg.resolutions = { ...(pkg.resolutions || {}), ...add };
  write(file, `${JSON.stringify(pkg, null, 2)}\n`, `resolutions for ${Object.keys(add).join(', ')}`);
}

// --- backend --------------------------------------------------------------------------------

function applyBackend(appDir, optional) {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  let src = read(file);
  for (const name of optional ? ['backend.ts', 'backend-optional.ts'] : ['backend.ts']) {
    const { lines } = snippet(name);
    // a backend.add of a package the backend already adds is left out (twice is an error)
    const keep = lines.filter(l => {
      const m = l.match(/backend\.add\(import\('([^']+)'\)\)/);
      return !m || !src.includes(`import('${m[1]}')`);
    });
    if (keep.some(l => l.startsWith('backend.add'))) {
      src = insertBefore(src, 'backend.start()', [...keep, '']);
    }
  }
  write(file, src, 'Greenroom backend plugin and modules added');
}

// --- app ------------------------------------------------------------------------------------

function applyNewFrontendApp(file, src) {
  const { imports } = splitImports(snippet('App.tsx').lines);
  let out = addImports(src, imports);
  const ids = imports.map(s => s.match(/^import\s+(\w+)\s+from/)[1]);
  const m = out.match(/features:\s*\[/);
  if (!m) fail(`${file}: no "features: [" in createApp(…)`);
  const open = m.index + m[0].length;
  let depth = 1;
  let i = open;
  for (; i < out.length && depth > 0; i++) {
    if (out[i] === '[') depth++;
    else if (out[i] === ']') depth--;
  }
  const close = i - 1;
  const inner = out.slice(open, close);
  const missing = ids.filter(id => !new RegExp(`\\b${id}\\b`).test(inner));
  if (missing.length) {
    const trimmed = inner.replace(/\s+$/, '');
    const sep = trimmed === '' || trimmed.endsWith(',') ? (trimmed === '' ? '' : ' ') : ', ';
    out = `${out.slice(0, open)}${trimmed}${sep}${missing.join(', ')}${inner.slice(trimmed.length)}${out.slice(close)}`;
  }
  write(file, out, `new frontend system: ${ids.join(', ')} in createApp features`);
}

function applyLegacyApp(appDir, file, src) {
  // App.tsx: the route
  {
    const { imports, rest } = splitImports(snippet('legacy-App.tsx').lines);
    let out = addImports(src, imports);
    for (const s of sections(rest)) {
      if (!out.includes(s.body[0].trim())) out = insertBefore(out, '</FlatRoutes>', s.body);
    }
    write(file, out, 'legacy frontend system: /environments route');
  }
  // EntityPage.tsx: the tabs
  {
    const f = path.join(appDir, 'packages/app/src/components/catalog/EntityPage.tsx');
    const { imports, rest } = splitImports(snippet('legacy-EntityPage.tsx').lines);
    let out = addImports(read(f), imports);
    for (const s of sections(rest)) {
      const pages = s.note.match(/\b\w+Page\b/g) || [];
      for (const page of pages) {
        const start = out.indexOf(`const ${page} = (`);
        if (start < 0) fail(`${f}: no "const ${page} = ("`);
        const end = out.indexOf('</EntityLayout>', start);
        const block = out.slice(start, end);
        if (block.includes(s.body[0].trim())) continue;
        out = insertBefore(out, '</EntityLayout>', s.body, start);
      }
    }
    write(f, out, 'legacy frontend system: entity page tabs');
  }
  // Root.tsx: the sidebar item
  {
    const f = path.join(appDir, 'packages/app/src/components/Root/Root.tsx');
    const { imports, rest } = splitImports(snippet('legacy-Root.tsx').lines);
    let out = addImports(read(f), imports);
    for (const s of sections(rest)) {
      if (s.body.every(l => out.includes(l.trim()))) continue;
      const re = /^.*<SidebarItem[^\n]*to="create"[^\n]*$/m;
      const m = out.match(re);
      if (!m) fail(`${f}: no Create... sidebar item to put the Environments item after`);
      const at = m.index + m[0].length;
      out = `${out.slice(0, at)}\n${s.body.join('\n')}${out.slice(at)}`;
    }
    write(f, out, 'legacy frontend system: sidebar item');
  }
}

function applyApp(appDir) {
  const file = path.join(appDir, 'packages/app/src/App.tsx');
  const src = read(file);
  if (src.includes("'@backstage/frontend-defaults'")) return applyNewFrontendApp(file, src);
  if (src.includes("'@backstage/app-defaults'")) return applyLegacyApp(appDir, file, src);
  return fail(`${file}: neither @backstage/frontend-defaults nor @backstage/app-defaults createApp`);
}

// --- app-config.yaml ------------------------------------------------------------------------

function loadYaml() {
  try {
    return require(require.resolve('yaml', { paths: [ROOT, process.cwd()] }));
  } catch {
    return fail('the `yaml` package is needed (it is in this repository\'s node_modules)');
  }
}

// Text-level merge, so the rest of the file keeps its formatting and comments: a key the file
// lacks gets the snippet's lines (with the comments above them); a list gets the snippet's
// items appended (unless an equal item is there); a map is merged key by key; a scalar the
// file already has is left as it is.
function lineStart(text, offset) {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
function lineEnd(text, offset) {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}
// The lines of a snippet node, from the comments right above it to the end of its value.
function snippetLines(text, from, to) {
  let start = lineStart(text, from);
  for (;;) {
    const prev = lineStart(text, start - 1);
    if (start === 0 || !/^\s*#/.test(text.slice(prev, start))) break;
    start = prev;
  }
  return text.slice(start, lineEnd(text, to)).replace(/\n$/, '').split('\n');
}
const indentOf = (text, offset) => offset - lineStart(text, offset);
function reindent(lines, from, to) {
  return lines.map(l => (l.trim() === '' ? l : ' '.repeat(to) + l.slice(Math.min(from, l.length - l.trimStart().length))));
}
const keyOf = (YAML, pair) => (YAML.isScalar(pair.key) ? pair.key.value : String(pair.key));
// An offset on the last line with content of a node (range[1] may already be on the next line).
function endIn(text, node) {
  let e = node.range[1];
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return Math.max(e - 1, 0);
}

function mergeInto(YAML, edits, target, targetText, from, fromText, depthIndent) {
  if (YAML.isMap(target) && YAML.isMap(from)) {
    const tIndent = target.items.length ? indentOf(targetText, target.items[0].key.range[0]) : depthIndent;
    for (const pair of from.items) {
      const key = keyOf(YAML, pair);
      const existing = target.get(key, true);
      if (existing === undefined) {
        const lines = snippetLines(fromText, pair.key.range[0], endIn(fromText, pair.value));
        const fIndent = indentOf(fromText, pair.key.range[0]);
        const at = target.items.length ? lineEnd(targetText, endIn(targetText, target)) : targetText.length;
        edits.push({ at, text: reindent(lines, fIndent, tIndent).join('\n') + '\n' });
      } else if ((YAML.isMap(existing) || YAML.isSeq(existing)) && (YAML.isMap(pair.value) || YAML.isSeq(pair.value))) {
        mergeInto(YAML, edits, existing, targetText, pair.value, fromText, tIndent + 2);
      }
    }
    return;
  }
  if (YAML.isSeq(target) && YAML.isSeq(from)) {
    if (target.flow) fail('app-config.yaml: cannot add to a [flow] list');
    const seen = new Set(target.items.map(n => JSON.stringify(YAML.isNode(n) ? n.toJSON() : n)));
    const tIndent = indentOf(targetText, lineStart(targetText, target.items[0].range[0]) + (targetText.slice(lineStart(targetText, target.items[0].range[0])).match(/^\s*/)[0].length));
    for (const item of from.items) {
      if (seen.has(JSON.stringify(item.toJSON()))) continue;
      const ls = lineStart(fromText, item.range[0]);
      const fIndent = fromText.slice(ls).match(/^\s*/)[0].length;
      const lines = snippetLines(fromText, ls + fIndent, endIn(fromText, item));
      edits.push({ at: lineEnd(targetText, endIn(targetText, target)), text: reindent(lines, fIndent, tIndent).join('\n') + '\n' });
    }
    return;
  }
  fail('app-config.yaml: cannot merge a map with a list');
}

function applyConfig(appDir) {
  const YAML = loadYaml();
  const file = path.join(appDir, 'app-config.yaml');
  const text = read(file);
  const fromText = snippet('app-config.yaml').lines.join('\n') + '\n';
  const doc = YAML.parseDocument(text);
  const add = YAML.parseDocument(fromText);
  if (doc.errors.length || add.errors.length) fail(`YAML errors: ${[...doc.errors, ...add.errors].join('; ')}`);
  const edits = [];
  mergeInto(YAML, edits, doc.contents, text.endsWith('\n') ? text : `${text}\n`, add.contents, fromText, 0);
  let out = text.endsWith('\n') ? text : `${text}\n`;
  edits.sort((a, b) => b.at - a.at);
  for (const e of edits) out = out.slice(0, e.at) + (e.at === out.length && e.at > 0 ? '\n' : '') + e.text + out.slice(e.at);
  const check = YAML.parseDocument(out);
  if (check.errors.length) fail(`app-config.yaml would not parse after the merge: ${check.errors.join('; ')}`);
  write(file, out, 'environments block and catalog rule for Environment, ServiceTemplate');
}

// --- README consistency ---------------------------------------------------------------------

function checkReadme(readmeFile) {
  const readme = read(readmeFile);
  // Snippets are the files beside this one; scripts (.js), notes (.md) and releases/ are not.
  const names = fs
    .readdirSync(HERE, { withFileTypes: true })
    .filter(e => e.isFile() && !/\.js$|\.md$/.test(e.name))
    .map(e => e.name);
  const missing = names.filter(n => !readme.includes(fs.readFileSync(path.join(HERE, n), 'utf8').trimEnd()));
  if (missing.length) {
    fail(`${readmeFile} does not quote these snippets verbatim: ${missing.map(n => `scripts/install-check/${n}`).join(', ')}`);
  }
  log(`README quotes all ${names.length} snippets verbatim`);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'resolutions' && args.length === 2) {
  applyResolutions(path.resolve(args[0]), path.resolve(args[1]));
} else if (cmd === 'code' && args.length >= 1) {
  const appDir = path.resolve(args[0]);
  applyBackend(appDir, args.includes('--optional'));
  applyApp(appDir);
  applyConfig(appDir);
} else if (cmd === 'readme' && args.length === 1) {
  checkReadme(path.resolve(args[0]));
} else {
  fail('usage: apply.js resolutions <app-dir> <resolutions.json> | code <app-dir> [--optional] | readme <README.md>');
}
