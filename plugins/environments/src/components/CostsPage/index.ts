export { CostsPage, CostsContent } from './CostsPage';
export type { CostsPageProps } from './CostsPage';
export { CostsButton } from './CostsButton';
