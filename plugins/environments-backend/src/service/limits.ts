import { InputError } from '@backstage/errors';
import {
  EnvironmentMode,
  Runtime,
  parseCpuCores,
  parseDuration,
  parseMemoryGb,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentLimits } from '../config';

// Pure checks of a request against `environments.limits` (read in config.ts).
// Each throws an InputError whose message names the field and the config key.

const KEY = 'environments.limits';

/** The parts of a service the limits look at. */
interface ServiceShape {
  name: string;
  resources: { cpu: string; memory: string; storage?: string };
  replicas: number;
  database?: { instanceClass?: string; storageGb?: number };
  customDomains: string[];
  variables: unknown[];
}

/** A `ttl` (policy or clone) longer than the mode's maximum lifetime. */
export function checkTtl(
  limits: EnvironmentLimits,
  mode: EnvironmentMode,
  ttl: string,
  field: string,
) {
  const max = limits.maxLifetime[mode];
  if (max && parseDuration(ttl) > max.ms) {
    throw new InputError(
      `${field}: at most ${max.text} for ${mode} environments (${KEY}.maxLifetime.${mode})`,
    );
  }
}

/** An expiry later than now plus the mode's maximum lifetime. */
export function checkExpiry(
  limits: EnvironmentLimits,
  mode: EnvironmentMode,
  expiresAtMs: number,
  nowMs: number,
  field: string,
) {
  const max = limits.maxLifetime[mode];
  if (max && expiresAtMs > nowMs + max.ms) {
    throw new InputError(
      `${field}: the expiry would be ${new Date(
        expiresAtMs,
      ).toISOString()}, but ${mode} environments expire at most ${
        max.text
      } from now (${KEY}.maxLifetime.${mode})`,
    );
  }
}

/** Now plus the mode's maximum lifetime: the expiry of one that asks for none. */
export function latestExpiry(
  limits: EnvironmentLimits,
  mode: EnvironmentMode,
  nowMs: number,
): string | undefined {
  const max = limits.maxLifetime[mode];
  return max ? new Date(nowMs + max.ms).toISOString() : undefined;
}

export function checkPriority(
  limits: EnvironmentLimits,
  mode: EnvironmentMode,
  priority: number | undefined,
) {
  const max = limits.maxPriority[mode];
  if (priority !== undefined && priority > max) {
    throw new InputError(
      `policy.priority: at most ${max} for ${mode} environments (${KEY}.maxPriority.${mode})`,
    );
  }
}

/** A named `runtime.target` must be allowed; none means the runtime's default. */
export function checkRuntimeTarget(
  limits: EnvironmentLimits,
  runtime: Runtime,
) {
  if (runtime.target === undefined) return;
  const { allowed, key } = limits.runtimeTargets;
  if (!allowed.includes(runtime.target)) {
    throw new InputError(
      `runtime.target: '${runtime.target}' is not an allowed target; ${
        allowed.length > 0
          ? `allowed: ${allowed.join(', ')}`
          : 'none is configured'
      } (${key})`,
    );
  }
}

/** What drives cost: counts, resources, replicas and database classes. */
export function checkCostLimits(
  limits: EnvironmentLimits,
  environment: {
    mode: EnvironmentMode;
    services: ServiceShape[];
    variables: unknown[];
  },
) {
  const { mode, services, variables } = environment;
  if (services.length > limits.maxServices) {
    throw new InputError(
      `services: at most ${limits.maxServices} services per environment (${KEY}.maxServices)`,
    );
  }
  if (variables.length > limits.maxVariables) {
    throw new InputError(
      `variables: at most ${limits.maxVariables} variables per environment (${KEY}.maxVariables)`,
    );
  }
  for (const service of services) {
    const at = `services.${service.name}`;
    if (service.variables.length > limits.maxVariables) {
      throw new InputError(
        `${at}.variables: at most ${limits.maxVariables} variables per service (${KEY}.maxVariables)`,
      );
    }
    if (parseCpuCores(service.resources.cpu) > limits.maxCpu.value) {
      throw new InputError(
        `${at}.resources.cpu: at most ${limits.maxCpu.text} cores (${KEY}.maxCpu)`,
      );
    }
    if (parseMemoryGb(service.resources.memory) > limits.maxMemory.value) {
      throw new InputError(
        `${at}.resources.memory: at most ${limits.maxMemory.text} (${KEY}.maxMemory)`,
      );
    }
    if (
      service.resources.storage !== undefined &&
      parseMemoryGb(service.resources.storage) > limits.maxStorage.value
    ) {
      throw new InputError(
        `${at}.resources.storage: at most ${limits.maxStorage.text} (${KEY}.maxStorage)`,
      );
    }
    const storageGb = service.database?.storageGb;
    if (storageGb !== undefined && storageGb > limits.maxStorage.value) {
      throw new InputError(
        `${at}.database.storageGb: at most ${limits.maxStorage.text} (${KEY}.maxStorage)`,
      );
    }
    if (service.replicas > limits.maxReplicas) {
      throw new InputError(
        `${at}.replicas: at most ${limits.maxReplicas} (${KEY}.maxReplicas)`,
      );
    }
    const instanceClass = service.database?.instanceClass;
    const classes = limits.managedDatabaseClasses[mode];
    if (instanceClass !== undefined && !classes.includes(instanceClass)) {
      throw new InputError(
        `${at}.database.instanceClass: '${instanceClass}' is not allowed for ${mode} environments; allowed: ${
          classes.join(', ') || 'none'
        } (${KEY}.managedDatabaseClasses.${mode})`,
      );
    }
  }
}

/** A custom domain the request adds, with where it is written. */
export interface NewCustomDomain {
  host: string;
  /** e.g. `services.web.customDomains[0]` */
  field: string;
}

/**
 * Checks the custom domains that `services` add to the environment (hosts it
 * already has are left alone, so a narrower config does not block unrelated
 * edits) and returns them, for the uniqueness check against the store.
 *
 * A host under the generated base domain must be derived from the
 * environment's own name (`<environment>.<base>` or `<x>-<environment>.<base>`),
 * as generated hosts are; any other host must be under an allowed suffix.
 */
export function checkCustomDomains(
  limits: EnvironmentLimits,
  baseDomain: string | undefined,
  environmentName: string,
  services: Array<Pick<ServiceShape, 'name' | 'customDomains'>>,
  existing: ReadonlySet<string> = new Set(),
): NewCustomDomain[] {
  const added: NewCustomDomain[] = [];
  const seen = new Map<string, string>();
  for (const service of services) {
    service.customDomains.forEach((host, i) => {
      const field = `services.${service.name}.customDomains[${i}]`;
      const twin = seen.get(host);
      if (twin) {
        throw new InputError(`${field}: domain '${host}' is also in ${twin}`);
      }
      seen.set(host, field);
      if (existing.has(host)) return;
      if (baseDomain && isUnder(host, baseDomain)) {
        const label = host.slice(0, -(baseDomain.length + 1));
        if (
          label !== environmentName &&
          !(label.endsWith(`-${environmentName}`) && !label.includes('.'))
        ) {
          throw new InputError(
            `${field}: domain '${host}' is under the generated base domain ${baseDomain}, where environment '${environmentName}' may only use ${environmentName}.${baseDomain} or <name>-${environmentName}.${baseDomain} (environments.kubernetes.ingress.baseDomain)`,
          );
        }
      } else if (!limits.customDomainSuffixes.some(s => isUnder(host, s))) {
        throw new InputError(
          `${field}: domain '${host}' is not under an allowed suffix (${KEY}.customDomainSuffixes)`,
        );
      }
      added.push({ host, field });
    });
  }
  return added;
}

function isUnder(host: string, suffix: string) {
  return host === suffix || host.endsWith(`.${suffix}`);
}
