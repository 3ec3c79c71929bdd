import { useTranslationRef } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import { ChangeEvent } from 'react';
import { environmentsTranslationRef } from '../../translation';
import type { CostRange } from './ranges';
import { useCostTexts } from './useCostTexts';

/** The report window of the cost pages, among `ranges`. */
export function CostRangeSelect(props: {
  id: string;
  value: CostRange;
  ranges: ReadonlyArray<CostRange>;
  onChange: (range: CostRange) => void;
  fullWidth?: boolean;
}) {
  const { id, value, ranges, onChange, fullWidth } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { rangeOption } = useCostTexts();
  return (
    <TextField
      id={id}
      select
      fullWidth={fullWidth}
      variant="outlined"
      size="small"
      label={t('costFilters.range')}
      value={value}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        onChange(event.target.value as CostRange)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {ranges.map(range => (
        <option key={range} value={range}>
          {rangeOption(range)}
        </option>
      ))}
    </TextField>
  );
}
