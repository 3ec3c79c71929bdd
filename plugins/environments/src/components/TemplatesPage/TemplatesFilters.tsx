import {
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '@greenroom/plugin-environments-common';
import { entityOptions, FilterBar, plainOptions } from '../Filters';
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
    <FilterBar
      idPrefix="templates-filter"
      value={value}
      onChange={onChange}
      searchLabel="Search"
      searchPlaceholder="Name, description or tag"
      selects={[
        {
          field: 'type',
          label: 'Type',
          allLabel: 'All types',
          options: plainOptions(SERVICE_TEMPLATE_TYPES),
        },
        {
          field: 'engine',
          label: 'Engine',
          allLabel: 'All engines',
          options: plainOptions(engines),
        },
        {
          field: 'lifecycle',
          label: 'Lifecycle',
          allLabel: 'All lifecycles',
          options: plainOptions(SERVICE_TEMPLATE_LIFECYCLES),
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
