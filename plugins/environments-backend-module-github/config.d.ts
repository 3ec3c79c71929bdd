export interface Config {
  environments?: {
    github?: {
      /**
       * Secret of the GitHub webhook that delivers pull_request and
       * issue_comment events; deliveries with a wrong signature are refused.
       * @visibility secret
       */
      webhookSecret?: string;
      /** Time to live of a preview, renewed by each push. Default 3d. */
      previewTtl?: string;
    };
  };
}
