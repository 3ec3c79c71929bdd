import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_PREVIEW_BASE,
  EnvironmentInput,
  Origin,
  environmentInputSchema,
  formatZodError,
  originSchema,
  resolveVariables,
} from '@greenroom/plugin-environments-common';
import {
  ENVIRONMENTS_SEED_FILE,
  EXAMPLES_DIR,
  listYamlFiles,
  readYamlDocuments,
} from './__testUtils__/examples';

// examples/environments.yaml is the seed the environments backend loads on
// first start. Each entry is an environment input (environmentInputSchema),
// plus an optional `origin` (how it came to be, e.g. a pull request preview).

type SeedEntry = Record<string, unknown> & { name?: unknown; origin?: unknown };

const documents = readYamlDocuments(
  ENVIRONMENTS_SEED_FILE,
) as unknown as Array<{
  environments?: SeedEntry[];
}>;
const entries = documents[0]?.environments ?? [];
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

const exampleRefs = new Set(
  listYamlFiles(EXAMPLES_DIR)
    .filter(file => file !== ENVIRONMENTS_SEED_FILE)
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
    const modes = entries.map(entry => entry.mode).sort();
    expect(modes).toEqual([
      'development',
      'development',
      'preview',
      'production',
      'staging',
    ]);
  });

  it('uses each name once', () => {
    const names = entries.map(entry => entry.name);
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
    expect(previews.length).toBeGreaterThan(0);
    for (const { input, origin } of previews) {
      expect(input.policy?.ttl).toBeDefined();
      expect(origin?.type).toBe('preview');
      expect(origin?.pullRequest).toEqual(
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
    const bases = listYamlFiles(EXAMPLES_DIR)
      .filter(file => file !== ENVIRONMENTS_SEED_FILE)
      .flatMap(file => readYamlDocuments(file))
      .flatMap(
        entity => entity.metadata.annotations?.[ANNOTATION_PREVIEW_BASE] ?? [],
      );
    expect(bases.length).toBeGreaterThan(0);
    expect(bases.filter(base => !names.includes(base))).toEqual([]);
  });
});
