import Grid from '@material-ui/core/Grid';
import {
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '@greenroom/plugin-environments-common';
import {
  entityRefLabel,
  SearchFilter,
  SelectFilter,
} from '../EnvironmentsPage/EnvironmentsFilters';
import { TemplateFilters } from './filters';

/** Props of {@link TemplatesFilters}. */
export interface TemplatesFiltersProps {
  value: TemplateFilters;
  /** Called with the filters that changed; the caller merges them. */
  onChange: (patch: Partial<TemplateFilters>) => void;
  /** Engines to offer. */
  engines: string[];
  /** Owners to offer, as entity refs. */
  owners: string[];
}

/** Search box and selects above the template grid. */
export function TemplatesFilters(props: TemplatesFiltersProps) {
  const { value, onChange, engines, owners } = props;

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <SearchFilter
          id="templates-filter-search"
          placeholder="Name, description or tag"
          value={value.q}
          onChange={q => onChange({ q })}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="templates-filter-type"
          label="Type"
          allLabel="All types"
          value={value.type}
          options={SERVICE_TEMPLATE_TYPES.map(type => ({
            value: type,
            label: type,
          }))}
          onChange={type => onChange({ type: type as TemplateFilters['type'] })}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="templates-filter-engine"
          label="Engine"
          allLabel="All engines"
          value={value.engine}
          options={engines.map(engine => ({ value: engine, label: engine }))}
          onChange={engine => onChange({ engine })}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="templates-filter-lifecycle"
          label="Lifecycle"
          allLabel="All lifecycles"
          value={value.lifecycle}
          options={SERVICE_TEMPLATE_LIFECYCLES.map(lifecycle => ({
            value: lifecycle,
            label: lifecycle,
          }))}
          onChange={lifecycle =>
            onChange({ lifecycle: lifecycle as TemplateFilters['lifecycle'] })
          }
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <SelectFilter
          id="templates-filter-owner"
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
