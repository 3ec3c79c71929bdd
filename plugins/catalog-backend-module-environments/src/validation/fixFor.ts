import {
  DATABASE_ENGINES,
  DATABASE_MODES,
  SERVICE_KINDS,
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '@greenroom/plugin-environments-common';

/** Where the fixes point for what they cannot say in a line. */
export const GUIDE = 'docs/authoring-service-templates.md';

const oneOf = (values: readonly string[]) => values.join(', ');

/** How to fix a field, by its path (array indices written `[]`) and the problem. */
export function fixFor(path: string, message: string): string {
  const field = path.replace(/\[\d+\]/g, '[]');
  if (message.startsWith('unknown field')) {
    return `remove "${lastSegment(
      path,
    )}" or correct its spelling (${GUIDE} lists every field)`;
  }
  if (field === 'spec.version') {
    return 'write a semantic version MAJOR.MINOR.PATCH such as "1.2.0" (quote it in YAML), and raise it with every change';
  }
  if (field === 'spec.type') {
    return `write what the template makes, one of ${oneOf(
      SERVICE_TEMPLATE_TYPES,
    )} (lower case)`;
  }
  if (field === 'spec.lifecycle') {
    return `write one of ${oneOf(
      SERVICE_TEMPLATE_LIFECYCLES,
    )}: experimental while you try it, production when teams may rely on it, deprecated when another template replaces it`;
  }
  if (field === 'spec.owner') {
    return 'set the owning group, e.g. "group:default/platform"';
  }
  if (field === 'spec.service') {
    return 'add spec.service with the defaults of the service, at least its kind, e.g. "kind: database"';
  }
  if (field === 'spec' || field === '(root)') {
    return 'give the template a spec with owner, type, version, lifecycle and service';
  }
  if (field === 'spec.parameters') {
    return 'make spec.parameters a JSON Schema object: "type: object" with "properties" (one per form field), e.g. version: { type: string, enum: ["15", "16"], default: "16" }';
  }
  if (field === 'spec.service.kind') {
    return `use one of ${oneOf(
      SERVICE_KINDS,
    )} or a "\${{ parameters.name }}" expression`;
  }
  if (field.startsWith('spec.service.ports[]')) {
    return 'use a port number 1-65535 (and public: true/false) or a "${{ parameters.name }}" expression';
  }
  if (field === 'spec.service.replicas') {
    return 'use a whole number 0-100 or a "${{ parameters.name }}" expression';
  }
  if (field === 'spec.service.resources.cpu') {
    return 'write CPU like Kubernetes does, e.g. "250m" or "1"';
  }
  if (
    field === 'spec.service.resources.memory' ||
    field === 'spec.service.resources.storage'
  ) {
    return 'write a quantity like Kubernetes does, e.g. "256Mi" or "10Gi"';
  }
  if (field === 'spec.service.database') {
    return `add spec.service.database with engine (${oneOf(
      DATABASE_ENGINES,
    )}) and version`;
  }
  if (field === 'spec.service.database.engine') {
    return `use one of ${oneOf(DATABASE_ENGINES)}`;
  }
  if (field === 'spec.service.database.mode') {
    return `use one of ${oneOf(
      DATABASE_MODES,
    )} or a "\${{ parameters.name }}" expression`;
  }
  if (field === 'spec.service.database.storageGb') {
    return 'use a whole number of GB (1-65536) or a "${{ parameters.name }}" expression';
  }
  if (field.startsWith('spec.service.database.data.rules[]')) {
    return 'give each rule a column ("table.column") and a transform: email, name, phone, hash, null, fixed (with value) or keep';
  }
  if (field.startsWith('spec.service.database.data.subset[]')) {
    return 'give each subset a table and a where (one SQL condition, no ";" or comments) and/or a limit';
  }
  if (field.startsWith('spec.service.database.data.sensitive')) {
    return 'name each sensitive column as "table.column" or "schema.table.column"';
  }
  if (field.startsWith('spec.service.database.data.seed')) {
    return 'write the seed as { sql: "insert …" } or { image: "ghcr.io/acme/seed:1", command: [...] }';
  }
  if (field.startsWith('spec.service.database.data')) {
    return `declare sensitive, rules, subset and seed under spec.service.database.data (${GUIDE}#data-rules)`;
  }
  if (field === 'spec.service.variables[].key') {
    return 'use upper case letters, digits and "_", e.g. DATABASE_URL';
  }
  if (field === 'spec.service.variables[].kind') {
    return 'use value, secret or alias (built-in variables such as GR_DB_URL are computed, never written)';
  }
  if (field.startsWith('spec.links[]')) {
    return 'give each link a url (and optionally title and icon)';
  }
  if (field.startsWith('metadata.name')) {
    return 'use 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit, e.g. "postgresql"';
  }
  if (field.startsWith('metadata')) {
    return 'see the Backstage entity format: metadata needs a name; title, description and tags are optional';
  }
  if (field === 'apiVersion' || field === 'kind') {
    return 'use "apiVersion: greenroom.dev/v1alpha1" and "kind: ServiceTemplate"';
  }
  return `see ${GUIDE}#troubleshooting`;
}

function lastSegment(path: string): string {
  const match =
    /(?:\.|^)([^.[\]]+)$/.exec(path) ?? /\["?([^"\]]+)"?\]$/.exec(path);
  return match ? match[1] : path;
}
