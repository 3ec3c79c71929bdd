import { mockServices } from '@backstage/backend-test-utils';
import { checkClusters } from './checkClusters';
import { readClusterConfigs } from './config';
import { ConfigReader } from '@backstage/config';
import { KubernetesApiDouble } from '../testing/KubernetesApiDouble';

// Real HTTP to the double: slow when the machine is busy.
jest.setTimeout(60_000);

describe('checkClusters', () => {
  it('reports the version of reachable clusters and the error of others', async () => {
    const double = await KubernetesApiDouble.start({ token: 'ok' });
    try {
      const clusters = readClusterConfigs(
        new ConfigReader({
          environments: {
            kubernetes: {
              clusters: [
                {
                  name: 'up',
                  url: double.url,
                  token: 'ok',
                  skipTLSVerify: true,
                },
                {
                  name: 'denied',
                  url: double.url,
                  token: 'bad',
                  skipTLSVerify: true,
                },
              ],
            },
          },
        }),
      );
      const logger = mockServices.logger.mock();
      const results = await checkClusters(clusters, logger);
      expect(results.up).toBe('v1.31.0-double');
      expect(results.denied).toBeInstanceOf(Error);
      expect(logger.warn).toHaveBeenCalledWith(
        "Kubernetes cluster 'denied' is not reachable",
        expect.any(Error),
      );
    } finally {
      await double.stop();
    }
  });
});
