import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
} from '@greenroom/plugin-environments-common';
import { entityOptions, FilterBar, plainOptions } from '../Filters';
import { EnvironmentFilters } from './filters';

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
    <FilterBar
      idPrefix="environments-filter"
      value={value}
      onChange={onChange}
      searchLabel="Search"
      searchPlaceholder="Name or title"
      selects={[
        {
          field: 'mode',
          label: 'Mode',
          allLabel: 'All modes',
          options: plainOptions(ENVIRONMENT_MODES),
        },
        {
          field: 'status',
          label: 'Status',
          allLabel: 'All statuses',
          options: plainOptions(ENVIRONMENT_STATUSES),
        },
        {
          field: 'system',
          label: 'System',
          allLabel: 'All systems',
          options: entityOptions(systems, 'system'),
        },
        {
          field: 'owner',
          label: 'Owner',
          allLabel: 'All owners',
          options: entityOptions(owners, 'group'),
        },
      ]}
    />
  );
}
