/** A duration as Backstage config reads it, e.g. `{ minutes: 10 }`. */
interface HumanDuration {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

export interface Config {
  environments?: {
    kubernetes?: {
      /**
       * Clusters environments can be deployed to. An environment picks one with
       * `runtime: { type: kubernetes, target: <name> }`; the first is the default.
       */
      clusters?: Array<{
        /** Name used as `runtime.target`. */
        name: string;
        /**
         * How to reach the cluster:
         * - `url` (+ `token`, `caData` or `skipTLSVerify`): an API server URL and a service account token;
         * - `kubeconfig`: a kubeconfig file (`default` means $KUBECONFIG or ~/.kube/config) and optional `context`;
         * - `inCluster: true`: the service account the backend runs as.
         */
        url?: string;
        /** @visibility secret */
        token?: string;
        /** Base64 PEM of the cluster CA. */
        caData?: string;
        skipTLSVerify?: boolean;
        kubeconfig?: string;
        context?: string;
        inCluster?: boolean;
        /** Namespaces are named `<prefix><environment>`. Default `gr-`. */
        namespacePrefix?: string;
      }>;
      /**
       * The clusters' DNS domain. An environment that shares a base reaches
       * the base's services at `<service>-<base>.<namespace>.svc.<clusterDomain>`.
       * Default `cluster.local`.
       */
      clusterDomain?: string;
      /** Ingresses for services with public ports. */
      ingress?: {
        /**
         * Public ports of services without custom domains are published as
         * `<service>-<environment>.<baseDomain>`; without it they get no Ingress.
         */
        baseDomain?: string;
        /** `spec.ingressClassName` of every Ingress, e.g. `nginx`. */
        className?: string;
        /**
         * While an environment is stopped, its Ingresses carry this annotation
         * with the portal's waking page as value, so visitors are redirected
         * there (and wake the environment where `environments.wake` allows).
         * Default `nginx.ingress.kubernetes.io/temporal-redirect` (ingress-nginx),
         * or another controller's redirect annotation.
         */
        wakeRedirectAnnotation?: string;
        /** `false` leaves Ingresses alone while stopped. Default `true`. */
        wakeRedirect?: boolean;
      };
      /**
       * How long apply and start wait for every Deployment and StatefulSet to
       * be ready before failing the operation. Default `10m`. A duration such
       * as `10m`, `PT10M` or `{ minutes: 10 }`.
       */
      rolloutTimeout?: string | HumanDuration;
      /** How long destroy waits for the namespace to be gone. Default `10m`. */
      destroyTimeout?: string | HumanDuration;
      /** Pause between status checks while waiting. Default `2s`. */
      pollInterval?: string | HumanDuration;
      /**
       * Requests at once while writing an environment's objects to a
       * cluster. Default 16 (see the module's README, "Write concurrency").
       */
      concurrency?: number;
      /**
       * The Jobs that copy data into a clone's database or seed it; they run
       * stock images only.
       */
      data?: {
        /**
         * Images, e.g. from a registry mirror. Per engine, its client tools
         * with `{version}` standing for the database's version (defaults
         * `postgres:{version}-alpine` and `mysql:{version}`); `transformer`
         * is a stock Node image (default `node:22-alpine`).
         */
        images?: {
          postgresql?: string;
          mysql?: string;
          transformer?: string;
        };
        /** A data Job still running after this fails (`activeDeadlineSeconds`). Default `2h`. */
        timeout?: string | HumanDuration;
        /** How long a finished Job and its logs are kept (`ttlSecondsAfterFinished`). Default `1h`. */
        keepFinished?: string | HumanDuration;
      };
    };
  };
}
