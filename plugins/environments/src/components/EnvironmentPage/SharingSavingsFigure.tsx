import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { ApiSharingSavings } from '@greenroom/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { formatCost, formatUtcMinute } from '../CostsPage/costFormat';
import { CostFigure } from '../CostsPage/CostFigure';
import { SmallTable } from '../SmallTable';

/** What each shared service would have cost in a full clone, and the sum. */
function SharingExplained(props: {
  name: string;
  sharing: ApiSharingSavings & { base: string };
  onClose: () => void;
}) {
  const { name, sharing, onClose } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const money = (amount: number) => formatCost(amount, sharing.currency);
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="sharing-savings-title"
    >
      <DialogTitle id="sharing-savings-title">
        {t('environmentCostCard.sharingTitle', { base: sharing.base })}
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" paragraph>
          {t('environmentCostCard.sharingExplained', {
            name,
            base: sharing.base,
            hours: String(Math.round(sharing.runningHours * 100) / 100),
            from: formatUtcMinute(sharing.from),
            to: formatUtcMinute(sharing.to),
            total: money(sharing.saved.total),
            compute: money(sharing.saved.compute),
            storage: money(sharing.saved.storage),
            database: money(sharing.saved.database),
          })}
        </Typography>
        <SmallTable
          label={t('environmentCostCard.sharedServices')}
          columns={[
            t('environmentCostCard.service'),
            { title: t('environmentCostCard.saved'), align: 'right' },
          ]}
        >
          {sharing.services.map(service => (
            <TableRow key={service.name}>
              <TableCell>{service.name}</TableCell>
              <TableCell align="right">{money(service.saved)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>
              <strong>{t('environmentCostCard.sum')}</strong>
            </TableCell>
            <TableCell align="right">
              <strong>{money(sharing.saved.total)}</strong>
            </TableCell>
          </TableRow>
        </SmallTable>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('environmentCostCard.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * What sharing its base saved the environment since `from`, against a full
 * clone; nothing for an environment that shares no base (or while loading).
 * The figure opens what each shared service would have cost.
 */
export function SharingSavingsFigure(props: { name: string; from: string }) {
  const { name, from } = props;
  const api = useApi(environmentsApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [open, setOpen] = useState(false);
  const { value } = useAsync(
    () => api.getSharingSavings(name, { from }),
    [api, name, from],
  );
  if (!value?.base) return null;
  const sharing = { ...value, base: value.base };
  const figure = formatCost(value.saved.total, value.currency);
  return (
    <>
      <CostFigure
        label={t('environmentCostCard.sharingSaved')}
        value={
          <Link
            component="button"
            variant="inherit"
            underline="always"
            aria-label={t('environmentCostCard.sharingOpen', {
              base: value.base,
              cost: figure,
            })}
            onClick={() => setOpen(true)}
          >
            {figure}
          </Link>
        }
        caption={t('environmentCostCard.sharingSavedCaption', {
          count: value.services.length,
          base: value.base,
        })}
      />
      {open && (
        <SharingExplained
          name={name}
          sharing={sharing}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
