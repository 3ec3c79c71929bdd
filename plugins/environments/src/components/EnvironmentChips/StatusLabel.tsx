import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { EnvironmentStatus } from '@greenroom/plugin-environments-common';
import type { ComponentType, ReactNode } from 'react';

const STATUS_COMPONENTS: Record<
  EnvironmentStatus,
  ComponentType<{ children?: ReactNode }>
> = {
  running: StatusOK,
  provisioning: StatusPending,
  starting: StatusRunning,
  stopping: StatusRunning,
  deleting: StatusRunning,
  stopped: StatusAborted,
  deleted: StatusAborted,
  failed: StatusError,
  degraded: StatusWarning,
};

/** The observed status of an environment: a colored status icon and the word. */
export function StatusLabel(props: { status: EnvironmentStatus }) {
  const { status } = props;
  const Status = STATUS_COMPONENTS[status] ?? StatusPending;
  return <Status>{status}</Status>;
}
