import { isRolledOut, podProblem } from './podProblems';

const pod = (status: object) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'api', image: 'ghcr.io/x/api:1' }] },
  status,
});

describe('podProblem', () => {
  it('says nothing about pods that are merely starting', () => {
    expect(
      podProblem('api', [
        pod({
          containerStatuses: [
            {
              name: 'api',
              state: { waiting: { reason: 'ContainerCreating' } },
            },
          ],
        }),
      ]),
    ).toBeUndefined();
  });

  it('explains out-of-memory crashes and bad configuration', () => {
    expect(
      podProblem('api', [
        pod({
          containerStatuses: [
            {
              name: 'api',
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
            },
          ],
        }),
      ]),
    ).toBe(
      'api: container keeps running out of memory (OOMKilled, CrashLoopBackOff); raise its memory',
    );
    expect(
      podProblem('api', [
        pod({
          containerStatuses: [
            {
              name: 'api',
              state: {
                waiting: {
                  reason: 'CreateContainerConfigError',
                  message: 'secret "x" not found',
                },
              },
            },
          ],
        }),
      ]),
    ).toBe(
      'api: container configuration is invalid (CreateContainerConfigError): secret "x" not found',
    );
  });

  it('names the image from the pod spec when the status does not', () => {
    expect(
      podProblem('api', [
        pod({
          containerStatuses: [
            { name: 'api', state: { waiting: { reason: 'ErrImagePull' } } },
          ],
        }),
      ]),
    ).toContain('image ghcr.io/x/api:1 cannot be pulled (ErrImagePull)');
  });
});

describe('isRolledOut', () => {
  const workload = (spec: object, status: object, generation = 2) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', generation },
    spec,
    status,
  });

  it('waits for the controller to see the latest generation and every replica', () => {
    expect(
      isRolledOut(
        workload(
          { replicas: 2 },
          { observedGeneration: 1, readyReplicas: 2, updatedReplicas: 2 },
        ),
      ),
    ).toBe(false);
    expect(
      isRolledOut(
        workload(
          { replicas: 2 },
          { observedGeneration: 2, readyReplicas: 1, updatedReplicas: 2 },
        ),
      ),
    ).toBe(false);
    expect(
      isRolledOut(
        workload(
          { replicas: 2 },
          { observedGeneration: 2, readyReplicas: 2, updatedReplicas: 2 },
        ),
      ),
    ).toBe(true);
    expect(
      isRolledOut(workload({ replicas: 0 }, { observedGeneration: 2 })),
    ).toBe(true);
  });
});
