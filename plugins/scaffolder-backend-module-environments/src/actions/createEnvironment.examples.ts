import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A development environment for one component, with a database',
    example: yaml.stringify({
      steps: [
        {
          id: 'create-environment',
          action: 'environment:create',
          name: 'Create environment',
          input: {
            name: 'dev-ada',
            system: 'system:default/shop',
            owner: 'group:default/team-shop',
            mode: 'development',
            services: [
              {
                name: 'orders-api',
                kind: 'application',
                componentRef: 'component:default/orders-api',
                image: {
                  repository: 'ghcr.io/example/orders-api',
                  tag: '2.3.0',
                },
                ports: [{ port: 8080, public: true }],
              },
              {
                name: 'orders-db',
                kind: 'database',
                database: {
                  engine: 'postgresql',
                  version: '16',
                  mode: 'container',
                },
              },
            ],
            variables: [
              {
                key: 'DATABASE_URL',
                kind: 'alias',
                aliasOf: 'GR_ORDERS_DB_URL',
              },
            ],
            policy: { idleAfter: '2h' },
            waitUntilReady: true,
          },
        },
      ],
    }),
  },
];
