import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import type { ServiceTemplateDetails, ServiceTemplateSummary } from '../api';
import { TEST_BACKEND_URL } from './testApp';

/** A template summary as `GET /templates` lists it. */
export function makeTemplate(
  overrides: Partial<ServiceTemplateSummary> &
    Pick<ServiceTemplateSummary, 'name'>,
): ServiceTemplateSummary {
  const namespace = overrides.namespace ?? 'default';
  return {
    ref: `servicetemplate:${namespace}/${overrides.name}`,
    namespace,
    title: overrides.name,
    tags: [],
    owner: 'group:default/platform',
    type: 'application',
    version: '1.0.0',
    lifecycle: 'production',
    links: [],
    usageCount: 0,
    ...overrides,
  };
}

/** The PostgreSQL example template (examples/service-templates/postgresql.yaml). */
export const postgresqlTemplate = makeTemplate({
  name: 'postgresql',
  title: 'PostgreSQL',
  description:
    'PostgreSQL database: a container for development and previews, or managed RDS.',
  tags: ['database', 'postgresql', 'sql'],
  type: 'database',
  engine: 'postgresql',
  version: '2.1.0',
  usageCount: 3,
  links: [
    {
      url: 'https://www.postgresql.org/docs/16/index.html',
      title: 'PostgreSQL documentation',
      icon: 'docs',
    },
  ],
  parameters: {
    type: 'object',
    required: ['name', 'version', 'mode'],
    properties: {
      name: {
        title: 'Service name',
        type: 'string',
        pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$',
        maxLength: 22,
        default: 'db',
      },
      version: {
        title: 'PostgreSQL version',
        type: 'string',
        enum: ['14', '15', '16'],
        default: '16',
      },
      mode: {
        title: 'Mode',
        description: 'container runs PostgreSQL next to the services.',
        type: 'string',
        enum: ['container', 'managed'],
        default: 'container',
      },
      storageGb: {
        title: 'Storage (GB)',
        type: 'integer',
        minimum: 5,
        maximum: 1000,
        default: 20,
      },
    },
  },
});

/** An application template with a required parameter that has no default. */
export const nodeApiTemplate = makeTemplate({
  name: 'node-api',
  title: 'Node.js API',
  description: 'A Node.js HTTP service from a container image.',
  tags: ['node', 'http'],
  type: 'application',
  engine: 'node',
  version: '3.0.1',
  lifecycle: 'experimental',
  owner: 'group:default/team-shop',
  parameters: {
    type: 'object',
    required: ['image'],
    properties: {
      image: {
        title: 'Image',
        description: 'Container image repository',
        type: 'string',
      },
      port: { title: 'Port', type: 'integer', default: 3000 },
    },
  },
});

/** The deprecated 1.x line of PostgreSQL. */
export const legacyPostgresqlTemplate = makeTemplate({
  name: 'postgresql-legacy',
  title: 'PostgreSQL (legacy 1.x)',
  description: 'Deprecated. PostgreSQL 12 and 13 in a container only.',
  tags: ['database', 'deprecated'],
  type: 'database',
  engine: 'postgresql',
  version: '1.4.2',
  lifecycle: 'deprecated',
  usageCount: 1,
  parameters: {
    type: 'object',
    required: ['version'],
    properties: {
      version: { type: 'string', enum: ['12', '13'], default: '13' },
    },
  },
});

export const redisTemplate = makeTemplate({
  name: 'redis',
  title: 'Redis',
  description: 'An in-memory cache.',
  tags: ['cache'],
  type: 'cache',
  engine: 'redis',
  version: '1.2.0',
});

export const sampleTemplates = [
  nodeApiTemplate,
  postgresqlTemplate,
  legacyPostgresqlTemplate,
  redisTemplate,
];

/** `GET /templates/{namespace}/{name}` for a template. */
export function makeTemplateDetails(
  template: ServiceTemplateSummary,
  overrides: Partial<Omit<ServiceTemplateDetails, 'template'>> = {},
): ServiceTemplateDetails {
  return {
    template: { ...template, service: { kind: 'container' } },
    versions: [
      {
        version: template.version,
        lifecycle: template.lifecycle,
        firstSeenAt: new Date().toISOString(),
      },
    ],
    usage: [],
    ...overrides,
  };
}

/**
 * Answers `GET /templates` by filtering `templates` the way the backend does,
 * and `GET /templates/{namespace}/{name}` from `details` (404 otherwise).
 * Records each list request's query.
 */
export function serveTemplates(
  server: SetupServer,
  templates: ServiceTemplateSummary[],
  details: ServiceTemplateDetails[] = [],
): URLSearchParams[] {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(`${TEST_BACKEND_URL}/templates`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params);
      const q = params.get('q')?.toLowerCase();
      const items = templates.filter(
        t =>
          (!params.get('type') || t.type === params.get('type')) &&
          (!params.get('engine') || t.engine === params.get('engine')) &&
          (!params.get('lifecycle') ||
            t.lifecycle === params.get('lifecycle')) &&
          (!params.get('owner') || t.owner === params.get('owner')) &&
          (!q ||
            t.name.includes(q) ||
            t.title.toLowerCase().includes(q) ||
            t.tags.includes(q)),
      );
      return HttpResponse.json({ items });
    }),
    http.get(`${TEST_BACKEND_URL}/templates/:namespace/:name`, ({ params }) => {
      const found = details.find(
        d =>
          d.template.namespace === params.namespace &&
          d.template.name === params.name,
      );
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json(
            {
              error: {
                name: 'NotFoundError',
                message: `No service template ${params.namespace}/${params.name}`,
              },
              response: { statusCode: 404 },
            },
            { status: 404 },
          );
    }),
  );
  return requests;
}
