/**
 * A Kubernetes object as we render and read it: plain JSON, so rendering stays
 * pure and comparable, independent of the client's generated classes.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** A JSON object (not an array): what to check before reading fields of unknown JSON. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What rendering needs besides the environment, from app-config. */
export interface RenderOptions {
  /** Namespaces are `<prefix><environment>`; from the cluster config. */
  namespacePrefix: string;
  /** `environments.installationId`: labelled on every object. */
  installationId: string;
  /** The cluster's DNS domain, for names across namespaces; `cluster.local` when unset. */
  clusterDomain?: string;
  ingress?: {
    /** Public ports without custom domains get `<service>-<env>.<baseDomain>`. */
    baseDomain?: string;
    /** `spec.ingressClassName` of every Ingress. */
    className?: string;
  };
}

/**
 * Objects are applied tier by tier: configuration and Services first, then
 * databases, then the workloads that connect to them.
 */
export type Tier = 'config' | 'databases' | 'workloads';

/** The tier of each kind the renderer writes (the benchmark counts by it too). */
export const TIER_OF_KIND: Readonly<Record<string, Tier>> = {
  ConfigMap: 'config',
  Secret: 'config',
  Service: 'config',
  StatefulSet: 'databases',
  Deployment: 'workloads',
  Job: 'workloads',
  Ingress: 'workloads',
};

export interface RenderedObject {
  tier: Tier;
  /** The service it belongs to, when it belongs to one. */
  service?: string;
  object: KubeObject;
}

/** A service as the runtime tracks it after rendering. */
export interface RenderedService {
  name: string;
  /** The object whose status tells whether the service runs. */
  workload?: { kind: 'Deployment' | 'StatefulSet' | 'Job'; name: string };
  replicas: number;
  /** Public URLs, from the Ingress hosts. */
  urls: string[];
  /** In-cluster URLs, from the Service's DNS name. */
  internalUrls: string[];
}

export interface RenderedEnvironment {
  namespace: KubeObject;
  objects: RenderedObject[];
  services: RenderedService[];
  /** Managed databases: provisioned elsewhere, not rendered here. */
  skipped: string[];
}

/** `Deployment/orders-api`: how plans, checkpoints and messages name objects. */
export function objectKey(object: Pick<KubeObject, 'kind' | 'metadata'>) {
  return `${object.kind}/${object.metadata.name}`;
}
