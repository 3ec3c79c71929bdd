import { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import {
  PREVIEW_BLUEPRINT_KIND,
  isPreviewBlueprintPath,
} from '@greenroom/plugin-environments-common';
import fs from 'node:fs';
import path from 'node:path';
import { GUIDE } from '../validation/fixFor';
import type { ServiceTemplateIssue } from '../validation/issues';
import { validatePreviewBlueprint } from '../validation/validatePreviewBlueprint';
import { validateServiceTemplate } from '../validation/validateServiceTemplate';

/** One ServiceTemplate document of a file and what the checks found. */
export interface TemplateResult {
  /** `servicetemplate:default/postgresql` (or `ServiceTemplate #2` without a name). */
  ref: string;
  version?: string;
  /** Line of the document in the file (1-based). */
  line: number;
  errors: Array<ServiceTemplateIssue & { line?: number }>;
  warnings: Array<ServiceTemplateIssue & { line?: number }>;
}

/** One preview blueprint of a file and its problems. */
export interface BlueprintResult {
  /** Line of the document in the file (1-based). */
  line: number;
  errors: Array<ServiceTemplateIssue & { line?: number }>;
}

/** The result for one file. */
export interface FileResult {
  file: string;
  templates: TemplateResult[];
  blueprints: BlueprintResult[];
  /** A problem with the file itself: unreadable, or not YAML. */
  errors: Array<ServiceTemplateIssue & { line?: number }>;
  /** Documents that are not ServiceTemplates, which are skipped. */
  skipped: number;
}

export interface ValidationReport {
  files: FileResult[];
  templates: number;
  invalidTemplates: number;
  blueprints: number;
  invalidBlueprints: number;
  errors: number;
  warnings: number;
}

/** The YAML files among `paths`: files as given, directories searched for *.yaml / *.yml. */
export function expandPaths(paths: string[]): {
  files: string[];
  missing: string[];
} {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Hidden folders are skipped, but for a repository's .greenroom/.
        const hidden =
          entry.name.startsWith('.') && entry.name !== '.greenroom';
        if (entry.name !== 'node_modules' && !hidden) {
          walk(full);
        }
      } else if (/\.ya?ml$/.test(entry.name)) {
        files.push(full);
      }
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}

/** The documents of a YAML stream with the line each starts on. */
function splitDocuments(text: string): Array<{ text: string; line: number }> {
  const lines = text.split(/\r?\n/);
  const documents: Array<{ text: string; line: number }> = [];
  let start = 0;
  const push = (end: number) => {
    const body = lines.slice(start, end).join('\n');
    if (body.trim() !== '') documents.push({ text: body, line: start + 1 });
  };
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      push(i);
      start = i;
    } else if (/^\.\.\.\s*$/.test(line)) {
      push(i);
      start = i + 1;
    }
  });
  push(lines.length);
  return documents;
}

/**
 * The line of a field such as `spec.service.image.tag` in a document:
 * each key is looked for below the previous one, deeper indented. Best effort
 * (flow style `{ … }` is not followed); undefined when not found.
 */
export function findFieldLine(
  document: string,
  fieldPath: string,
): number | undefined {
  const keys = fieldPath
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter(k => k && k !== '(root)');
  const lines = document.split('\n');
  let from = 0;
  let indent = -1;
  let found: number | undefined;
  for (const key of keys) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^(\\s*)(?:- )?["']?${escaped}["']?\\s*:`);
    let hit: number | undefined;
    for (let i = from; i < lines.length; i++) {
      const match = pattern.exec(lines[i]);
      const lineIndent = /^\s*/.exec(lines[i])![0].length;
      if (
        found !== undefined &&
        lines[i].trim() !== '' &&
        !lines[i].trim().startsWith('#') &&
        lineIndent <= indent &&
        i > found
      ) {
        break; // left the parent's block
      }
      if (match && match[1].length > indent) {
        hit = i;
        indent = match[1].length;
        break;
      }
    }
    if (hit === undefined) return found === undefined ? undefined : found + 1;
    found = hit;
    from = hit + 1;
  }
  return found === undefined ? undefined : found + 1;
}

/** `YAMLParseError: … at line 3, column 5:` → the message and the file line. */
function yamlProblem(
  message: string,
  documentLine: number,
): { message: string; line: number } {
  const first = message
    .replace(/^YAML error at [^,]*, /, '')
    .replace(/^Failed to parse YAML at [^,]*, /, '')
    .split('\n')[0]
    .replace(/^YAML\w*Error: /, '')
    .replace(/:$/, '');
  const at = /at line (\d+), column (\d+)/.exec(first);
  const line = at ? documentLine + Number(at[1]) - 1 : documentLine;
  return {
    message: first.replace(/ at line \d+, column \d+/, ''),
    line,
  };
}

/** A preview blueprint document, its lines counted from the file's. */
function checkBlueprint(document: { text: string; line: number }) {
  const { errors } = validatePreviewBlueprint(document.text);
  return {
    line: document.line,
    errors: errors.map(e => ({
      ...e,
      line: (e.line ?? 1) + document.line - 1,
    })),
  };
}

/**
 * Validates the ServiceTemplates and preview blueprints of one YAML file. A
 * file at `.greenroom/preview.yaml` is a blueprint whatever it holds; other
 * files hold blueprints by `kind: PreviewBlueprint`.
 */
export async function validateServiceTemplateFile(
  file: string,
): Promise<FileResult> {
  const result: FileResult = {
    file,
    templates: [],
    blueprints: [],
    errors: [],
    skipped: 0,
  };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    result.errors.push({
      path: '(file)',
      message: `cannot be read: ${(error as Error).message}`,
      fix: 'check the path and its permissions',
    });
    return result;
  }
  if (isPreviewBlueprintPath(file)) {
    result.blueprints.push(checkBlueprint({ text, line: 1 }));
    return result;
  }
  const location = { type: 'file', target: path.resolve(file) };
  let index = 0;
  for (const document of splitDocuments(text)) {
    for (const item of parseEntityYaml(document.text, location)) {
      if (item.type === 'error') {
        const problem = yamlProblem(item.error.message, document.line);
        result.errors.push({
          path: '(yaml)',
          line: problem.line,
          message: `is not valid YAML: ${problem.message}`,
          fix: 'fix the YAML syntax: indent with spaces, close quotes and brackets, and quote values that contain ": " or start with "{", "[", "*" or "&"',
        });
        continue;
      }
      if (item.type !== 'entity') continue;
      const entity = item.entity as Entity;
      if (entity.kind === PREVIEW_BLUEPRINT_KIND) {
        result.blueprints.push(checkBlueprint(document));
        continue;
      }
      if (entity.kind !== 'ServiceTemplate') {
        result.skipped++;
        continue;
      }
      index++;
      const validation = await validateServiceTemplate(entity);
      const locate = (i: ServiceTemplateIssue) => ({
        ...i,
        line: (findFieldLine(document.text, i.path) ?? 1) + document.line - 1,
      });
      result.templates.push({
        ref: validation.ref ?? `ServiceTemplate #${index}`,
        version: validation.version,
        line: document.line,
        errors: validation.errors.map(locate),
        warnings: validation.warnings.map(locate),
      });
    }
  }
  return result;
}

/** Validates every ServiceTemplate in `paths` (files, or directories searched recursively). */
export async function validateServiceTemplateFiles(
  paths: string[],
): Promise<ValidationReport> {
  const { files, missing } = expandPaths(paths);
  const results: FileResult[] = missing.map(file => ({
    file,
    templates: [],
    blueprints: [],
    skipped: 0,
    errors: [
      {
        path: '(file)',
        message: 'no such file or directory',
        fix: 'check the path (relative to the directory you run the command in)',
      },
    ],
  }));
  for (const file of files) {
    results.push(await validateServiceTemplateFile(file));
  }

  // The catalog keeps one entity per ref: a second definition conflicts.
  const seen = new Map<string, string>();
  for (const result of results) {
    for (const template of result.templates) {
      const other = seen.get(template.ref);
      if (other !== undefined && template.ref.includes(':')) {
        template.errors.push({
          path: 'metadata.name',
          line: template.line,
          message: `${template.ref} is also defined in ${other}`,
          fix: 'give each template its own metadata.name (a new major line can be a new name, e.g. postgresql-legacy), or remove the copy',
        });
      } else {
        seen.set(template.ref, result.file);
      }
    }
  }

  const templates = results.flatMap(r => r.templates);
  const blueprints = results.flatMap(r => r.blueprints);
  const report: ValidationReport = {
    files: results,
    templates: templates.length,
    invalidTemplates: templates.filter(t => t.errors.length > 0).length,
    blueprints: blueprints.length,
    invalidBlueprints: blueprints.filter(b => b.errors.length > 0).length,
    errors:
      results.reduce((n, r) => n + r.errors.length, 0) +
      templates.reduce((n, t) => n + t.errors.length, 0) +
      blueprints.reduce((n, b) => n + b.errors.length, 0),
    warnings: templates.reduce((n, t) => n + t.warnings.length, 0),
  };
  if (
    templates.length === 0 &&
    blueprints.length === 0 &&
    report.errors === 0
  ) {
    // Nothing checked is most likely a wrong path in CI: do not pass silently.
    report.errors = 1;
  }
  return report;
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The lines the command prints. */
export function formatReport(
  report: ValidationReport,
  options: { cwd?: string } = {},
): string[] {
  const cwd = options.cwd ?? process.cwd();
  const show = (file: string) =>
    path.isAbsolute(file) ? path.relative(cwd, file) || file : file;
  const at = (file: string, line?: number) =>
    line ? `${show(file)}:${line}` : show(file);
  const out: string[] = [];
  for (const result of report.files) {
    for (const e of result.errors) {
      out.push(`✖ ${at(result.file, e.line)}: ${e.message} — ${e.fix}`);
    }
    for (const t of result.templates) {
      const name = `${t.ref}${t.version ? `@${t.version}` : ''}`;
      if (t.errors.length === 0) {
        out.push(`✔ ${show(result.file)}: ${name}`);
      }
      for (const e of t.errors) {
        out.push(
          `✖ ${at(result.file, e.line)} ${t.ref}: ${e.path}: ${e.message} — ${
            e.fix
          }`,
        );
      }
      for (const w of t.warnings) {
        out.push(
          `⚠ ${at(result.file, w.line)} ${t.ref}: ${w.path}: ${w.message} — ${
            w.fix
          }`,
        );
      }
    }
    for (const b of result.blueprints) {
      if (b.errors.length === 0) {
        out.push(`✔ ${show(result.file)}: ${PREVIEW_BLUEPRINT_KIND}`);
      }
      for (const e of b.errors) {
        out.push(
          `✖ ${at(result.file, e.line)} ${PREVIEW_BLUEPRINT_KIND}: ${e.path}: ${
            e.message
          } — ${e.fix}`,
        );
      }
    }
    if (
      result.templates.length === 0 &&
      result.blueprints.length === 0 &&
      result.errors.length === 0 &&
      result.skipped > 0
    ) {
      out.push(`- ${show(result.file)}: no ServiceTemplate (skipped)`);
    }
  }
  if (
    report.templates === 0 &&
    report.blueprints === 0 &&
    report.files.every(f => !f.errors.length)
  ) {
    out.push(
      `✖ no ServiceTemplate or PreviewBlueprint found in the given paths — pass the files or directories that hold your templates (see ${GUIDE})`,
    );
  }
  const checked = [plural(report.templates, 'ServiceTemplate')];
  if (report.blueprints > 0) {
    checked.push(plural(report.blueprints, PREVIEW_BLUEPRINT_KIND));
  }
  const invalid = report.invalidTemplates + report.invalidBlueprints;
  const valid = report.templates + report.blueprints - invalid;
  out.push(
    `${plural(report.files.length, 'file')}, ${checked.join(
      ', ',
    )}: ${valid} valid, ${invalid} invalid; ${plural(
      report.errors,
      'error',
    )}, ${plural(report.warnings, 'warning')}`,
  );
  return out;
}

const USAGE = `Usage: greenroom-validate-templates <file or directory>...

Validates the Greenroom ServiceTemplates in YAML files with the checks the
catalog runs, and preview blueprints (.greenroom/preview.yaml, or any
document of kind PreviewBlueprint) as pull request previews read them.
Directories are searched for *.yaml and *.yml; other kinds are skipped.
Exits 1 when any template or blueprint is invalid, 0 otherwise.
See ${GUIDE} and docs/previews.md.`;

/** The command: prints the report and answers the exit code. */
export async function main(
  argv: string[],
  io: {
    stdout: (line: string) => void;
    stderr: (line: string) => void;
    cwd?: string;
  } = {
    stdout: line => process.stdout.write(`${line}\n`),
    stderr: line => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    (argv.length === 0 ? io.stderr : io.stdout)(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const cwd = io.cwd ?? process.cwd();
  const report = await validateServiceTemplateFiles(
    argv.map(p => path.resolve(cwd, p)),
  );
  for (const line of formatReport(report, { cwd })) {
    io.stdout(line);
  }
  return report.errors > 0 ? 1 : 0;
}
