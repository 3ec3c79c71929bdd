export { entityOptions, FilterBar, plainOptions } from './FilterBar';
export type { FilterBarProps, FilterSelect } from './FilterBar';
export { SearchFilter, SEARCH_DEBOUNCE_MS } from './SearchFilter';
export { SelectFilter } from './SelectFilter';
export type { FilterOption, SelectFilterProps } from './SelectFilter';
