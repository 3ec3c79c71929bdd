import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A development copy of staging for one developer, with a snapshot of its managed databases',
    example: yaml.stringify({
      steps: [
        {
          id: 'clone-environment',
          action: 'environment:clone',
          name: 'Clone staging',
          input: {
            source: 'staging',
            name: 'dev-ada',
            mode: 'development',
            ttl: '3d',
            dataPolicy: 'snapshot',
            waitUntilReady: true,
          },
        },
      ],
    }),
  },
  {
    description: 'Only the services a change touches, with seeded databases',
    example: yaml.stringify({
      steps: [
        {
          id: 'clone-environment',
          action: 'environment:clone',
          name: 'Clone the orders services',
          input: {
            source: 'staging',
            name: 'orders-ada',
            mode: 'development',
            services: ['orders-api', 'orders-db'],
            dataPolicy: 'seed',
          },
        },
      ],
    }),
  },
  {
    description:
      "Staging's orders database copied with its personal data anonymised, the rest empty",
    example: yaml.stringify({
      steps: [
        {
          id: 'clone-environment',
          action: 'environment:clone',
          name: 'Clone staging with anonymised orders',
          input: {
            source: 'staging',
            name: 'orders-data-ada',
            mode: 'development',
            dataPolicy: 'empty',
            data: { 'orders-db': { policy: 'copy' } },
          },
        },
      ],
    }),
  },
];
