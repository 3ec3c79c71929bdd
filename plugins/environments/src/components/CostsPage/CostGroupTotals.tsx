import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import type { CostSeriesResponse } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { formatCost } from './costFormat';
import {
  type CostSeriesSelection,
  OTHER_SERIES,
  seriesGroups,
} from './seriesGroups';

/**
 * Each group's total over the chart's window, as the chart's legend names
 * them; each figure opens how it was computed (as clicking a bar does, for
 * the whole window), so that no figure needs a pointer to be explained.
 */
export function CostGroupTotals(props: {
  series: CostSeriesResponse;
  label: (key: string) => string;
  onSelect: (selection: CostSeriesSelection) => void;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { series, label, onSelect } = props;
  const { shown, other } = seriesGroups(series);
  const figures = shown.map(group => ({
    name: label(group.key),
    total: group.total,
    selection: { key: group.key } as CostSeriesSelection,
  }));
  if (other.length > 0) {
    figures.push({
      name: OTHER_SERIES,
      total: other.reduce((sum, group) => sum + group.total, 0),
      selection: { other: true },
    });
  }
  if (figures.length === 0) return null;
  return (
    <Box mt={1}>
      <Typography variant="body2" component="p">
        {t('groupBreakdown.totals')}:{' '}
        {figures.map((figure, index) => {
          const cost = formatCost(figure.total, series.currency);
          return (
            <Fragment key={figure.name}>
              {index > 0 && ' · '}
              {figure.name}{' '}
              <Link
                component="button"
                variant="inherit"
                underline="always"
                aria-label={t('groupBreakdown.open', {
                  group: figure.name,
                  cost,
                })}
                onClick={() => onSelect(figure.selection)}
              >
                {cost}
              </Link>
            </Fragment>
          );
        })}
      </Typography>
    </Box>
  );
}
