import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '@greenroom/plugin-environments-common';
import { environmentsTranslationRef } from '../../translation';
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
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <FilterBar
      idPrefix="templates-filter"
      value={value}
      onChange={onChange}
      searchLabel={t('common.search')}
      searchPlaceholder={t('templatesPage.searchPlaceholder')}
      selects={[
        {
          field: 'type',
          label: t('filters.type'),
          allLabel: t('filters.allTypes'),
          options: plainOptions(SERVICE_TEMPLATE_TYPES),
        },
        {
          field: 'engine',
          label: t('filters.engine'),
          allLabel: t('filters.allEngines'),
          options: plainOptions(engines),
        },
        {
          field: 'lifecycle',
          label: t('filters.lifecycle'),
          allLabel: t('filters.allLifecycles'),
          options: plainOptions(SERVICE_TEMPLATE_LIFECYCLES),
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
