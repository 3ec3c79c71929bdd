import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_PREVIEW_BASE,
  ANNOTATION_PREVIEW_BLUEPRINT,
  DEFAULT_PREVIEW_BLUEPRINT_PATH,
  EnvironmentInput,
  Origin,
  cloneRequestSchema,
  environmentInputSchema,
  formatZodError,
  originSchema,
  parsePreviewBlueprint,
  planClone,
  previewEnvironmentName,
  previewFromBlueprint,
  pullRequestSchema,
  resolveVariables,
  servicesOfComponent,
} from '@greenroom/plugin-environments-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  ENVIRONMENTS_SEED_FILE,
  EXAMPLES_DIR,
  listCatalogFiles,
  readYamlDocuments,
} from './__testUtils__/examples';

// examples/environments.yaml is the seed the environments backend loads on
// first start. Each entry is an environment input (environmentInputSchema),
// plus an optional `origin` (how it came to be, e.g. a pull request preview),
// or a pull request preview made from a repository's blueprint
// (`fromBlueprint: { file, component, pullRequest }`).

type SeedEntry = Record<string, unknown> & { name?: unknown; origin?: unknown };
type BlueprintEntry = {
  fromBlueprint: { file: string; component: string; pullRequest: unknown };
};

const documents = readYamlDocuments(
  ENVIRONMENTS_SEED_FILE,
) as unknown as Array<{
  environments?: SeedEntry[];
}>;
const allEntries = documents[0]?.environments ?? [];
const entries = allEntries.filter(entry => !('fromBlueprint' in entry));
const blueprintEntries = allEntries.filter(
  entry => 'fromBlueprint' in entry,
) as unknown as BlueprintEntry[];
const cases = entries.map((entry, index) => [
  String(entry.name ?? `environments[${index}]`),
  entry,
]) as Array<[string, SeedEntry]>;

function parseEntry(entry: SeedEntry): {
  input: EnvironmentInput;
  origin?: Origin;
} {
  const { origin, ...rest } = entry;
  const input = environmentInputSchema.safeParse(rest);
  if (!input.success) {
    throw new Error(formatZodError(input.error, String(entry.name)));
  }
  if (origin === undefined) {
    return { input: input.data };
  }
  const parsedOrigin = originSchema.safeParse(origin);
  if (!parsedOrigin.success) {
    throw new Error(formatZodError(parsedOrigin.error, `${entry.name} origin`));
  }
  return { input: input.data, origin: parsedOrigin.data };
}

function previewName(entry: BlueprintEntry): string {
  const pr = pullRequestSchema.parse(entry.fromBlueprint.pullRequest);
  return previewEnvironmentName(pr.repository, pr.number);
}

function blueprintFile(entry: BlueprintEntry): string {
  return path.resolve(
    path.dirname(ENVIRONMENTS_SEED_FILE),
    entry.fromBlueprint.file,
  );
}

function readBlueprint(entry: BlueprintEntry) {
  const result = parsePreviewBlueprint(
    fs.readFileSync(blueprintFile(entry), 'utf8'),
  );
  if ('errors' in result) {
    throw new Error(formatIssues(result.errors));
  }
  return result.blueprint;
}

function formatIssues(issues: Array<{ field: string; message: string }>) {
  return issues.map(i => `${i.field}: ${i.message}`).join('; ');
}

const exampleRefs = new Set(
  listCatalogFiles()
    .flatMap(file => readYamlDocuments(file))
    .map(entity => stringifyEntityRef(entity).toLocaleLowerCase('en-US')),
);

describe('examples/environments.yaml', () => {
  it('is one document with a list of environments', () => {
    expect(documents).toHaveLength(1);
    expect(Object.keys(documents[0])).toEqual(['environments']);
    expect(Array.isArray(documents[0].environments)).toBe(true);
  });

  it('seeds production, staging, two development environments and a preview', () => {
    const modes = [
      ...entries.map(entry => entry.mode),
      ...blueprintEntries.map(() => 'preview'),
    ].sort();
    expect(modes).toEqual([
      'development',
      'development',
      'preview',
      'production',
      'staging',
    ]);
  });

  it('uses each name once', () => {
    const names = [
      ...entries.map(entry => entry.name),
      ...blueprintEntries.map(entry => previewName(entry)),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(cases)('%s parses with environmentInputSchema', (_, entry) => {
    expect(() => parseEntry(entry)).not.toThrow();
  });

  it.each(cases)(
    '%s resolves its variables (every alias has a target)',
    (_, entry) => {
      const { input } = parseEntry(entry);
      const resolved = resolveVariables(input);
      expect(Object.keys(resolved.services)).toEqual(
        input.services.map(service => service.name),
      );
    },
  );

  it.each(cases)('%s refers only to entities of examples/', (_, entry) => {
    const { input } = parseEntry(entry);
    const refs = [
      input.system,
      input.owner,
      ...input.services.flatMap(service => [
        ...(service.componentRef ? [service.componentRef] : []),
        ...(service.template ? [service.template.ref] : []),
      ]),
    ];
    expect(
      refs.filter(ref => !exampleRefs.has(ref.toLocaleLowerCase('en-US'))),
    ).toEqual([]);
  });

  it('never lets a policy stop or delete production', () => {
    const production = entries
      .map(entry => parseEntry(entry).input)
      .filter(input => input.mode === 'production');
    expect(production.length).toBeGreaterThan(0);
    for (const input of production) {
      expect(input.policy?.idleAfter).toBeUndefined();
      expect(input.policy?.ttl).toBeUndefined();
      expect(input.policy?.schedule).toBeUndefined();
      expect(input.policy?.priority).toBe(100);
    }
  });

  it('gives the preview a time to live and the pull request it previews', () => {
    const previews = entries
      .map(parseEntry)
      .filter(({ input }) => input.mode === 'preview');
    for (const { input, origin } of previews) {
      expect(input.policy?.ttl).toBeDefined();
      expect(origin?.type).toBe('preview');
      expect(origin?.pullRequest).toEqual(
        expect.objectContaining({ provider: 'github' }),
      );
    }
    expect(previews.length + blueprintEntries.length).toBeGreaterThan(0);
    for (const entry of blueprintEntries) {
      expect(readBlueprint(entry).spec.ttl).toBeDefined();
      expect(pullRequestSchema.parse(entry.fromBlueprint.pullRequest)).toEqual(
        expect.objectContaining({ provider: 'github' }),
      );
    }
  });

  it('holds only obviously fake secret values', () => {
    const secrets = entries
      .map(entry => parseEntry(entry).input)
      .flatMap(input => [
        ...input.variables,
        ...input.services.flatMap(service => service.variables),
      ])
      .filter(variable => variable.kind === 'secret');
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(secret.value).toMatch(/demo/);
    }
  });

  it('has the environments that Components name as their preview base', () => {
    const names = entries.map(entry => entry.name);
    const bases = listCatalogFiles()
      .flatMap(file => readYamlDocuments(file))
      .flatMap(
        entity => entity.metadata.annotations?.[ANNOTATION_PREVIEW_BASE] ?? [],
      );
    expect(bases.length).toBeGreaterThan(0);
    expect(bases.filter(base => !names.includes(base))).toEqual([]);
  });
});

describe('the seed preview made from a blueprint', () => {
  const components = listCatalogFiles()
    .flatMap(file => readYamlDocuments(file))
    .filter(entity => entity.kind === 'Component');
  const previews = blueprintEntries.map(
    entry => [previewName(entry), entry] as const,
  );

  it('is there, once', () => {
    expect(blueprintEntries).toHaveLength(1);
  });

  it.each(previews)(
    '%s reads the blueprint its Component’s annotation names',
    (_, entry) => {
      const ref = entry.fromBlueprint.component.toLocaleLowerCase('en-US');
      const component = components.find(
        c => stringifyEntityRef(c).toLocaleLowerCase('en-US') === ref,
      );
      expect(component).toBeDefined();
      // examples/<component>/ stands for the component's repository.
      const annotated =
        component!.metadata.annotations?.[ANNOTATION_PREVIEW_BLUEPRINT] ??
        DEFAULT_PREVIEW_BLUEPRINT_PATH;
      expect(blueprintFile(entry)).toBe(
        path.join(EXAMPLES_DIR, component!.metadata.name, annotated),
      );
    },
  );

  it.each(previews)(
    '%s deploys only the changed service and shares the rest of its base',
    (name, entry) => {
      const blueprint = readBlueprint(entry);
      const baseEntry = entries.find(e => e.name === blueprint.spec.base);
      expect(baseEntry).toBeDefined();
      const { input: baseInput } = parseEntry(baseEntry!);
      const plan = previewFromBlueprint({
        blueprint,
        base: baseInput,
        componentServices: servicesOfComponent(
          baseInput.services,
          entry.fromBlueprint.component,
        ),
        name,
      });
      expect(formatIssues(plan.errors)).toBe('');
      expect(plan.clone.services).toEqual(['storefront']);
      expect(plan.additions).toEqual([]);

      const base = {
        ...baseInput,
        id: 'id-staging',
        title: 'Staging',
        runtime: { type: 'local' },
        policy: { priority: 70 },
        desiredState: 'running',
        status: 'running',
        origin: { type: 'seed' },
        attention: [],
        lastActivityAt: '2026-03-02T09:00:00.000Z',
        createdBy: 'user:default/greenroom-seed',
        createdAt: '2026-03-02T09:00:00.000Z',
        updatedAt: '2026-03-02T09:00:00.000Z',
        revision: 1,
      } as Parameters<typeof planClone>[0];
      const cloned = planClone(base, cloneRequestSchema.parse(plan.clone));
      expect(cloned.input.services.map(s => s.name)).toEqual([
        'storefront',
        'orders-db',
        'cache',
      ]);
      expect(
        cloned.diff.filter(d => d.kind === 'shared').map(d => d.path),
      ).toEqual(['services.orders-api', 'services.payments-worker']);
      expect(cloned.baseline).toMatchObject({
        environment: 'staging',
        databases: 'clone',
      });
    },
  );
});
