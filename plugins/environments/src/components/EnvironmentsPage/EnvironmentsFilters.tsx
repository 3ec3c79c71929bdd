import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
} from '@greenroom/plugin-environments-common';
import { environmentsTranslationRef } from '../../translation';
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
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <FilterBar
      idPrefix="environments-filter"
      value={value}
      onChange={onChange}
      searchLabel={t('common.search')}
      searchPlaceholder={t('environmentsPage.searchPlaceholder')}
      selects={[
        {
          field: 'mode',
          label: t('filters.mode'),
          allLabel: t('filters.allModes'),
          options: plainOptions(ENVIRONMENT_MODES),
        },
        {
          field: 'status',
          label: t('filters.status'),
          allLabel: t('filters.allStatuses'),
          options: plainOptions(ENVIRONMENT_STATUSES),
        },
        {
          field: 'system',
          label: t('filters.system'),
          allLabel: t('filters.allSystems'),
          options: entityOptions(systems, 'system'),
        },
        {
          field: 'owner',
          label: t('filters.owner'),
          allLabel: t('filters.allOwners'),
          options: entityOptions(owners, 'group'),
        },
      ]}
    />
  );
}
