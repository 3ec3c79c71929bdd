export { EnvironmentsTable, PAGE_SIZE_OPTIONS } from './EnvironmentsTable';
export type {
  EnvironmentColumnId,
  EnvironmentsTableProps,
} from './EnvironmentsTable';
