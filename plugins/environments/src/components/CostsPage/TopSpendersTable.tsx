import { useMemo } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ApiCostRow } from '../../api';
import { environmentRouteRef } from '../../routes';
import { environmentsTranslationRef } from '../../translation';
import { CostBreakdownButton } from '../CostBreakdown';
import { formatCost, formatHours, formatShare, idleShare } from './costFormat';

function EnvironmentName(props: { name: string }) {
  // Undefined where the environments page is not mounted.
  const environmentLink = useRouteRef(environmentRouteRef);
  const strong = <strong>{props.name}</strong>;
  return environmentLink ? (
    <Link to={environmentLink({ name: props.name })}>{strong}</Link>
  ) : (
    strong
  );
}

/**
 * Rows the table shows at most: a table of every environment of a large
 * organisation takes seconds to sort and lay out in the browser, and the CSV
 * download has them all.
 */
export const TOP_SPENDERS_SHOWN = 100;

/** Environments by cost, highest first, with what idling cost and auto-stop saved. */
export function TopSpendersTable(props: {
  rows: ApiCostRow[];
  /**
   * How many rows the report has in all, when `rows` holds only its highest
   * (a summary asked with `limit`); default the number of `rows`.
   */
  count?: number;
  title?: string;
  subtitle?: string;
  /** The report's window: each total then opens how it was computed. */
  window?: { from: string; to: string };
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { title = t('topSpenders.title') } = props;
  const rows = useMemo(
    () =>
      props.rows.length > TOP_SPENDERS_SHOWN
        ? [...props.rows]
            .sort((a, b) => b.total - a.total)
            .slice(0, TOP_SPENDERS_SHOWN)
        : props.rows,
    [props.rows],
  );
  const count = Math.max(props.count ?? 0, props.rows.length);
  const subtitle =
    count > rows.length
      ? t('topSpenders.limited', {
          subtitle: props.subtitle ?? title,
          shown: String(rows.length),
          count,
        })
      : props.subtitle;
  const money = (amount: number, row: ApiCostRow) =>
    formatCost(amount, row.currency);
  const withIdleHours = rows.some(row => row.idleHours !== undefined);
  const columns: TableColumn<ApiCostRow>[] = [
    {
      title: t('topSpenders.environment'),
      field: 'key',
      highlight: true,
      render: row => <EnvironmentName name={row.key} />,
    },
    {
      title: t('topSpenders.total'),
      field: 'total',
      type: 'numeric',
      defaultSort: 'desc',
      render: row =>
        props.window ? (
          <CostBreakdownButton
            name={row.key}
            figure={money(row.total, row)}
            from={props.window.from}
            to={props.window.to}
          />
        ) : (
          money(row.total, row)
        ),
    },
    {
      title: t('topSpenders.compute'),
      field: 'compute',
      type: 'numeric',
      render: row => money(row.compute, row),
    },
    {
      title: t('topSpenders.storage'),
      field: 'storage',
      type: 'numeric',
      render: row => money(row.storage, row),
    },
    {
      title: t('topSpenders.database'),
      field: 'database',
      type: 'numeric',
      render: row => money(row.database, row),
    },
    {
      title: t('topSpenders.idle'),
      field: 'idle',
      type: 'numeric',
      render: row =>
        `${money(row.idle, row)}${
          row.total > 0 ? ` (${formatShare(idleShare(row))})` : ''
        }`,
    },
    ...(withIdleHours
      ? [
          {
            title: t('topSpenders.idleHours'),
            field: 'idleHours',
            type: 'numeric',
            render: (row: ApiCostRow) =>
              row.idleHours === undefined
                ? t('common.none')
                : formatHours(row.idleHours),
          } as TableColumn<ApiCostRow>,
        ]
      : []),
    {
      title: t('topSpenders.savings'),
      field: 'savings',
      type: 'numeric',
      render: row => money(row.savings, row),
    },
  ];
  return (
    <Table<ApiCostRow>
      title={title}
      subtitle={subtitle}
      columns={columns}
      data={rows}
      options={{
        search: false,
        padding: 'dense',
        paging: rows.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
      }}
    />
  );
}
