import type { Service, ServiceInput } from '../schemas/service';
import { CloneReport, attention } from './cloneReport';
import { copyVariables } from './copyVariables';
import { defined } from './defined';

function describeService(service: Service): string {
  const parts: string[] = [service.kind];
  if (service.image) {
    parts.push(
      `${service.image.repository}${
        service.image.tag ? `:${service.image.tag}` : ''
      }`,
    );
  }
  if (service.database) {
    parts.push(
      `${service.database.engine} ${service.database.version} (${service.database.mode})`,
    );
  }
  parts.push(`${service.replicas} replica${service.replicas === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** Everything but custom domains (listed in attention) and secrets. */
export function copyService(
  report: CloneReport,
  service: Service,
): ServiceInput {
  report.diff.push({
    kind: 'copied',
    path: `services.${service.name}`,
    to: describeService(service),
  });
  for (const domain of service.customDomains) {
    attention(
      report,
      `domain:${domain}`,
      `services.${service.name}.customDomains`,
      `custom domains stay with ${report.source.name}: add one for the clone if it needs it`,
      domain,
    );
  }
  return defined({
    name: service.name,
    kind: service.kind,
    componentRef: service.componentRef,
    template: service.template && { ...service.template },
    image: service.image && defined({ ...service.image }),
    git: service.git && defined({ ...service.git }),
    ports: service.ports.map(({ port, public: isPublic }) => ({
      port,
      public: isPublic,
    })),
    resources: defined({ ...service.resources }),
    replicas: service.replicas,
    database: service.database && defined({ ...service.database }),
    customDomains: [],
    variables: copyVariables(report, service.variables, service.name),
  });
}
