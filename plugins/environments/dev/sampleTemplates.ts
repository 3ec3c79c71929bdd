import { templateUpgrade } from '@greenroom/plugin-environments-common';
import type {
  AddServiceRequest,
  ApiService,
  ApiEnvironment,
  ListTemplatesQuery,
  ServiceTemplateDetails,
  ServiceTemplateSummary,
  ServiceUpgradePlan,
  TemplateUpgradeInfo,
} from '../src';
import {
  makeTemplateDetails,
  sampleTemplates,
} from '../src/__testUtils__/templates';

/** The sample templates, sorted by title as the backend sorts them. */
const TEMPLATES = [...sampleTemplates].sort((a, b) =>
  a.title.localeCompare(b.title),
);

/** Every known version of a sample template (the current one is the newest). */
function versionsOf(template: ServiceTemplateSummary) {
  const older =
    template.name === 'postgresql'
      ? [
          { version: '2.0.0', lifecycle: 'production' as const },
          { version: '1.2.0', lifecycle: 'deprecated' as const },
        ]
      : [];
  return [
    { version: template.version, lifecycle: template.lifecycle },
    ...older,
  ];
}

export function sampleTemplateList(query: ListTemplatesQuery) {
  const q = query.q?.toLowerCase();
  return {
    items: TEMPLATES.filter(
      t =>
        (!query.type || t.type === query.type) &&
        (!query.engine || t.engine === query.engine) &&
        (!query.lifecycle || t.lifecycle === query.lifecycle) &&
        (!query.owner || t.owner === query.owner) &&
        (!q ||
          `${t.name} ${t.title} ${t.description ?? ''} ${t.tags.join(' ')}`
            .toLowerCase()
            .includes(q)),
    ),
  };
}

function findTemplate(ref: string): ServiceTemplateSummary {
  const template = TEMPLATES.find(t => t.ref === ref);
  if (!template) {
    throw new Error(`No service template ${ref}`);
  }
  return template;
}

export function sampleTemplateDetails(
  namespace: string,
  name: string,
  environments: ApiEnvironment[],
): ServiceTemplateDetails {
  const template = TEMPLATES.find(
    t => t.namespace === namespace && t.name === name,
  );
  if (!template) {
    throw new Error(`No service template ${namespace}/${name}`);
  }
  const versions = versionsOf(template);
  const usage = environments.flatMap(environment =>
    environment.services
      .filter(service => service.template?.ref === template.ref)
      .map(service => ({
        environment: environment.name,
        environmentTitle: environment.title,
        mode: environment.mode,
        service: service.name,
        version: service.template!.version,
        status: templateUpgrade(service.template!, versions).status,
      })),
  );
  return makeTemplateDetails(template, {
    versions: versions.map(v => ({
      ...v,
      firstSeenAt: new Date().toISOString(),
    })),
    usage,
  });
}

/**
 * A simple stand-in for rendering `spec.service` from the parameters, as the
 * API's dry run answers it (secrets as `isSet`).
 */
export function sampleRenderService(request: AddServiceRequest): ApiService {
  const template = findTemplate(request.template);
  const parameters = request.parameters as Record<string, any>;
  const base = {
    name: request.name,
    template: { ref: template.ref, version: template.version },
    replicas: 1,
    customDomains: [],
  };
  if (template.type === 'database') {
    const version = String(parameters.version ?? '16');
    return {
      ...base,
      kind: 'database',
      image: {
        repository: `docker.io/library/${template.engine}`,
        tag: `${version}-alpine`,
      },
      ports: [{ port: 5432, public: false }],
      resources: {
        cpu: '500m',
        memory: '1Gi',
        storage: `${parameters.storageGb ?? 20}Gi`,
      },
      database: {
        engine: 'postgresql',
        version,
        mode: parameters.mode === 'managed' ? 'managed' : 'container',
        storageGb: parameters.storageGb ?? 20,
      },
      variables: [
        { key: 'PGTZ', kind: 'value', value: 'UTC' },
        { key: 'ADMIN_PASSWORD', kind: 'secret', isSet: true },
      ],
    } as ApiService;
  }
  return {
    ...base,
    kind: 'application',
    image: {
      repository: String(parameters.image ?? `ghcr.io/example/${request.name}`),
      tag: 'latest',
    },
    ports: [{ port: Number(parameters.port ?? 8080), public: true }],
    resources: { cpu: '250m', memory: '256Mi' },
    variables: [
      { key: 'PORT', kind: 'value', value: String(parameters.port ?? 8080) },
    ],
  } as ApiService;
}

export function sampleTemplateUpgrades(environment: ApiEnvironment): {
  items: TemplateUpgradeInfo[];
} {
  return {
    items: environment.services.flatMap(service => {
      const template = TEMPLATES.find(t => t.ref === service.template?.ref);
      if (!template || !service.template) {
        return [];
      }
      const { status, latest } = templateUpgrade(
        service.template,
        versionsOf(template),
      );
      return [
        {
          service: service.name,
          template: template.ref,
          version: service.template.version,
          status,
          latest,
        },
      ];
    }),
  };
}

export function sampleUpgradePlan(
  environment: ApiEnvironment,
  serviceName: string,
): ServiceUpgradePlan {
  const info = sampleTemplateUpgrades(environment).items.find(
    item => item.service === serviceName,
  );
  if (!info?.latest || info.status === 'current') {
    throw new Error(`${serviceName} already uses the latest version`);
  }
  return {
    service: serviceName,
    from: info.version,
    to: info.latest,
    changes: [
      { path: 'template.version', before: info.version, after: info.latest },
      { path: 'resources.memory', before: '512Mi', after: '1Gi' },
    ],
  };
}
