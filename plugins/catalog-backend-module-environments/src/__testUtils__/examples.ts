import { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { isPreviewBlueprintPath } from '@greenroom/plugin-environments-common';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root, found relative to this file (never a machine path). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The `examples/` folder of the repository. */
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The environment seed file; every other YAML file under examples/ is catalog data. */
export const ENVIRONMENTS_SEED_FILE = path.join(
  EXAMPLES_DIR,
  'environments.yaml',
);

/** Every `.yaml` / `.yml` file under `dir`, recursively, sorted. */
export function listYamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return listYamlFiles(file);
      }
      return /\.ya?ml$/.test(entry.name) ? [file] : [];
    })
    .sort();
}

/**
 * The catalog files of examples/: every YAML file but the environment seed
 * and the example repositories' preview blueprints (`.greenroom/preview.yaml`).
 */
export function listCatalogFiles(): string[] {
  return listYamlFiles(EXAMPLES_DIR).filter(
    file => file !== ENVIRONMENTS_SEED_FILE && !isPreviewBlueprintPath(file),
  );
}

/** A path relative to the repository root, for test names and messages. */
export function relativeToRoot(file: string): string {
  return path.relative(REPO_ROOT, file).split(path.sep).join('/');
}

/**
 * The documents of a (multi-document) YAML file, read with the catalog's own
 * parser so that a file the catalog would reject fails here too. Throws with
 * the file name on a YAML error.
 */
export function readYamlDocuments(file: string): Entity[] {
  const target = relativeToRoot(file);
  const documents: Entity[] = [];
  for (const result of parseEntityYaml(fs.readFileSync(file), {
    type: 'file',
    target,
  })) {
    if (result.type === 'error') {
      throw new Error(`${target}: ${result.error.message}`);
    }
    if (result.type === 'entity') {
      documents.push(result.entity);
    }
  }
  return documents;
}
