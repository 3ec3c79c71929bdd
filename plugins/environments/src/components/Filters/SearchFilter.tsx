import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** How long typing pauses before the search is sent. */
export const SEARCH_DEBOUNCE_MS = 400;

/**
 * A search box that sends its text after typing pauses, and follows the URL
 * when it changes from outside (back button, clear filters).
 */
export function SearchFilter(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (q: string | undefined) => void;
}) {
  const { id, label, placeholder, value, onChange } = props;
  const [search, setSearch] = useState(value ?? '');

  useEffect(() => {
    setSearch(value ?? '');
  }, [value]);

  useDebounce(
    () => {
      const q = search.trim() || undefined;
      if (q !== value) {
        onChange(q);
      }
    },
    SEARCH_DEBOUNCE_MS,
    [search],
  );

  return (
    <TextField
      id={id}
      fullWidth
      variant="outlined"
      size="small"
      label={label}
      placeholder={placeholder}
      value={search}
      onChange={event => setSearch(event.target.value)}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" />
          </InputAdornment>
        ),
      }}
      InputLabelProps={{ shrink: true }}
    />
  );
}
