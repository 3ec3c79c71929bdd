import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  formatImageReference,
  EnvironmentStatus,
} from '@greenroom/plugin-environments-common';
import type { ReactNode } from 'react';
import type { ApiEnvironment, ApiService } from '../../api';
import { StatusLabel } from '../EnvironmentChips';

const NONE = '—';

/** `postgresql 16 (container)` for databases, `repository:tag` otherwise. */
export function describeImage(service: ApiService): string {
  if (service.database) {
    const { engine, version, mode, instanceClass } = service.database;
    const where =
      mode === 'managed' && instanceClass ? `managed, ${instanceClass}` : mode;
    return `${engine} ${version} (${where})`;
  }
  return service.image ? formatImageReference(service.image) : NONE;
}

/** `3000 (public), 9090`. */
export function describePorts(service: ApiService): string {
  if (service.ports.length === 0) {
    return NONE;
  }
  return service.ports
    .map(p => (p.public ? `${p.port} (public)` : String(p.port)))
    .join(', ');
}

/** `250m CPU, 256Mi memory, 10Gi storage`. */
export function describeResources(service: ApiService): string {
  const { cpu, memory, storage } = service.resources;
  const parts = [`${cpu} CPU`, `${memory} memory`];
  if (storage) {
    parts.push(`${storage} storage`);
  } else if (service.database?.storageGb) {
    parts.push(`${service.database.storageGb}Gi storage`);
  }
  return parts.join(', ');
}

function columns(
  status: EnvironmentStatus,
): TableColumn<ApiService & { id: string }>[] {
  return [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
    },
    { title: 'Kind', field: 'kind' },
    {
      title: 'Component',
      field: 'componentRef',
      render: ({ componentRef }) =>
        componentRef ? (
          <EntityRefLink entityRef={componentRef} defaultKind="component" />
        ) : (
          NONE
        ),
    },
    {
      title: 'Image',
      render: service => (
        <Typography variant="body2" component="code">
          {describeImage(service)}
        </Typography>
      ),
    },
    { title: 'Ports', render: describePorts },
    { title: 'Replicas', field: 'replicas', type: 'numeric', align: 'left' },
    { title: 'Resources', render: describeResources },
    {
      title: 'Template',
      render: ({ template }) =>
        template ? (
          <>
            <EntityRefLink
              entityRef={template.ref}
              defaultKind="servicetemplate"
            />
            @{template.version}
          </>
        ) : (
          NONE
        ),
    },
    {
      title: 'Status',
      // Per-service status comes from the environment's.
      render: () => <StatusLabel status={status} />,
    },
  ];
}

/** The services of an environment and how each runs. */
export function ServicesTable(props: {
  environment: ApiEnvironment;
  /** Shown beside the title, e.g. an "Add service" button. */
  action?: ReactNode;
}) {
  const { environment, action } = props;
  const title = `Services (${environment.services.length})`;
  // Above the table, not in its heading: the heading names only the table.
  return (
    <>
      {action && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          {action}
        </Box>
      )}
      <Table<ApiService & { id: string }>
        title={title}
        columns={columns(environment.status)}
        data={environment.services.map(service => ({
          ...service,
          id: service.name,
        }))}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            This environment has no services yet.
          </Typography>
        }
        options={{
          search: false,
          paging: false,
          sorting: false,
          padding: 'dense',
          toolbar: true,
        }}
      />
    </>
  );
}
