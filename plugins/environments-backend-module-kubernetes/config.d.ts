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
    };
  };
}
