import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lazy, Suspense } from 'react';
import type { CostSeriesResponse } from '../../api';
import type { CostSeriesSelection } from './seriesGroups';
import { environmentsTranslationRef } from '../../translation';

// recharts is the largest dependency of the plugin: its chunk loads only when
// a chart is about to show, not with every page of the plugin.
const CostSeriesChart = lazy(() =>
  import('./CostSeriesChart').then(m => ({ default: m.CostSeriesChart })),
);

/** The cost per day as it loads: the chart, or progress, or why it failed. */
export function CostSeriesSection(props: {
  series: { value?: CostSeriesResponse; error?: Error };
  /** How the legend names a series key. */
  label?: (key: string) => string;
  height?: number;
  hideLegend?: boolean;
  /** Called with the group and day of a bar that is clicked, to explain it. */
  onSelect?: (selection: CostSeriesSelection) => void;
}) {
  const { series, ...chart } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (series.error) {
    return (
      <ResponseErrorPanel
        title={t('costsPage.seriesLoadError')}
        error={series.error}
      />
    );
  }
  if (!series.value) {
    return <Progress />;
  }
  return (
    <Suspense fallback={<Progress />}>
      <CostSeriesChart series={series.value} {...chart} />
    </Suspense>
  );
}
