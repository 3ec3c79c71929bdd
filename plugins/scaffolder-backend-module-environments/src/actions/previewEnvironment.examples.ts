import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A preview of a pull request: staging with the storefront on the PR branch, named pr-example-storefront-42',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          action: 'environment:preview',
          name: 'Preview the pull request',
          input: {
            base: 'staging',
            component: 'component:default/storefront',
            branch: 'feature/checkout',
            commit: '3f2c1ab9d4e5f60718293a4b5c6d7e8f90a1b2c3',
            pullRequest: {
              repository: 'example/storefront',
              number: 42,
              url: 'https://github.com/example/storefront/pull/42',
            },
            waitUntilReady: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'A named preview of a branch for a week; run again to move it to a newer commit and renew it',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          action: 'environment:preview',
          name: 'Preview the branch',
          input: {
            base: 'staging',
            name: 'preview-checkout',
            component: 'storefront',
            branch: 'checkout-redesign',
            ttl: '7d',
          },
        },
      ],
    }),
  },
];
