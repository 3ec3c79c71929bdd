import Grid from '@material-ui/core/Grid';
import { entityRefLabel } from '../../lib/entityRefs';
import { FilterOption, SelectFilter } from './SelectFilter';
import { SearchFilter } from './SearchFilter';

/** One select of a {@link FilterBar}: which filter it sets, and its choices. */
export interface FilterSelect<T> {
  field: Exclude<keyof T, 'q'> & string;
  label: string;
  allLabel: string;
  options: ReadonlyArray<FilterOption>;
}

/** Props of {@link FilterBar}. */
export interface FilterBarProps<T extends { q?: string }> {
  /** Prefixes the inputs' ids: `<idPrefix>-search`, `<idPrefix>-<field>`. */
  idPrefix: string;
  value: T;
  /** Called with the filter that changed; the caller merges it. */
  onChange: (patch: Partial<T>) => void;
  searchLabel: string;
  searchPlaceholder: string;
  selects: ReadonlyArray<FilterSelect<T>>;
}

/** The search box and selects above a list, on one row on wide screens. */
export function FilterBar<T extends { q?: string }>(props: FilterBarProps<T>) {
  const { idPrefix, value, onChange, selects } = props;
  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <SearchFilter
          id={`${idPrefix}-search`}
          label={props.searchLabel}
          placeholder={props.searchPlaceholder}
          value={value.q}
          onChange={q => onChange({ q } as Partial<T>)}
        />
      </Grid>
      {selects.map(select => (
        <Grid item xs={6} md={2} key={select.field}>
          <SelectFilter
            id={`${idPrefix}-${select.field}`}
            label={select.label}
            allLabel={select.allLabel}
            value={value[select.field] as string | undefined}
            options={select.options}
            // The options are the field's values, so the cast holds.
            onChange={next => onChange({ [select.field]: next } as Partial<T>)}
          />
        </Grid>
      ))}
    </Grid>
  );
}

/** Options that show their values as they are (modes, statuses, engines). */
export function plainOptions(values: ReadonlyArray<string>): FilterOption[] {
  return values.map(value => ({ value, label: value }));
}

/** Options for entity refs, labelled without the default kind. */
export function entityOptions(
  refs: ReadonlyArray<string>,
  defaultKind: string,
): FilterOption[] {
  return refs.map(ref => ({ value: ref, label: entityRefLabel(ref, defaultKind) }));
}
