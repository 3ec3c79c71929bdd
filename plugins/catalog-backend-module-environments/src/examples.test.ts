import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  LocationEntityV1alpha1,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import { ScaffolderEntitiesProcessor } from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import {
  CatalogProcessor,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_PREVIEW_BASE,
  ANNOTATION_SERVICE_TEMPLATE,
  formatZodError,
  serviceTemplateSpecSchema,
} from '@greenroom/plugin-environments-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  ENVIRONMENTS_SEED_FILE,
  EXAMPLES_DIR,
  REPO_ROOT,
  listCatalogFiles,
  readYamlDocuments,
  relativeToRoot,
} from './__testUtils__/examples';
import {
  EnvironmentEntitiesProcessor,
  ServiceTemplateEntitiesProcessor,
} from './processor';

// Every catalog file of the demo is checked the way the catalog processes it:
// the base entity policies, then a kind validator (ours for Environment and
// ServiceTemplate, the built-in one otherwise) and the relations each
// processor emits, whose targets must all exist. A broken example fails CI.

const catalogFiles = listCatalogFiles();

/** Greenroom's own catalog entry: the root file and the Location's targets. */
const rootCatalogFile = path.join(REPO_ROOT, 'catalog-info.yaml');

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const processors: CatalogProcessor[] = [
  new BuiltinKindsEntityProcessor(),
  // The example scaffolder templates (kind Template).
  new ScaffolderEntitiesProcessor(),
  new EnvironmentEntitiesProcessor(),
  new ServiceTemplateEntitiesProcessor(),
];

const location = { type: 'file', target: 'examples' };

/** Runs an entity through validation and post-processing; returns it and its relations. */
async function processEntity(input: Entity) {
  let entity = (await policy.enforce(input)) as Entity;
  for (const processor of processors) {
    if (processor.preProcessEntity) {
      entity = await processor.preProcessEntity(
        entity,
        location,
        () => {},
        location,
        undefined as any,
      );
    }
  }
  const handledBy: string[] = [];
  for (const processor of processors) {
    if (await processor.validateEntityKind?.(entity)) {
      handledBy.push(processor.getProcessorName());
    }
  }
  const results: CatalogProcessorResult[] = [];
  for (const processor of processors) {
    await processor.postProcessEntity?.(
      entity,
      location,
      result => results.push(result),
      undefined as any,
    );
  }
  const relations = results.flatMap(result =>
    result.type === 'relation' ? [result.relation] : [],
  );
  return { entity, handledBy, relations };
}

function refOf(entity: Entity) {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

function loadEntities(files: string[]) {
  return files.flatMap(file =>
    readYamlDocuments(file).map(entity => ({ file, entity })),
  );
}

function locationTargets(file: string): string[] {
  return readYamlDocuments(file)
    .filter(entity => entity.kind === 'Location')
    .flatMap(entity => (entity as LocationEntityV1alpha1).spec.targets ?? [])
    .map(target => path.resolve(path.dirname(file), target));
}

describe('examples/', () => {
  const entities = loadEntities(catalogFiles);

  it('holds the catalog files and the environment seed', () => {
    expect(catalogFiles.map(relativeToRoot)).toEqual(
      expect.arrayContaining([
        'examples/catalog.yaml',
        'examples/org.yaml',
        'examples/shop.yaml',
        'examples/service-templates/postgresql.yaml',
      ]),
    );
    expect(fs.existsSync(ENVIRONMENTS_SEED_FILE)).toBe(true);
  });

  it('lists every catalog file in the Location of examples/catalog.yaml, and nothing else', () => {
    const catalogYaml = path.join(EXAMPLES_DIR, 'catalog.yaml');
    expect(locationTargets(catalogYaml).sort()).toEqual(
      catalogFiles.filter(file => file !== catalogYaml).sort(),
    );
  });

  it.each(catalogFiles.map(file => [relativeToRoot(file), file]))(
    '%s holds only valid entities',
    async (_, file) => {
      const documents = readYamlDocuments(file);
      expect(documents.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const document of documents) {
        const name = `${document.kind} ${document.metadata?.name}`;
        try {
          const { entity, handledBy } = await processEntity(document);
          const expected = ['Environment', 'ServiceTemplate'].includes(
            entity.kind,
          )
            ? [`${entity.kind}EntitiesProcessor`]
            : [
                entity.kind === 'Template'
                  ? 'ScaffolderEntitiesProcessor'
                  : 'BuiltinKindsEntityProcessor',
              ];
          if (handledBy.join() !== expected.join()) {
            problems.push(
              `${name}: validated by [${handledBy}], expected [${expected}]`,
            );
          }
        } catch (error) {
          problems.push(`${name}: ${(error as Error).message}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('has no two entities with the same ref', () => {
    const refs = entities.map(({ entity }) => refOf(entity));
    expect(refs.filter((ref, i) => refs.indexOf(ref) !== i)).toEqual([]);
  });

  it('relates entities only to entities that exist', async () => {
    const known = new Set(entities.map(({ entity }) => refOf(entity)));
    const dangling: string[] = [];
    for (const { file, entity } of entities) {
      const { relations } = await processEntity(entity);
      for (const { source, type, target } of relations) {
        for (const ref of [source, target]) {
          const text = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
          if (!known.has(text)) {
            dangling.push(
              `${relativeToRoot(file)}: ${refOf(entity)} ${type} ${text}`,
            );
          }
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  describe('service templates', () => {
    const templates = entities.filter(
      ({ entity }) => entity.kind === 'ServiceTemplate',
    );

    it('cover the platform team catalogue, including a deprecated one', () => {
      const names = templates.map(({ entity }) => entity.metadata.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'postgresql',
          'redis',
          'mongodb',
          'node-api',
          'static-web',
        ]),
      );
      expect(
        templates.some(({ entity }) => entity.spec?.lifecycle === 'deprecated'),
      ).toBe(true);
    });

    it.each(templates.map(({ entity }) => [entity.metadata.name, entity]))(
      '%s has a spec that parses with serviceTemplateSpecSchema',
      (name, entity) => {
        const result = serviceTemplateSpecSchema.safeParse(entity.spec);
        expect(
          result.success ? [] : [formatZodError(result.error, `${name} spec`)],
        ).toEqual([]);
      },
    );

    it.each(templates.map(({ entity }) => [entity.metadata.name, entity]))(
      '%s only uses parameters it declares',
      (_, entity) => {
        const declared = Object.keys(
          (entity.spec?.parameters as any)?.properties ?? {},
        );
        const used = [
          ...JSON.stringify(entity.spec?.service).matchAll(
            /\$\{\{\s*parameters\.([A-Za-z0-9_]+)\s*\}\}/g,
          ),
        ].map(match => match[1]);
        expect(used.filter(name => !declared.includes(name))).toEqual([]);
      },
    );
  });

  it('points Component annotations at templates that exist', () => {
    const templateNames = new Set(
      entities
        .filter(({ entity }) => entity.kind === 'ServiceTemplate')
        .map(({ entity }) => entity.metadata.name),
    );
    const annotated = entities.flatMap(({ entity }) => {
      const template =
        entity.metadata.annotations?.[ANNOTATION_SERVICE_TEMPLATE];
      return template
        ? [parseEntityRef(template, { defaultKind: 'ServiceTemplate' }).name]
        : [];
    });
    expect(annotated.length).toBeGreaterThan(0);
    expect(annotated.filter(name => !templateNames.has(name))).toEqual([]);
  });

  it('has Components with preview bases', () => {
    expect(
      entities.filter(
        ({ entity }) => entity.metadata.annotations?.[ANNOTATION_PREVIEW_BASE],
      ).length,
    ).toBeGreaterThan(0);
  });
});

describe('catalog-info.yaml (Greenroom itself)', () => {
  const files = [rootCatalogFile, ...locationTargets(rootCatalogFile)];

  it('points at a catalog-info.yaml in every package folder', () => {
    const packageFolders = ['plugins', 'packages'].flatMap(dir =>
      fs
        .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
        .filter(entry =>
          fs.existsSync(path.join(REPO_ROOT, dir, entry.name, 'package.json')),
        )
        .map(entry =>
          path.join(REPO_ROOT, dir, entry.name, 'catalog-info.yaml'),
        ),
    );
    expect(files.slice(1).sort()).toEqual(packageFolders.sort());
  });

  it.each(files.map(file => [relativeToRoot(file), file]))(
    '%s holds only valid entities',
    async (_, file) => {
      expect(fs.existsSync(file)).toBe(true);
      const problems: string[] = [];
      for (const document of readYamlDocuments(file)) {
        try {
          const { handledBy } = await processEntity(document);
          if (handledBy.length !== 1) {
            problems.push(
              `${document.metadata?.name}: validated by [${handledBy}]`,
            );
          }
        } catch (error) {
          problems.push(
            `${document.metadata?.name}: ${(error as Error).message}`,
          );
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('relates packages to the greenroom system and the example platform team', async () => {
    const entities = loadEntities(files.filter(file => fs.existsSync(file)));
    const known = new Set(
      [...entities, ...loadEntities(catalogFiles)].map(({ entity }) =>
        refOf(entity),
      ),
    );
    const dangling: string[] = [];
    for (const { entity } of entities) {
      const { relations } = await processEntity(entity);
      for (const { target } of relations) {
        const text = stringifyEntityRef(target).toLocaleLowerCase('en-US');
        if (!known.has(text)) {
          dangling.push(`${refOf(entity)} -> ${text}`);
        }
      }
    }
    expect(dangling).toEqual([]);
  });
});
