import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ServicePhase } from '@greenroom/plugin-environments-common';
import type { ComponentType, ReactNode } from 'react';
import { environmentsTranslationRef } from '../../translation';

const PHASE_COMPONENTS: Record<
  ServicePhase,
  ComponentType<{ children?: ReactNode }>
> = {
  running: StatusOK,
  pending: StatusPending,
  stopped: StatusAborted,
  failed: StatusError,
  unknown: StatusWarning,
};

/** What the runtime last saw of a service: a colored status icon and the word. */
export function ServicePhaseLabel(props: { phase: ServicePhase }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const Status = PHASE_COMPONENTS[props.phase] ?? StatusWarning;
  return <Status>{t(`serviceStatus.phases.${props.phase}`)}</Status>;
}
