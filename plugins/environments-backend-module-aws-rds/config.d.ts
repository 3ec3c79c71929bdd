export interface Config {
  environments?: {
    awsRds?: {
      /** AWS region of the managed databases, e.g. eu-central-1. Credentials come from the default AWS chain. */
      region: string;
      /** DB subnet group new instances are placed in. */
      dbSubnetGroupName?: string;
      /** VPC security groups for new instances. */
      vpcSecurityGroupIds?: string[];
      /** Instance class when a service names none. Default db.t4g.micro. */
      defaultInstanceClass?: string;
      /** Extra tags on every instance Greenroom creates. */
      tags?: { [key: string]: string };
    };
  };
}
