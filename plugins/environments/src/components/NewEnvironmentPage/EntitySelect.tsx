import TextField from '@material-ui/core/TextField';
import { ChangeEvent } from 'react';
import type { EntityChoice } from './useCatalogChoices';

/** A native select of entities (systems, groups) by ref. */
export function EntitySelect(props: {
  id: string;
  label: string;
  value: string;
  choices: EntityChoice[];
  placeholder: string;
  error?: string;
  helperText?: string;
  /** Marks the label with an asterisk (the default). */
  required?: boolean;
  onChange: (value: string) => void;
}) {
  const { id, label, value, choices, placeholder, error, helperText } = props;
  const required = props.required ?? true;
  // Keep a value that the catalog does not list (e.g. a default owner).
  const options =
    value && !choices.some(c => c.ref === value)
      ? [...choices, { ref: value, label: value }]
      : choices;
  return (
    <TextField
      id={id}
      select
      required={required}
      fullWidth
      variant="outlined"
      size="small"
      label={label}
      value={value}
      error={Boolean(error)}
      helperText={error ?? helperText}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        props.onChange(event.target.value)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">{placeholder}</option>
      {options.map(option => (
        <option key={option.ref} value={option.ref}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
