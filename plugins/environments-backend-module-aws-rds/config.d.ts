/** A duration as Backstage config reads it, e.g. `{ seconds: 15 }`. */
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
    /**
     * Managed databases (`database.mode: managed`) on AWS RDS. Off unless
     * `region` is set. Credentials come from the default AWS provider chain
     * (environment variables, shared config, web identity, instance role).
     */
    awsRds?: {
      /** AWS region of the managed databases, e.g. eu-central-1. */
      region: string;
      /** Instance class when a service names none. Default db.t4g.micro. */
      defaultInstanceClass?: string;
      /** DB subnet group new instances (or Aurora clusters) are placed in. */
      subnetGroupName?: string;
      /** VPC security groups of new instances (or Aurora clusters). */
      securityGroupIds?: string[];
      /** @deprecated Use subnetGroupName. */
      dbSubnetGroupName?: string;
      /** @deprecated Use securityGroupIds. */
      vpcSecurityGroupIds?: string[];
      /**
       * `instance` (default): one RDS instance per database service.
       * `aurora`: an Aurora cluster (aurora-postgresql / aurora-mysql) with one
       * instance, so clones are copy-on-write.
       */
      engineMode?: 'instance' | 'aurora';
      /**
       * How often to look at an instance while waiting for it: seconds as a
       * number, or a duration such as `{ seconds: 15 }`, `PT15S` or `15s`.
       * Default 15 seconds.
       */
      pollInterval?: number | string | HumanDuration;
      /**
       * How long to wait for an instance to become available (or stopped, or
       * deleted) before the operation fails and can be retried. Same forms as
       * pollInterval. Default 60 minutes.
       */
      availableTimeout?: number | string | HumanDuration;
      /** Extra tags on everything Greenroom creates; Greenroom's own tags win. */
      tags?: { [key: string]: string };
    };
  };
}
