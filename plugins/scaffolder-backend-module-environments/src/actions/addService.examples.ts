import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A PostgreSQL 16 database from the platform template, waiting until it runs',
    example: yaml.stringify({
      steps: [
        {
          id: 'add-database',
          action: 'environment:add-service',
          name: 'Add a database',
          input: {
            environment: 'dev-ada',
            template: 'postgresql',
            name: 'orders-db',
            parameters: { version: '16', mode: 'container', storageGb: 20 },
          },
        },
      ],
    }),
  },
  {
    description:
      'A Redis cache by full template ref, queued without waiting for it',
    example: yaml.stringify({
      steps: [
        {
          id: 'add-cache',
          action: 'environment:add-service',
          name: 'Add a cache',
          input: {
            environment: 'environment:default/staging',
            template: 'servicetemplate:default/redis',
            name: 'cache',
            parameters: { version: '7.4', maxMemory: '512Mi' },
            waitForCompletion: false,
          },
        },
      ],
    }),
  },
  {
    description:
      'Check what the template would add (rendered service), changing nothing',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview-service',
          action: 'environment:add-service',
          name: 'Render the service',
          input: {
            environment: 'dev-ada',
            template: 'mysql',
            name: 'reports-db',
            parameters: { version: '8.4', mode: 'container' },
            dryRun: true,
          },
        },
      ],
    }),
  },
];
