/*
 * The Kubernetes API double of benchmark 1 in a process of its own, as a real
 * API server would be: its 5 ms of latency then do not wait for the
 * backend's event loop. Talks to bench/cloneBench.ts over IPC.
 */
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');
const {
  KubernetesApiDouble,
} = require('../plugins/environments-backend-module-kubernetes/src/testing/KubernetesApiDouble');
const { startProfiler } = require('./profile');

(async () => {
  const double = await KubernetesApiDouble.start();
  const push = double.requests.push.bind(double.requests);
  double.requests.push = (...items) => {
    const at = performance.timeOrigin + performance.now();
    for (const item of items) process.send({ type: 'request', ...item, at });
    return push(...items);
  };
  let stopProfiler;
  process.on('message', async message => {
    if (message.type === 'profile-start') {
      stopProfiler = await startProfiler();
      process.send({ type: 'ok', id: message.id });
    } else if (message.type === 'profile-stop') {
      const profile = await stopProfiler();
      process.send({ type: 'profile', id: message.id, profile });
    } else if (message.type === 'faults') {
      double.faults = message.faults;
      process.send({ type: 'ok', id: message.id });
    } else if (message.type === 'objects') {
      const counts = {};
      for (const o of double.objects({ namespace: message.namespace })) {
        counts[o.kind] = (counts[o.kind] ?? 0) + 1;
      }
      process.send({ type: 'objects', id: message.id, counts });
    } else if (message.type === 'stop') {
      double.stop().then(() => process.exit(0));
    }
  });
  process.send({ type: 'ready', url: double.url, token: double.token });
})().catch(error => {
  process.stderr.write(`k8s double: ${error.stack}\n`);
  process.exit(1);
});
