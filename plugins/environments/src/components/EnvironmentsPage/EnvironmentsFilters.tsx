import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
} from '@greenroom/plugin-environments-common';
import { ChangeEvent, useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { EnvironmentFilters } from './filters';

/** How long typing pauses before the search is sent. */
export const SEARCH_DEBOUNCE_MS = 400;

/** `group:default/team-shop` → `team-shop` (the default kind is left out). */
export function entityRefLabel(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

/** A labelled native select with an "all" option. */
export function SelectFilter(props: {
  id: string;
  label: string;
  value: string | undefined;
  allLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
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

/**
 * A search box that sends its text after typing pauses, and follows the URL
 * when it changes from outside (back button, clear filters).
 */
export function SearchFilter(props: {
  id: string;
  placeholder: string;
  value: string | undefined;
  onChange: (q: string | undefined) => void;
}) {
  const { id, placeholder, value, onChange } = props;
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
      label="Search"
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

/** Props of {@link EnvironmentsFilters}. */
export interface EnvironmentsFiltersProps {
  value: EnvironmentFilters;
  /** Called with the filters that changed; the caller merges them. */
  onChange: (patch: Partial<EnvironmentFilters>) => void;
  /** Systems to offer, as entity refs. */
  systems: string[];
  /** Owners to offer, as entity refs. */
  owners: string[];
}

/** Search box and selects above the environment table. */
export function EnvironmentsFilters(props: EnvironmentsFiltersProps) {
  const { value, onChange, systems, owners } = props;

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <SearchFilter
          id="environments-filter-search"
          placeholder="Name or title"
          value={value.q}
          onChange={q => onChange({ q })}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="environments-filter-mode"
          label="Mode"
          allLabel="All modes"
          value={value.mode}
          options={ENVIRONMENT_MODES.map(mode => ({
            value: mode,
            label: mode,
          }))}
          onChange={mode =>
            onChange({ mode: mode as EnvironmentFilters['mode'] })
          }
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="environments-filter-status"
          label="Status"
          allLabel="All statuses"
          value={value.status}
          options={ENVIRONMENT_STATUSES.map(status => ({
            value: status,
            label: status,
          }))}
          onChange={status =>
            onChange({ status: status as EnvironmentFilters['status'] })
          }
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="environments-filter-system"
          label="System"
          allLabel="All systems"
          value={value.system}
          options={systems.map(ref => ({
            value: ref,
            label: entityRefLabel(ref, 'system'),
          }))}
          onChange={system => onChange({ system })}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="environments-filter-owner"
          label="Owner"
          allLabel="All owners"
          value={value.owner}
          options={owners.map(ref => ({
            value: ref,
            label: entityRefLabel(ref, 'group'),
          }))}
          onChange={owner => onChange({ owner })}
        />
      </Grid>
    </Grid>
  );
}
