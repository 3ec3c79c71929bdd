/** The apiVersion of the Greenroom catalog entity kinds. @public */
export const GREENROOM_API_VERSION = 'greenroom.dev/v1alpha1';

// Component annotations that give a service its defaults when the Component
// is picked from the software catalog.

/** Container image of a Component, `repository[:tag]`. @public */
export const ANNOTATION_IMAGE = 'greenroom.dev/image';
/** Ports a Component listens on, `8080` or `80,9090`. @public */
export const ANNOTATION_PORTS = 'greenroom.dev/ports';
/** A ServiceTemplate entity ref to start a Component's service from. @public */
export const ANNOTATION_SERVICE_TEMPLATE = 'greenroom.dev/service-template';
/** The environment that previews of a Component's pull requests are based on. @public */
export const ANNOTATION_PREVIEW_BASE = 'greenroom.dev/preview-base';
/**
 * Where a Component's repository keeps its preview blueprint (a path from the
 * repository's root); {@link DEFAULT_PREVIEW_BLUEPRINT_PATH} when absent.
 *
 * @public
 */
export const ANNOTATION_PREVIEW_BLUEPRINT = 'greenroom.dev/preview-blueprint';
/** Where a preview blueprint is looked for when the Component does not say. @public */
export const DEFAULT_PREVIEW_BLUEPRINT_PATH = '.greenroom/preview.yaml';
/** The GitHub repository of a Component, `owner/name` (the well-known Backstage annotation). @public */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/** @public */
export const ENVIRONMENT_MODES = [
  'production',
  'staging',
  'development',
  'preview',
] as const;
/** @public */
export type EnvironmentMode = (typeof ENVIRONMENT_MODES)[number];

/** What the engine observes. @public */
export const ENVIRONMENT_STATUSES = [
  'provisioning',
  'running',
  'stopping',
  'stopped',
  'starting',
  'deleting',
  'deleted',
  'failed',
  'degraded',
] as const;
/** @public */
export type EnvironmentStatus = (typeof ENVIRONMENT_STATUSES)[number];

/** What a runtime observes of one service. @public */
export const SERVICE_PHASES = [
  'pending',
  'running',
  'stopped',
  'failed',
  'unknown',
] as const;
/** @public */
export type ServicePhase = (typeof SERVICE_PHASES)[number];

/** What the user asked for; the engine drives the status towards it. @public */
export const DESIRED_STATES = ['running', 'stopped', 'deleted'] as const;
/** @public */
export type DesiredState = (typeof DESIRED_STATES)[number];

/** @public */
export const SERVICE_KINDS = [
  'application',
  'container',
  'database',
  'job',
] as const;
/** @public */
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** @public */
export const DATABASE_ENGINES = [
  'postgresql',
  'mysql',
  'redis',
  'mongodb',
] as const;
/** @public */
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

/** @public */
export const DATABASE_MODES = ['container', 'managed'] as const;
/** @public */
export type DatabaseMode = (typeof DATABASE_MODES)[number];

/** `builtin` variables are computed, never stored nor accepted as input. @public */
export const VARIABLE_KINDS = ['value', 'secret', 'alias', 'builtin'] as const;
/** @public */
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/**
 * What an environment that shares a base does with the base's databases it
 * does not deploy itself: `clone` deploys its own (the default), `share`
 * reaches the base's, so writes land in the base.
 *
 * @public
 */
export const BASELINE_DATABASE_POLICIES = ['clone', 'share'] as const;
/** @public */
export type BaselineDatabasePolicy =
  (typeof BASELINE_DATABASE_POLICIES)[number];

/** @public */
export const ORIGIN_TYPES = ['manual', 'clone', 'preview', 'seed'] as const;
/** @public */
export type OriginType = (typeof ORIGIN_TYPES)[number];

/** @public */
export const OPERATION_TYPES = [
  'create',
  'clone',
  'update',
  'stop',
  'start',
  'destroy',
  'extend',
] as const;
/** @public */
export type OperationType = (typeof OPERATION_TYPES)[number];

/** @public */
export const OPERATION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
/** @public */
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** @public */
export const SERVICE_TEMPLATE_TYPES = [
  'application',
  'database',
  'cache',
  'queue',
  'job',
  'static-site',
] as const;
/** @public */
export type ServiceTemplateType = (typeof SERVICE_TEMPLATE_TYPES)[number];

/** @public */
export const SERVICE_TEMPLATE_LIFECYCLES = [
  'experimental',
  'production',
  'deprecated',
] as const;
/** @public */
export type ServiceTemplateLifecycle =
  (typeof SERVICE_TEMPLATE_LIFECYCLES)[number];

/** Default port of each database engine, used when a database service lists none. @public */
export const DATABASE_DEFAULT_PORTS: Record<DatabaseEngine, number> = {
  postgresql: 5432,
  mysql: 3306,
  redis: 6379,
  mongodb: 27017,
};
