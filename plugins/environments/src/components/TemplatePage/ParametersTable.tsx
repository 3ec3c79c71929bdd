import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { environmentsTranslationRef } from '../../translation';
import { describeParameters, ParameterRow } from './parameters';

type Row = ParameterRow & { id: string };

/** A template's parameters: name, type, default, allowed values, whether required. */
export function ParametersTable(props: { schema: unknown }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const none = t('common.none');
  const rows = describeParameters(props.schema);
  const columns: TableColumn<Row>[] = [
    {
      title: t('templateParameters.name'),
      field: 'name',
      highlight: true,
      render: row => (
        <>
          <Typography variant="body2" component="code">
            {row.name}
          </Typography>
          {row.title && (
            <Typography variant="caption" color="textSecondary" component="div">
              {row.title}
            </Typography>
          )}
        </>
      ),
    },
    { title: t('templateParameters.type'), field: 'type' },
    {
      title: t('templateParameters.default'),
      render: row =>
        row.default === undefined ? (
          none
        ) : (
          <Typography variant="body2" component="code">
            {row.default}
          </Typography>
        ),
    },
    {
      title: t('templateParameters.allowedValues'),
      render: row => row.enum ?? none,
    },
    {
      title: t('templateParameters.required'),
      render: row =>
        row.required ? t('templateParameters.yes') : t('templateParameters.no'),
    },
    {
      title: t('templateParameters.description'),
      render: row => row.description ?? none,
    },
  ];
  return (
    <Table<Row>
      title={t('templateParameters.title', { count: rows.length })}
      columns={columns}
      data={rows.map(row => ({ ...row, id: row.name }))}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          {t('templateParameters.none')}
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
  );
}
