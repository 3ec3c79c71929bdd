import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { runningImageWhenDifferent } from '@greenroom/plugin-environments-common';
import type { ReactNode } from 'react';
import type { ApiEnvironment, ApiService } from '../../api';
import {
  describeImage,
  describePorts,
  describeResources,
} from '../../lib/describeService';
import { environmentsTranslationRef } from '../../translation';
import { ServiceAddresses } from './ServiceAddresses';
import { ServiceObservedStatus } from './ServiceObservedStatus';

type Row = ApiService & { id: string };

/** The image asked for and, during a rollout, the one that runs. */
function Image(props: { service: ApiService }) {
  const { service } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const running = runningImageWhenDifferent(service);
  return (
    <>
      <Typography variant="body2" component="code">
        {describeImage(service)}
      </Typography>
      {running && (
        <Tooltip title={t('servicesTable.runningImageHelp')}>
          <Typography variant="caption" component="div" color="textSecondary">
            {t('servicesTable.runningImage', { image: running })}
          </Typography>
        </Tooltip>
      )}
    </>
  );
}

function useColumns(): TableColumn<Row>[] {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const none = t('common.none');
  return [
    {
      title: t('servicesTable.name'),
      field: 'name',
      highlight: true,
      cellStyle: { whiteSpace: 'nowrap' },
    },
    { title: t('servicesTable.kind'), field: 'kind' },
    {
      title: t('servicesTable.component'),
      field: 'componentRef',
      render: ({ componentRef }) =>
        componentRef ? (
          <EntityRefLink entityRef={componentRef} defaultKind="component" />
        ) : (
          none
        ),
    },
    {
      title: t('servicesTable.status'),
      render: service => <ServiceObservedStatus service={service} />,
      // Room for "running" and "2/2 ready" on one line each.
      cellStyle: { minWidth: 150 },
    },
    {
      title: t('servicesTable.addresses'),
      render: service => <ServiceAddresses service={service} />,
      // Addresses are what people come for: wide enough to read.
      cellStyle: { minWidth: 280 },
    },
    {
      title: t('servicesTable.image'),
      render: service => <Image service={service} />,
    },
    { title: t('servicesTable.ports'), render: describePorts },
    {
      title: t('servicesTable.replicas'),
      field: 'replicas',
      type: 'numeric',
      align: 'left',
    },
    { title: t('servicesTable.resources'), render: describeResources },
    {
      title: t('servicesTable.template'),
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
          none
        ),
    },
  ];
}

/** The services of an environment, how each is asked to run and how it runs. */
export function ServicesTable(props: {
  environment: ApiEnvironment;
  /** Shown beside the title, e.g. an "Add service" button. */
  action?: ReactNode;
}) {
  const { environment, action } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const columns = useColumns();
  // Above the table, not in its heading: the heading names only the table.
  return (
    <>
      {action && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          {action}
        </Box>
      )}
      <Table<Row>
        title={t('servicesTable.title', {
          count: environment.services.length,
        })}
        columns={columns}
        data={environment.services.map(service => ({
          ...service,
          id: service.name,
        }))}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            {t('servicesTable.empty')}
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
