import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import { environmentsApiRef } from '../api';
import { errorStatus } from '../lib/errors';

/** Whether a name is free, as far as the backend said. */
export type NameAvailability = 'checking' | 'free' | 'taken' | 'unknown';

/** How long the name must stay unchanged before it is looked up. */
export const NAME_CHECK_DELAY_MS = 300;

/**
 * Whether an environment of that name exists, looked up once the name has
 * not changed for {@link NAME_CHECK_DELAY_MS}: a 404 means the name is free.
 */
export function useNameAvailability(
  name: string,
  enabled: boolean,
): NameAvailability | undefined {
  const environmentsApi = useApi(environmentsApiRef);
  const [result, setResult] = useState<{
    name: string;
    availability: NameAvailability;
  }>();

  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      environmentsApi.getEnvironment(name).then(
        () => !cancelled && setResult({ name, availability: 'taken' }),
        error => {
          if (cancelled) {
            return;
          }
          const status = errorStatus(error);
          setResult({
            name,
            availability: status === 404 ? 'free' : 'unknown',
          });
        },
      );
    }, NAME_CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [environmentsApi, name, enabled]);

  if (!enabled) {
    return undefined;
  }
  return result?.name === name ? result.availability : 'checking';
}
