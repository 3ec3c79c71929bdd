import type { ApiEnvironment } from '../../api';

/**
 * An environment as the API answers it, with only what the preview tests
 * read set; `fields` override it.
 */
export function previewEnvironment(
  fields: Partial<ApiEnvironment> & { name: string },
): ApiEnvironment {
  return {
    mode: 'preview',
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    services: [],
    ...fields,
  } as ApiEnvironment;
}
