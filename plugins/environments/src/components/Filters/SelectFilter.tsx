import TextField from '@material-ui/core/TextField';
import { ChangeEvent } from 'react';

/** A choice of a {@link SelectFilter}. */
export type FilterOption = { value: string; label: string };

/** Props of {@link SelectFilter}. */
export interface SelectFilterProps {
  id: string;
  label: string;
  value: string | undefined;
  /** The first option, which clears the filter. */
  allLabel: string;
  options: ReadonlyArray<FilterOption>;
  onChange: (value: string | undefined) => void;
}

/** A labelled native select with an "all" option. */
export function SelectFilter(props: SelectFilterProps) {
  const { id, label, value, allLabel, options, onChange } = props;
  return (
    <TextField
      id={id}
      select
      fullWidth
      variant="outlined"
      size="small"
      label={label}
      value={value ?? ''}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        onChange(event.target.value || undefined)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">{allLabel}</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
