import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { ChangeEvent } from 'react';
import type { CostQuery } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { entityOptions, SelectFilter } from '../Filters';
import { CostRangeSelect } from './CostRangeSelect';
import { DownloadCsvButton } from './DownloadCsvButton';
import { COST_RANGES, CostPageFilters } from './ranges';

/** A day of a custom range, `YYYY-MM-DD`; empty is undefined. */
function DateField(props: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const { id, label, value, onChange } = props;
  return (
    <TextField
      id={id}
      type="date"
      fullWidth
      variant="outlined"
      size="small"
      label={label}
      value={value ?? ''}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        onChange(event.target.value || undefined)
      }
      InputLabelProps={{ shrink: true }}
    />
  );
}

/** The filters of the costs page (range, days of a custom range, owner) and the CSV export. */
export function CostFilterBar(props: {
  filters: CostPageFilters;
  owners: string[];
  onChange: (patch: Partial<CostPageFilters>) => void;
  exportQuery: CostQuery;
}) {
  const { filters, owners, onChange, exportQuery } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const range = filters.range ?? 'this-month';
  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} sm={6} md={3}>
        <CostRangeSelect
          id="cost-range"
          fullWidth
          value={range}
          ranges={COST_RANGES}
          onChange={value => onChange({ range: value })}
        />
      </Grid>
      {range === 'custom' && (
        <>
          <Grid item xs={6} md={2}>
            <DateField
              id="cost-from"
              label={t('costFilters.from')}
              value={filters.from}
              onChange={from => onChange({ from })}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <DateField
              id="cost-to"
              label={t('costFilters.to')}
              value={filters.to}
              onChange={to => onChange({ to })}
            />
          </Grid>
        </>
      )}
      <Grid item xs={12} sm={6} md={3}>
        <SelectFilter
          id="cost-owner"
          label={t('costFilters.owner')}
          value={filters.owner}
          allLabel={t('costFilters.allTeams')}
          options={entityOptions(owners, 'group')}
          onChange={owner => onChange({ owner })}
        />
      </Grid>
      <Grid item xs>
        <Box display="flex" justifyContent="flex-end">
          <DownloadCsvButton query={exportQuery} />
        </Box>
      </Grid>
    </Grid>
  );
}
