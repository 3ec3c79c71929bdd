import { answer, errors } from './responses';

/** Previews: how full their quotas are. */
export const previewPaths = {
  '/previews/quota': {
    get: {
      operationId: 'GetPreviewQuota',
      description:
        'Per system and per team (owner) with running or queued previews: the limit (absent when none), the running and queued counts, and the running previews in the order the quota reclaims them (lowest priority, then longest idle). Counts include every preview; only those the caller may read (environments.environment.read) are named.',
      responses: {
        '200': answer('How full the preview quotas are', 'PreviewQuota'),
        '401': errors['401'],
      },
    },
  },
} as const;
