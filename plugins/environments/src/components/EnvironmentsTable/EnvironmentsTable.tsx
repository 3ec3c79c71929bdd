import {
  Link,
  SubvalueCell,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { primaryPublicUrl } from '@greenroom/plugin-environments-common';
import { useMemo, type ReactElement } from 'react';
import type { ApiEnvironment } from '../../api';
import { environmentRouteRef } from '../../routes';
import {
  formatRelativeTime,
  formatRuntime,
  formatShortUrl,
  summarizeServiceKinds,
} from '../../lib/format';
import { environmentsTranslationRef } from '../../translation';
import { BaseDownNote, ModeChip, StatusLabel } from '../EnvironmentChips';
import { PriorityCell } from './PriorityCell';

/** Page sizes offered under the table. */
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

/** The columns of an environment table; `system` can be left out. */
export type EnvironmentColumnId =
  | 'name'
  | 'mode'
  | 'status'
  | 'url'
  | 'system'
  | 'owner'
  | 'services'
  | 'runtime'
  | 'expires'
  | 'priority'
  | 'lastActivity';

const NONE = '—';

function RelativeTime(props: { iso?: string }) {
  const text = formatRelativeTime(props.iso);
  if (!text || !props.iso) {
    return <>{NONE}</>;
  }
  return (
    <Tooltip title={new Date(props.iso).toLocaleString()}>
      <span>{text}</span>
    </Tooltip>
  );
}

type Environment = ApiEnvironment;

/** The name, linked; under it the title and the base it shares, if any. */
function NameCell(props: { environment: Environment }) {
  const { name, title, baseline } = props.environment;
  const { t } = useTranslationRef(environmentsTranslationRef);
  // Undefined where the environments page is not mounted.
  const environmentLink = useRouteRef(environmentRouteRef);
  const strong = <strong>{name}</strong>;
  const value = (
    <Typography variant="body2" component="span">
      {environmentLink ? (
        <Link to={environmentLink({ name })}>{strong}</Link>
      ) : (
        strong
      )}
    </Typography>
  );
  const subvalue = (
    <>
      {title !== name && <div>{title}</div>}
      {baseline && (
        <div>
          {t('environmentsTable.sharesBase', { base: baseline.environment })}
        </div>
      )}
    </>
  );
  return <SubvalueCell value={value} subvalue={subvalue} />;
}

function ServicesCell(props: { environment: Environment }) {
  const { services } = props.environment;
  if (services.length === 0) {
    return <>0</>;
  }
  return (
    <Tooltip
      title={`${summarizeServiceKinds(services)}: ${services
        .map(s => s.name)
        .join(', ')}`}
    >
      <span>{services.length}</span>
    </Tooltip>
  );
}

/** Where the environment is opened, also when stopped: a visit may wake it. */
function UrlCell(props: { environment: Environment }) {
  const { services, status } = props.environment;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const url = primaryPublicUrl(services);
  if (!url) {
    return <>{NONE}</>;
  }
  const link = (
    <Link
      to={url}
      target="_blank"
      rel="noopener noreferrer"
      title={url}
      style={{ overflowWrap: 'anywhere' }}
    >
      {formatShortUrl(url)}
    </Link>
  );
  return status === 'stopped' ? (
    <Tooltip title={t('environmentsTable.stoppedUrl')}>{link}</Tooltip>
  ) : (
    link
  );
}

const COLUMN_ORDER: EnvironmentColumnId[] = [
  'name',
  'mode',
  'status',
  'url',
  'system',
  'owner',
  'services',
  'runtime',
  'expires',
  'priority',
  'lastActivity',
];

const STATIC_COLUMNS: Record<
  Exclude<EnvironmentColumnId, 'url' | 'priority'>,
  TableColumn<Environment>
> = {
  name: {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: environment => <NameCell environment={environment} />,
  },
  mode: {
    title: 'Mode',
    field: 'mode',
    render: ({ mode }) => <ModeChip mode={mode} />,
  },
  status: {
    title: 'Status',
    field: 'status',
    render: environment => (
      <>
        <StatusLabel status={environment.status} />
        <BaseDownNote environment={environment} />
      </>
    ),
  },
  system: {
    title: 'System',
    field: 'system',
    render: ({ system }) => (
      <EntityRefLink entityRef={system} defaultKind="system" />
    ),
  },
  owner: {
    title: 'Owner',
    field: 'owner',
    render: ({ owner }) => (
      <EntityRefLink entityRef={owner} defaultKind="group" />
    ),
  },
  services: {
    title: 'Services',
    field: 'services',
    render: environment => <ServicesCell environment={environment} />,
  },
  runtime: {
    title: 'Runtime',
    field: 'runtime.type',
    render: ({ runtime }) => formatRuntime(runtime),
  },
  expires: {
    title: 'Expires',
    field: 'expiresAt',
    render: ({ expiresAt }) => <RelativeTime iso={expiresAt} />,
  },
  lastActivity: {
    title: 'Last activity',
    field: 'lastActivityAt',
    render: ({ lastActivityAt }) => <RelativeTime iso={lastActivityAt} />,
  },
};

/** Props of {@link EnvironmentsTable}. */
export interface EnvironmentsTableProps {
  environments: Environment[];
  totalCount: number;
  /** Zero-based page index. */
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  isLoading?: boolean;
  title?: string | ReactElement;
  subtitle?: string;
  hiddenColumns?: EnvironmentColumnId[];
  /**
   * Previews a full quota would stop first, with the system or team refs of
   * those quotas (`previewsReclaimedNext` of the quota report).
   */
  reclaimNext?: Map<string, string[]>;
}

/**
 * A server-side paginated table of environments: the page of items is given,
 * the table only reports page changes.
 */
export function EnvironmentsTable(props: EnvironmentsTableProps) {
  const {
    environments,
    totalCount,
    page,
    pageSize,
    onPageChange,
    onPageSizeChange,
    isLoading,
    title,
    subtitle,
    hiddenColumns = [],
    reclaimNext,
  } = props;

  const { t } = useTranslationRef(environmentsTranslationRef);
  // material-table sets its columns (and data) up again whenever it gets new
  // column objects: kept across the page's re-renders (the permission check
  // and the quotas arrive after the rows).
  const hiddenKey = hiddenColumns.join(',');
  const columns = useMemo(() => {
    const hidden = hiddenKey.split(',');
    const allColumns: Record<EnvironmentColumnId, TableColumn<Environment>> = {
      ...STATIC_COLUMNS,
      url: {
        title: t('environmentsTable.url'),
        render: environment => <UrlCell environment={environment} />,
      },
      priority: {
        title: t('environmentsTable.priority'),
        field: 'policy.priority',
        render: environment => (
          <PriorityCell
            environment={environment}
            reclaimNextIn={reclaimNext?.get(environment.name)}
          />
        ),
      },
    };
    return COLUMN_ORDER.filter(id => !hidden.includes(id)).map(
      id => allColumns[id],
    );
  }, [t, reclaimNext, hiddenKey]);

  return (
    <Table<Environment>
      title={title}
      subtitle={subtitle}
      columns={columns}
      data={environments}
      isLoading={isLoading}
      page={page}
      totalCount={totalCount}
      onPageChange={newPage => onPageChange(newPage)}
      onRowsPerPageChange={newPageSize => onPageSizeChange(newPageSize)}
      options={{
        search: false,
        sorting: false,
        paging: true,
        pageSize,
        pageSizeOptions: PAGE_SIZE_OPTIONS,
        padding: 'dense',
        toolbar: Boolean(title),
        emptyRowsWhenPaging: false,
      }}
    />
  );
}
