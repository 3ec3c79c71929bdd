/**
 * The API resources the Kubernetes API double serves, and the small pieces of
 * API machinery it needs: label selectors and JSON merge patches.
 */

export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Has a `/scale` subresource. */
  scalable?: boolean;
}

export const RESOURCE_TYPES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
  },
  {
    group: '',
    version: 'v1',
    plural: 'services',
    kind: 'Service',
    namespaced: true,
  },
  {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    kind: 'ConfigMap',
    namespaced: true,
  },
  {
    group: '',
    version: 'v1',
    plural: 'secrets',
    kind: 'Secret',
    namespaced: true,
  },
  { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  {
    group: '',
    version: 'v1',
    plural: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    scalable: true,
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
    scalable: true,
  },
  {
    group: 'batch',
    version: 'v1',
    plural: 'jobs',
    kind: 'Job',
    namespaced: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
  },
];

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The discovery document of one group version, as the client reads it. */
export function discovery(groupVersion: string) {
  const types = RESOURCE_TYPES.filter(t => apiVersionOf(t) === groupVersion);
  if (types.length === 0) return undefined;
  const verbs = ['create', 'delete', 'get', 'list', 'patch', 'update'];
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.flatMap(t => [
      {
        name: t.plural,
        singularName: t.kind.toLowerCase(),
        namespaced: t.namespaced,
        kind: t.kind,
        verbs,
      },
      ...(t.scalable
        ? [
            {
              name: `${t.plural}/scale`,
              singularName: '',
              namespaced: true,
              group: 'autoscaling',
              version: 'v1',
              kind: 'Scale',
              verbs: ['get', 'patch', 'update'],
            },
          ]
        : []),
    ]),
  };
}

type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

/** Splits on commas outside parentheses: `a in (x,y),b=c`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

/** Equality- and set-based label selectors, as the API server reads them. */
export function parseLabelSelector(text: string | null): Requirement[] {
  if (!text) return [];
  return splitTopLevel(text).map(part => {
    const set = part.match(/^(\S+)\s+(in|notin)\s+\((.*)\)$/);
    if (set) {
      return {
        key: set[1],
        op: set[2] as 'in' | 'notin',
        values: set[3].split(',').map(v => v.trim()),
      };
    }
    const neq = part.match(/^([^!=]+)!=(.*)$/);
    if (neq) return { key: neq[1].trim(), op: '!=', value: neq[2].trim() };
    const eq = part.match(/^([^!=]+)==?(.*)$/);
    if (eq) return { key: eq[1].trim(), op: '=', value: eq[2].trim() };
    if (part.startsWith('!'))
      return { key: part.slice(1).trim(), op: '!exists' };
    return { key: part, op: 'exists' };
  });
}

export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: Requirement[],
): boolean {
  const l = labels ?? {};
  return selector.every(r => {
    switch (r.op) {
      case '=':
        return l[r.key] === r.value;
      case '!=':
        return l[r.key] !== r.value;
      case 'in':
        return r.key in l && r.values.includes(l[r.key]);
      case 'notin':
        return !(r.key in l) || !r.values.includes(l[r.key]);
      case 'exists':
        return r.key in l;
      case '!exists':
        return !(r.key in l);
      default:
        return false;
    }
  });
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch: objects merge, null deletes, the rest replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, any> = isPlainObject(target)
    ? { ...target }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}

export function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** Deterministic random numbers (mulberry32), for reproducible fault runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
