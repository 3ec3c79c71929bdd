import type { ServiceTemplateLifecycle } from '@greenroom/plugin-environments-common';
import type { TemplateUpgradeStatus } from '../../api';
import { ChipTone, OutlinedChip } from '../OutlinedChip';

const LIFECYCLE_TONES: Record<ServiceTemplateLifecycle, ChipTone> = {
  deprecated: 'warningDark',
  experimental: 'info',
  production: 'success',
};

const UPGRADE_STATUS_TONES: Record<TemplateUpgradeStatus, ChipTone> = {
  deprecated: 'warningDark',
  outdated: 'info',
  current: 'success',
};

/**
 * A template's lifecycle: deprecated in the warning colour, experimental in
 * the info colour, production in the success colour.
 */
export function LifecycleChip(props: {
  lifecycle: ServiceTemplateLifecycle | string;
}) {
  const { lifecycle } = props;
  return (
    <OutlinedChip
      label={lifecycle}
      tone={LIFECYCLE_TONES[lifecycle as ServiceTemplateLifecycle]}
      data-testid="lifecycle-chip"
    />
  );
}

/** Whether a service's template version is current, outdated or deprecated. */
export function UpgradeStatusChip(props: { status: TemplateUpgradeStatus }) {
  const { status } = props;
  return <OutlinedChip label={status} tone={UPGRADE_STATUS_TONES[status]} />;
}
