import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import type { ServiceTemplateUsage } from '../../api';
import { environmentRouteRef } from '../../routes';
import { environmentsTranslationRef } from '../../translation';
import { UpgradeStatusChip } from '../TemplateChips';

type Row = ServiceTemplateUsage & { id: string };

/** The services built from a template: environment, service, version, upgrade status. */
export function UsageTable(props: { usage: ServiceTemplateUsage[] }) {
  const environmentLink = useRouteRef(environmentRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const columns: TableColumn<Row>[] = [
    {
      title: t('templateUsage.environment'),
      highlight: true,
      render: row => (
        <>
          {environmentLink ? (
            <Link to={environmentLink({ name: row.environment })}>
              {row.environment}
            </Link>
          ) : (
            row.environment
          )}
          {row.environmentTitle && row.environmentTitle !== row.environment && (
            <Typography variant="caption" color="textSecondary" component="div">
              {row.environmentTitle}
            </Typography>
          )}
        </>
      ),
    },
    { title: t('templateUsage.mode'), field: 'mode' },
    { title: t('templateUsage.service'), field: 'service' },
    { title: t('templateUsage.version'), field: 'version' },
    {
      title: t('templateUsage.status'),
      render: row => <UpgradeStatusChip status={row.status} />,
    },
  ];
  return (
    <Table<Row>
      title={t('templateUsage.title', { count: props.usage.length })}
      columns={columns}
      data={props.usage.map(row => ({
        ...row,
        id: `${row.environment}/${row.service}`,
      }))}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          {t('templateUsage.none')}
        </Typography>
      }
      options={{
        search: false,
        paging: props.usage.length > 20,
        pageSize: 20,
        sorting: false,
        padding: 'dense',
        toolbar: true,
      }}
    />
  );
}
