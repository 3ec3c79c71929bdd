import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../__testUtils__/examples';
import {
  findFieldLine,
  formatReport,
  main,
  validateServiceTemplateFiles,
} from './validateServiceTemplates';

const FIXTURES = path.join(__dirname, '__fixtures__');
const SERVICE_TEMPLATES = path.join(REPO_ROOT, 'examples/service-templates');
const PACKAGE_DIR = path.resolve(__dirname, '../..');

/**
 * The command as this repository runs it (`greenroom.sh validate-templates`):
 * from the TypeScript sources, which the workspace packages are.
 */
function runFromSources(args: string[], cwd: string) {
  return spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '-e',
      'require(process.argv[1]).run(process.argv.slice(2))',
      __dirname,
      ...args,
    ],
    { cwd, env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8' },
  );
}

/**
 * The fixtures, plus a file that is not YAML (kept out of the repository's
 * files, which prettier formats), in a temporary directory.
 */
let WORK_DIR: string;
const NOT_YAML = [
  'apiVersion: greenroom.dev/v1alpha1',
  'kind: ServiceTemplate',
  'metadata:',
  '  name: not-yaml',
  '  title: PostgreSQL: the "not YAML" edition',
  'spec:',
  '  owner: group:default/platform',
  '',
].join('\n');

beforeAll(() => {
  WORK_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'template-fixtures-'));
  for (const file of fs.readdirSync(FIXTURES)) {
    fs.copyFileSync(path.join(FIXTURES, file), path.join(WORK_DIR, file));
  }
  fs.writeFileSync(path.join(WORK_DIR, 'not-yaml.yaml'), NOT_YAML);
});

afterAll(() => fs.rmSync(WORK_DIR, { recursive: true, force: true }));

async function run(...paths: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await main(paths, {
    stdout: line => lines.push(line),
    stderr: line => errors.push(line),
    cwd: WORK_DIR,
  });
  return { code, lines, errors };
}

describe('greenroom-validate-templates', () => {
  it('passes every example service template', async () => {
    const files = fs
      .readdirSync(SERVICE_TEMPLATES)
      .filter(f => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(6);

    const report = await validateServiceTemplateFiles([SERVICE_TEMPLATES]);
    const lines = formatReport(report, { cwd: REPO_ROOT });
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(0);
    expect(report.templates).toBe(files.length);
    expect(lines).toContain(
      '✔ examples/service-templates/postgresql.yaml: servicetemplate:default/postgresql@2.1.0',
    );
    expect(lines).toContain(
      '✔ examples/service-templates/postgresql-legacy.yaml: servicetemplate:default/postgresql-legacy@1.4.2',
    );
    expect(lines[lines.length - 1]).toBe(
      `${files.length} files, ${files.length} ServiceTemplates: ${files.length} valid, 0 invalid; 0 errors, 0 warnings`,
    );
  });

  it('skips other kinds in a multi-document file and exits 0', async () => {
    const { code, lines } = await run('valid-multi.yaml');
    expect(lines).toEqual([
      '✔ valid-multi.yaml: servicetemplate:default/memcached@1.0.0',
      '1 file, 1 ServiceTemplate: 1 valid, 0 invalid; 0 errors, 0 warnings',
    ]);
    expect(code).toBe(0);
  });

  it.each([
    [
      'bad-version.yaml',
      '✖ bad-version.yaml:8 servicetemplate:default/bad-version: spec.version: is "v2"; must be a semantic version such as "1.2.0" — write a semantic version MAJOR.MINOR.PATCH such as "1.2.0" (quote it in YAML), and raise it with every change',
    ],
    [
      'unknown-type.yaml',
      '✖ unknown-type.yaml:7 servicetemplate:default/unknown-type: spec.type: is "lambda"; must be one of application, database, cache, queue, job, static-site — write what the template makes, one of application, database, cache, queue, job, static-site (lower case)',
    ],
    [
      'undeclared-parameter.yaml',
      '✖ undeclared-parameter.yaml:23 servicetemplate:default/undeclared-parameter: spec.service.resources.storage: "${{ parameters.storageGb }}" refers to parameters.storageGb, which is not declared — declare "storageGb" under spec.parameters.properties, or correct the name (declared: version)',
    ],
    [
      'invalid-json-schema.yaml',
      '✖ invalid-json-schema.yaml:14 servicetemplate:default/invalid-json-schema: spec.parameters.properties.memory.type: is not valid JSON Schema: must be equal to one of the allowed values — use one of the JSON Schema types: string, number, integer, boolean, object, array',
    ],
    [
      'bad-data-rules.yaml',
      '✖ bad-data-rules.yaml:19 servicetemplate:default/bad-data-rules: spec.service.database.data.rules[0].transform: is "scramble"; must be one of email, name, phone, hash, null, fixed, keep — give each rule a column ("table.column") and a transform: email, name, phone, hash, null, fixed (with value) or keep',
    ],
    [
      'not-yaml.yaml',
      '✖ not-yaml.yaml:5: is not valid YAML: Nested mappings are not allowed in compact mappings — fix the YAML syntax: indent with spaces, close quotes and brackets, and quote values that contain ": " or start with "{", "[", "*" or "&"',
    ],
  ])('refuses %s, naming the field and the fix', async (file, message) => {
    const { code, lines } = await run(file);
    expect(lines[0]).toBe(message);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/; 1 error, 0 warnings$/);
    expect(code).toBe(1);
  });

  it('warns about a sensitive column without a rule, without failing', async () => {
    const { code, lines } = await run('unruled-sensitive.yaml');
    expect(lines).toEqual([
      '✔ unruled-sensitive.yaml: servicetemplate:default/unruled-sensitive@1.0.0',
      '⚠ unruled-sensitive.yaml:16 servicetemplate:default/unruled-sensitive: spec.service.database.data.sensitive: customers.phone is marked sensitive but has no rule: copies out of production environments are refused until an environment adds one — add { column: customers.phone, transform: email | name | phone | hash | null | fixed } to spec.service.database.data.rules',
      '1 file, 1 ServiceTemplate: 1 valid, 0 invalid; 0 errors, 1 warning',
    ]);
    expect(code).toBe(0);
  });

  it('warns about a deprecated template that does not say what replaces it, without failing', async () => {
    const { code, lines } = await run('deprecated-without-replacement.yaml');
    expect(lines).toEqual([
      '✔ deprecated-without-replacement.yaml: servicetemplate:default/mysql-legacy@0.9.0',
      '⚠ deprecated-without-replacement.yaml:5 servicetemplate:default/mysql-legacy: metadata.description: the template is deprecated but its description does not say what replaces it — say it in metadata.description, e.g. "Deprecated. Use the `postgresql` template." (developers see it next to the deprecation notice), and link a migration guide in spec.links',
      '1 file, 1 ServiceTemplate: 1 valid, 0 invalid; 0 errors, 1 warning',
    ]);
    expect(code).toBe(0);
  });

  it('searches directories, reports each file and sums up', async () => {
    const { code, lines } = await run('.');
    expect(lines.filter(l => l.startsWith('✖'))).toHaveLength(8);
    expect(lines.filter(l => l.startsWith('✔'))).toHaveLength(4);
    expect(lines[lines.length - 1]).toBe(
      '11 files, 8 ServiceTemplates, 2 PreviewBlueprints: 4 valid, 6 invalid; 8 errors, 2 warnings',
    );
    expect(code).toBe(1);
  });

  it('reports a missing path, a duplicate template and no templates at all', async () => {
    expect((await run('nope.yaml')).lines[0]).toBe(
      '✖ nope.yaml: no such file or directory — check the path (relative to the directory you run the command in)',
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-templates-'));
    try {
      fs.copyFileSync(
        path.join(FIXTURES, 'valid-multi.yaml'),
        path.join(dir, 'a.yaml'),
      );
      fs.copyFileSync(
        path.join(FIXTURES, 'valid-multi.yaml'),
        path.join(dir, 'b.yaml'),
      );
      const duplicate = await main([dir], {
        stdout: () => {},
        stderr: () => {},
      });
      expect(duplicate).toBe(1);
      const report = await validateServiceTemplateFiles([dir]);
      expect(report.files[1].templates[0].errors[0]).toMatchObject({
        path: 'metadata.name',
        message: expect.stringContaining(
          'servicetemplate:default/memcached is also defined in',
        ),
      });

      fs.rmSync(path.join(dir, 'a.yaml'));
      fs.writeFileSync(
        path.join(dir, 'b.yaml'),
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: x }\n',
      );
      const lines: string[] = [];
      const none = await main([dir], {
        stdout: l => lines.push(l),
        stderr: () => {},
      });
      expect(none).toBe(1);
      expect(lines).toContain(
        '✖ no ServiceTemplate or PreviewBlueprint found in the given paths — pass the files or directories that hold your templates (see docs/authoring-service-templates.md)',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates a preview blueprint found by its kind', async () => {
    const { code, lines } = await run('preview-blueprint.yaml');
    expect(lines).toEqual([
      '✔ preview-blueprint.yaml: PreviewBlueprint',
      '1 file, 0 ServiceTemplates, 1 PreviewBlueprint: 1 valid, 0 invalid; 0 errors, 0 warnings',
    ]);
    expect(code).toBe(0);
  });

  it('refuses a broken preview blueprint, naming each field, its line and the fix', async () => {
    const { code, lines } = await run('bad-blueprint.yaml');
    expect(lines).toEqual([
      '✖ bad-blueprint.yaml:6 PreviewBlueprint: spec.ttl: must be at most 30d — write a duration of at most 30d, e.g. "2d" or "1d12h"',
      '✖ bad-blueprint.yaml:5 PreviewBlueprint: spec.sahre: unknown field — remove it or correct its spelling (docs/previews.md lists every field)',
      '1 file, 0 ServiceTemplates, 1 PreviewBlueprint: 0 valid, 1 invalid; 2 errors, 0 warnings',
    ]);
    expect(code).toBe(1);
  });

  it('takes .greenroom/preview.yaml for a blueprint, also when searching a repository', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-repo-'));
    try {
      fs.mkdirSync(path.join(repo, '.greenroom'));
      fs.mkdirSync(path.join(repo, '.git'));
      fs.writeFileSync(path.join(repo, '.git', 'config.yaml'), 'x: 1\n');
      // Without a kind: the path says what it is meant to be.
      fs.writeFileSync(
        path.join(repo, '.greenroom', 'preview.yaml'),
        'apiVersion: greenroom.dev/v1alpha1\nspec:\n  services: [web]\n',
      );
      const lines: string[] = [];
      const code = await main(['.'], {
        stdout: l => lines.push(l),
        stderr: () => {},
        cwd: repo,
      });
      expect(lines).toEqual([
        `✖ ${path.join(
          '.greenroom',
          'preview.yaml',
        )}:1 PreviewBlueprint: kind: is required — start the file with "apiVersion: greenroom.dev/v1alpha1" and "kind: PreviewBlueprint", then a spec`,
        '1 file, 0 ServiceTemplates, 1 PreviewBlueprint: 0 valid, 1 invalid; 1 error, 0 warnings',
      ]);
      expect(code).toBe(1);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('passes the example repository blueprint', async () => {
    const report = await validateServiceTemplateFiles([
      path.join(REPO_ROOT, 'examples/storefront'),
    ]);
    expect(formatReport(report, { cwd: REPO_ROOT })).toEqual([
      '✔ examples/storefront/.greenroom/preview.yaml: PreviewBlueprint',
      '1 file, 0 ServiceTemplates, 1 PreviewBlueprint: 1 valid, 0 invalid; 0 errors, 0 warnings',
    ]);
  });

  it('prints its usage without arguments and exits 2', async () => {
    const { code, errors } = await run();
    expect(code).toBe(2);
    expect(errors[0]).toMatch(/^Usage: greenroom-validate-templates/);
  });

  it('finds the line of a field', () => {
    const doc = [
      'metadata:',
      '  name: x',
      'spec:',
      '  version: 1',
      '  service:',
      '    ports:',
      '      - port: 80',
      '    version: 2',
    ].join('\n');
    expect(findFieldLine(doc, 'spec.version')).toBe(4);
    expect(findFieldLine(doc, 'spec.service.ports[0].port')).toBe(7);
    expect(findFieldLine(doc, 'spec.service.version')).toBe(8);
    expect(findFieldLine(doc, 'spec.links')).toBe(3);
    expect(findFieldLine(doc, 'nothing')).toBeUndefined();
  });

  it('runs as a command: exit code 0 for the examples, 1 for a broken template', () => {
    const ok = runFromSources(['examples/service-templates'], REPO_ROOT);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain(
      '✔ examples/service-templates/redis.yaml: servicetemplate:default/redis@1.3.0',
    );
    expect(ok.status).toBe(0);

    const broken = runFromSources(['bad-version.yaml'], FIXTURES);
    expect(broken.stdout).toContain('✖ bad-version.yaml:8 ');
    expect(broken.status).toBe(1);
  }, 120_000);

  it('ships as the bin of the package, which runs the build with plain node', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'),
    );
    const bin = pkg.bin['greenroom-validate-templates'];
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist']));
    expect(pkg.exports['./cli']).toBe('./src/cli/index.ts');
    const script = fs.readFileSync(path.join(PACKAGE_DIR, bin), 'utf8');
    expect(script).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(script).toContain("require('../dist/cli.cjs.js').run()");
    expect(script).not.toContain('nodeTransform');
  });
});
