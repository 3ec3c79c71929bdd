import type { Environment } from '../../schemas/environment';
import type { Service } from '../../schemas/service';

/** A service with the schema's defaults, for tests. */
export function testService(
  name: string,
  kind: Service['kind'],
  extra: Partial<Service> = {},
): Service {
  return {
    name,
    kind,
    ports: [],
    resources: { cpu: '250m', memory: '256Mi' },
    replicas: 1,
    customDomains: [],
    variables: [],
    ...extra,
  };
}

/** A stored environment around the given parts, for tests. */
export function testEnvironment(
  name: string,
  extra: Partial<Environment> = {},
): Environment {
  return {
    id: `id-${name}`,
    name,
    title: `${name} title`,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'staging',
    runtime: { type: 'kubernetes', target: 'eu-1' },
    services: [],
    variables: [],
    policy: { idleAfter: '2h', priority: 70 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    attention: [],
    lastActivityAt: '2026-03-02T09:00:00.000Z',
    createdBy: 'user:default/ada',
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    revision: 1,
    ...extra,
  };
}
