export { LifecycleChip, UpgradeStatusChip } from './TemplateChips';
