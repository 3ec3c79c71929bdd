import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { PreviewQuotaResponse } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { SmallTable } from '../SmallTable';

type Usage = PreviewQuotaResponse['systems'][number];

function RunningCell(props: { usage: Usage }) {
  const { running, limit } = props.usage;
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (limit === undefined) {
    return <>{t('previewQuota.noLimit', { running: String(running) })}</>;
  }
  return (
    <Box minWidth={80}>
      {t('previewQuota.runningOfLimit', {
        running: String(running),
        limit: String(limit),
      })}
      <Box mt={0.5}>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, (running / limit) * 100)}
          color={running >= limit ? 'secondary' : 'primary'}
        />
      </Box>
    </Box>
  );
}

/** The quotas of one scope (systems or teams): running of limit, queued, reclaimed next. */
export function QuotaUsageTable(props: {
  label: string;
  refHeading: string;
  defaultKind: 'system' | 'group';
  usages: Usage[];
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <SmallTable
      label={props.label}
      columns={[
        props.refHeading,
        t('previewQuota.running'),
        { title: t('previewQuota.queued'), align: 'right' },
        t('previewQuota.reclaimNext'),
      ]}
    >
      {props.usages.map(usage => (
        <TableRow key={usage.ref}>
          <TableCell>
            <EntityRefLink
              entityRef={usage.ref}
              defaultKind={props.defaultKind}
            />
          </TableCell>
          <TableCell>
            <RunningCell usage={usage} />
          </TableCell>
          <TableCell align="right">{usage.queued}</TableCell>
          <TableCell>
            {usage.previews.find(p => p.reclaimNext)?.name ?? t('common.none')}
          </TableCell>
        </TableRow>
      ))}
    </SmallTable>
  );
}
