import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_SERVICE_RESOURCES,
  durationSchema,
  EnvironmentInput,
  EnvironmentMode,
  formatImageReference,
  formatPortList,
  isValidEnvironmentName,
  isValidServiceName,
  MAX_ENVIRONMENT_NAME_LENGTH,
  MAX_SERVICE_NAME_LENGTH,
  parseImageReference,
  parsePortList,
  PolicyInput,
  ServiceInput,
  serviceFromComponent,
  toEnvironmentName,
} from '@greenroom/plugin-environments-common';
import { RESERVED_ENVIRONMENT_NAMES } from '../../routes';

/** The databases the form can add, as containers. */
export type DatabaseChoice = 'postgresql' | 'redis';

export const DATABASE_CHOICES: Record<
  DatabaseChoice,
  { label: string; version: string; baseName: string; storage?: string }
> = {
  postgresql: {
    label: 'PostgreSQL',
    version: '16',
    baseName: 'db',
    storage: '1Gi',
  },
  redis: { label: 'Redis', version: '7', baseName: 'cache' },
};

/** A service of the form: a picked Component or an added database. */
export type ServiceRow = {
  /** Stable key: the component ref, or `database:<n>`. */
  id: string;
  name: string;
  /** What the service starts from, before the user's edits. */
  base: ServiceInput;
} & (
  | {
      source: 'component';
      /** Title or name of the Component, for display. */
      label: string;
      imageText: string;
      portsText: string;
      /** What the Component's annotations did not give, with reasons. */
      missing: string[];
    }
  | { source: 'database'; engine: DatabaseChoice }
);

/** Per-field problems of a service row. */
export type ServiceRowErrors = {
  name?: string;
  image?: string;
  ports?: string;
};

/** `db`, `db-2`, `db-3` …: the first name not taken, within 22 characters. */
export function uniqueServiceName(
  base: string,
  taken: ReadonlyArray<string>,
): string {
  if (!taken.includes(base)) {
    return base;
  }
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base
      .slice(0, MAX_SERVICE_NAME_LENGTH - suffix.length)
      .replace(/-+$/, '')}${suffix}`;
    if (!taken.includes(candidate)) {
      return candidate;
    }
  }
}

/** A row for a picked Component, filled from its annotations. */
export function componentRow(
  entity: Entity,
  takenNames: ReadonlyArray<string>,
): ServiceRow {
  const { service, missing } = serviceFromComponent(entity);
  return {
    id: stringifyEntityRef(entity),
    source: 'component',
    label: entity.metadata.title ?? entity.metadata.name,
    name: uniqueServiceName(service.name, takenNames),
    base: service,
    imageText: service.image ? formatImageReference(service.image) : '',
    portsText: formatPortList(service.ports),
    missing,
  };
}

/** A row for a container database, named `db` or `cache` unless taken. */
export function databaseRow(
  engine: DatabaseChoice,
  takenNames: ReadonlyArray<string>,
  id: string,
): ServiceRow {
  const choice = DATABASE_CHOICES[engine];
  return {
    id,
    source: 'database',
    engine,
    name: uniqueServiceName(choice.baseName, takenNames),
    base: {
      name: choice.baseName,
      kind: 'database',
      database: { engine, version: choice.version, mode: 'container' },
      ports: [],
      resources: {
        ...DEFAULT_SERVICE_RESOURCES,
        ...(choice.storage ? { storage: choice.storage } : {}),
      },
      replicas: 1,
      customDomains: [],
      variables: [],
    },
  };
}

/** The service a row describes, and what is wrong with it. */
export function rowService(
  row: ServiceRow,
  otherNames: ReadonlyArray<string>,
): { service: ServiceInput; errors: ServiceRowErrors } {
  const errors: ServiceRowErrors = {};
  if (!isValidServiceName(row.name)) {
    errors.name = `Lower case letters, digits and "-", starting with a letter, at most ${MAX_SERVICE_NAME_LENGTH} characters`;
  } else if (otherNames.includes(row.name)) {
    errors.name = `Another service is already named ${row.name}`;
  }
  const service: ServiceInput = { ...row.base, name: row.name };
  if (row.source === 'component') {
    delete service.image;
    if (row.imageText.trim() !== '') {
      const image = parseImageReference(row.imageText);
      if (image.ok) {
        service.image = image.value;
      } else {
        errors.image = `Not an image reference: ${image.error}`;
      }
    }
    service.ports = [];
    if (row.portsText.trim() !== '') {
      const ports = parsePortList(row.portsText);
      if (ports.ok) {
        service.ports = ports.value;
      } else {
        errors.ports = ports.error;
      }
    }
  }
  return { service, errors };
}

/**
 * The annotation problems of a Component row that the user has not fixed
 * yet: an image or ports still empty or unreadable, a bad repository slug.
 */
export function openWarnings(row: ServiceRow): string[] {
  if (row.source !== 'component') {
    return [];
  }
  return row.missing.filter(entry => {
    if (entry.startsWith('image:')) {
      return !parseImageReference(row.imageText).ok;
    }
    if (entry.startsWith('ports:')) {
      return row.portsText.trim() === '';
    }
    return true;
  });
}

/** Why an environment name cannot be used, with a suggestion when one helps. */
export function environmentNameProblem(
  name: string,
): { message: string; suggestion?: string } | undefined {
  if (name === '') {
    return { message: 'Required' };
  }
  if (RESERVED_ENVIRONMENT_NAMES.includes(name)) {
    return {
      message:
        name === 'new'
          ? `"${name}" is reserved by the page that creates environments`
          : `"${name}" is reserved by the service-template pages`,
      suggestion: `${name}-env`,
    };
  }
  if (isValidEnvironmentName(name)) {
    return undefined;
  }
  const suggestion = toEnvironmentName(name);
  return {
    message: `Lower case letters, digits and "-", starting with a letter and ending with a letter or digit, at most ${MAX_ENVIRONMENT_NAME_LENGTH} characters`,
    suggestion: suggestion !== name ? suggestion : undefined,
  };
}

/** Why a duration such as `2h` is not one, or undefined (also when empty). */
export function durationProblem(text: string): string | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  const result = durationSchema.safeParse(text.trim());
  return result.success
    ? undefined
    : result.error.issues.map(issue => issue.message).join('; ');
}

/** The policy the form starts with for a mode: what the backend defaults to. */
export function defaultPolicy(mode: EnvironmentMode): {
  idleAfter: string;
  ttl: string;
} {
  return {
    // Production is never stopped by a policy.
    idleAfter: mode === 'production' ? '' : '2h',
    ttl: mode === 'preview' ? '3d' : '',
  };
}

/** What the form holds. */
export interface NewEnvironmentForm {
  name: string;
  title: string;
  mode: EnvironmentMode;
  system: string;
  owner: string;
  rows: ServiceRow[];
  idleAfter: string;
  ttl: string;
}

/** The body of `POST /environments` for the form. */
export function buildEnvironmentInput(
  form: NewEnvironmentForm,
): EnvironmentInput {
  const policy: Partial<PolicyInput> = {};
  if (form.idleAfter.trim() !== '') {
    policy.idleAfter = form.idleAfter.trim();
  }
  if (form.mode === 'preview' && form.ttl.trim() !== '') {
    policy.ttl = form.ttl.trim();
  }
  const input: EnvironmentInput = {
    name: form.name,
    system: form.system,
    owner: form.owner,
    mode: form.mode,
    services: form.rows.map(row => rowService(row, []).service),
    variables: [],
  };
  if (form.title.trim() !== '') {
    input.title = form.title.trim();
  }
  if (Object.keys(policy).length > 0) {
    input.policy = policy as PolicyInput;
  }
  return input;
}

/** A problem the backend reported, with the path of the field it names. */
export type FieldError = { path: string; message: string };

/**
 * Splits the backend's message (`name: must be …; services[1].image.tag: …`)
 * into one problem per field it names. A part that names no field belongs to
 * the field before it (`owner: …; that needs environments.admin`); leading
 * parts that name no field are left out.
 */
export function fieldErrorsOf(message: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const part of message.split('; ')) {
    // Segments after a dot may hold "-": services are named, e.g.
    // `services.payments-worker.customDomains[0]`.
    const match =
      /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$-]*)*): (.+)$/.exec(
        part.trim(),
      );
    if (match) {
      errors.push({ path: match[1], message: match[2] });
    } else if (errors.length > 0) {
      errors[errors.length - 1].message += `; ${part.trim()}`;
    }
  }
  return errors;
}

/** Whether `path` is `field` or something inside it, e.g. `services[0].name`. */
function isWithin(path: string, field: string): boolean {
  return (
    path === field ||
    path.startsWith(`${field}.`) ||
    path.startsWith(`${field}[`)
  );
}

/**
 * The messages about a field and everything inside it, e.g. `services[0]`,
 * except those about the fields in `exclude` (shown elsewhere).
 */
export function errorFor(
  errors: ReadonlyArray<FieldError>,
  path: string,
  exclude: ReadonlyArray<string> = [],
): string | undefined {
  const messages = errors
    .filter(
      e => isWithin(e.path, path) && !exclude.some(x => isWithin(e.path, x)),
    )
    .map(e => (e.path === path ? e.message : `${e.path}: ${e.message}`));
  return messages.length > 0 ? messages.join('; ') : undefined;
}
