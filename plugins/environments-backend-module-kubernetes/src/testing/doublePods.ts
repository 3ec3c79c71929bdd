/** Why pods of a service do not become ready. */
export type PodFailureReason =
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'ErrImagePull'
  | 'Unschedulable';

type Obj = Record<string, any>;

/** The status a pod of these containers reports: running, or failing for `failure`. */
export function podStatus(
  containers: Obj[],
  failure: PodFailureReason | undefined,
) {
  const name = containers[0]?.name ?? 'main';
  if (failure === 'Unschedulable') {
    return {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
        },
      ],
    };
  }
  if (failure) {
    const message =
      failure === 'CrashLoopBackOff'
        ? `back-off 5m0s restarting failed container=${name}`
        : `Back-off pulling image "${containers[0]?.image}"`;
    return {
      phase: failure === 'CrashLoopBackOff' ? 'Running' : 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
      containerStatuses: [
        {
          name,
          ready: false,
          restartCount: failure === 'CrashLoopBackOff' ? 5 : 0,
          image: containers[0]?.image,
          state: { waiting: { reason: failure, message } },
        },
      ],
    };
  }
  return {
    phase: 'Running',
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
    containerStatuses: [
      {
        name,
        ready: true,
        restartCount: 0,
        image: containers[0]?.image,
        state: { running: { startedAt: new Date().toISOString() } },
      },
    ],
  };
}
