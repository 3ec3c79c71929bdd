import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_IMAGE,
  ANNOTATION_PORTS,
} from '../constants';
import {
  MAX_SERVICE_NAME_LENGTH,
  shortHash,
  toEnvironmentName,
} from '../naming';
import { pullRequestSchema } from '../schemas/environment';
import {
  DEFAULT_SERVICE_RESOURCES,
  ServiceInput,
  serviceInputSchema,
} from '../schemas/service';
import { formatZodError } from '../zodErrors';

/**
 * Turning a Component of the software catalog into a service of an
 * environment. Pure: no I/O, never throws on bad annotation values.
 */

/** The container image of a service: `repository` and an optional `tag`. @public */
export type ServiceImage = NonNullable<ServiceInput['image']>;
/** The ports of a service; the first one is public. @public */
export type ServicePorts = ServiceInput['ports'];

/** What a parser makes of a text: the value, or why it could not. @public */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string };

const imageSchema = serviceInputSchema.shape.image.unwrap();
const repositorySlugSchema = pullRequestSchema.shape.repository;

/**
 * Parses an image reference such as `ghcr.io/acme/shop:1.4.2`, `redis` or
 * `localhost:5000/app:1.0`. The tag is what follows the last `:` after the
 * last `/`, so a registry port (`localhost:5000/app`) is not taken for a tag.
 * Digests (`app@sha256:…`) are not supported: services run tags.
 *
 * @public
 */
export function parseImageReference(text: string): ParseResult<ServiceImage> {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') {
    return { ok: false, error: 'is empty' };
  }
  if (trimmed.includes('@')) {
    return {
      ok: false,
      error: 'has a digest; use a tag such as "1.4.2" instead',
    };
  }
  const lastColon = trimmed.lastIndexOf(':');
  const lastSlash = trimmed.lastIndexOf('/');
  const image: ServiceImage =
    lastColon > lastSlash
      ? {
          repository: trimmed.slice(0, lastColon),
          tag: trimmed.slice(lastColon + 1),
        }
      : { repository: trimmed };
  const result = imageSchema.safeParse(image);
  if (!result.success) {
    return { ok: false, error: formatZodError(result.error) };
  }
  return { ok: true, value: result.data };
}

/** `ghcr.io/acme/shop:1.4.2`, or the repository alone when there is no tag. @public */
export function formatImageReference(image: ServiceImage): string {
  return image.tag ? `${image.repository}:${image.tag}` : image.repository;
}

/**
 * Parses a port list such as `8080` or `80,9090` (spaces allowed around the
 * commas). The first port is public, the others are internal.
 *
 * @public
 */
export function parsePortList(text: string): ParseResult<ServicePorts> {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') {
    return { ok: false, error: 'is empty' };
  }
  const ports: ServicePorts = [];
  for (const part of trimmed.split(',').map(p => p.trim())) {
    if (!/^\d+$/.test(part)) {
      return {
        ok: false,
        error: `${JSON.stringify(
          part,
        )} is not a port number; write ports as "8080" or "80,9090"`,
      };
    }
    const port = Number(part);
    if (port < 1 || port > 65535) {
      return {
        ok: false,
        error: `${port} is not between 1 and 65535`,
      };
    }
    if (ports.some(p => p.port === port)) {
      return { ok: false, error: `${port} is listed twice` };
    }
    ports.push({ port, public: ports.length === 0 });
  }
  return { ok: true, value: ports };
}

/** `80,9090`: the text {@link parsePortList} reads back. @public */
export function formatPortList(ports: ReadonlyArray<{ port: number }>): string {
  return ports.map(p => p.port).join(',');
}

/**
 * Turns any text (a Component name, a user's input) into a valid, stable
 * service name: a DNS label of at most 22 characters.
 *
 * Uses the environment naming rules (lower case, accents transliterated,
 * other characters replaced by `-`); a name starting with a digit gets the
 * `svc-` prefix; a name longer than 22 characters is cut and suffixed with
 * `-` and a 6-character hash of the full input, so Components that share a
 * long prefix still get different names. Same input, same name.
 *
 * @public
 */
export function toServiceName(input: string): string {
  const text = String(input).trim();
  const name = toEnvironmentName(/^[0-9]/.test(text) ? `svc-${text}` : text);
  if (name.length <= MAX_SERVICE_NAME_LENGTH) {
    return name;
  }
  const hash = shortHash(text);
  const keep = MAX_SERVICE_NAME_LENGTH - hash.length - 1;
  return `${name.slice(0, keep).replace(/-+$/, '')}-${hash}`;
}

/**
 * A Component turned into a service, and what the form still has to ask for.
 *
 * @public
 */
export type ServiceFromComponentResult = {
  service: ServiceInput;
  /**
   * One entry per field the annotations could not fill, each naming the
   * field first, e.g. `image: no greenroom.dev/image annotation` or
   * `ports: greenroom.dev/ports "80,x" …`. Empty when nothing is missing.
   */
  missing: string[];
};

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function specType(entity: Entity): string | undefined {
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type.toLocaleLowerCase('en-US') : undefined;
}

/**
 * Turns a Component of the software catalog into a service of an
 * environment, with defaults from its annotations:
 *
 * - `name`: the entity name made a valid service name ({@link toServiceName});
 * - `componentRef`: the entity ref of the Component;
 * - `kind`: `job` for `spec.type: job`, otherwise `application`;
 * - `image` from `greenroom.dev/image` (`repository[:tag]`);
 * - `ports` from `greenroom.dev/ports` (`8080` or `80,9090`, the first public);
 * - `git.repository` from `github.com/project-slug` (`owner/name`);
 * - one replica, default resources, no domains, no variables.
 *
 * What is absent or unreadable is left out of the service and listed in
 * `missing` with the reason, for the form to ask; bad values never throw.
 * The image is always asked for when absent, ports only for applications
 * (a job needs none). `greenroom.dev/service-template` is not applied here:
 * using a template needs its version, which only the catalog knows.
 *
 * @public
 */
export function serviceFromComponent(
  entity: Entity,
): ServiceFromComponentResult {
  const missing: string[] = [];
  const kind = specType(entity) === 'job' ? 'job' : 'application';
  const service: ServiceInput = {
    name: toServiceName(entity.metadata.name),
    kind,
    componentRef: stringifyEntityRef(entity),
    ports: [],
    resources: { ...DEFAULT_SERVICE_RESOURCES },
    replicas: 1,
    customDomains: [],
    variables: [],
  };

  const imageText = annotation(entity, ANNOTATION_IMAGE);
  if (imageText === undefined) {
    missing.push(`image: no ${ANNOTATION_IMAGE} annotation`);
  } else {
    const image = parseImageReference(imageText);
    if (image.ok) {
      service.image = image.value;
    } else {
      missing.push(
        `image: ${ANNOTATION_IMAGE} ${JSON.stringify(
          imageText,
        )} is not an image reference (${image.error})`,
      );
    }
  }

  const portsText = annotation(entity, ANNOTATION_PORTS);
  if (portsText === undefined) {
    if (kind === 'application') {
      missing.push(`ports: no ${ANNOTATION_PORTS} annotation`);
    }
  } else {
    const ports = parsePortList(portsText);
    if (ports.ok) {
      service.ports = ports.value;
    } else {
      missing.push(
        `ports: ${ANNOTATION_PORTS} ${JSON.stringify(
          portsText,
        )} is not a port list (${ports.error})`,
      );
    }
  }

  const slug = annotation(entity, ANNOTATION_GITHUB_PROJECT_SLUG);
  if (slug !== undefined) {
    if (repositorySlugSchema.safeParse(slug).success) {
      service.git = { repository: slug };
    } else {
      missing.push(
        `git: ${ANNOTATION_GITHUB_PROJECT_SLUG} ${JSON.stringify(
          slug,
        )} is not a repository such as "owner/name"`,
      );
    }
  }

  return { service, missing };
}
