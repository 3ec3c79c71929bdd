export { PreviewQuotaCard } from './PreviewQuotaCard';
export type { PreviewQuotaCardProps } from './PreviewQuotaCard';
