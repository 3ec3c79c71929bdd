import { useApi } from '@backstage/frontend-plugin-api';
import type { ResponseError } from '@backstage/errors';
import type { Operation } from '@greenroom/plugin-environments-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiEnvironment, environmentsApiRef, OperationResponse } from '../api';

/** How often operations are polled while one is queued or running. */
export const OPERATION_POLL_INTERVAL_MS = 2000;

/** Whether the engine still works on an operation. */
export function isActiveOperation(operation: Pick<Operation, 'status'>) {
  return operation.status === 'queued' || operation.status === 'running';
}

/** Whether an error is the backend's 404. */
export function isNotFoundError(error: unknown): boolean {
  const candidate = error as Partial<ResponseError> | undefined;
  return candidate?.name === 'ResponseError' && candidate.statusCode === 404;
}

/** Changes whenever an operation or one of its steps moves on. */
function progressSignature(operations: Operation[]): string {
  return operations
    .map(
      op =>
        `${op.id}:${op.status}:${op.steps.map(step => step.status).join(',')}`,
    )
    .join('|');
}

export interface EnvironmentDetails {
  environment?: ApiEnvironment;
  /** Newest first. */
  operations?: Operation[];
  loading: boolean;
  /** The first load failed. */
  error?: Error;
  /** A later refresh failed; the data shown is the last that loaded. */
  refreshError?: Error;
  /** The environment disappeared while the page was open (it was destroyed). */
  gone: boolean;
  /** Whether operations are being polled. */
  polling: boolean;
  /** Loads environment and operations again. */
  refresh: () => void;
  /** Shows the answer to an action at once, then refreshes. */
  applyOperationResponse: (response: OperationResponse) => void;
  /** Shows the environment a change answered with (e.g. a variable set). */
  applyEnvironment: (environment: ApiEnvironment) => void;
}

interface State {
  environment?: ApiEnvironment;
  operations?: Operation[];
  loading: boolean;
  error?: Error;
  refreshError?: Error;
  gone: boolean;
  /** Counts polls, so that a poll that changed nothing still schedules the next. */
  polls: number;
}

/**
 * Loads an environment and its operations. While any operation is queued or
 * running it polls the operations every `pollIntervalMs` (and reloads the
 * environment when one of them moved on), so progress shows live; polling
 * stops when no operation is active and on unmount.
 */
export function useEnvironmentDetails(
  name: string,
  options: { pollIntervalMs?: number } = {},
): EnvironmentDetails {
  const pollIntervalMs = options.pollIntervalMs ?? OPERATION_POLL_INTERVAL_MS;
  const environmentsApi = useApi(environmentsApiRef);
  const [state, setState] = useState<State>({
    loading: true,
    gone: false,
    polls: 0,
  });
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration(g => g + 1), []);

  const operationsRef = useRef<Operation[] | undefined>(undefined);
  operationsRef.current = state.operations;

  const failed = useCallback((error: Error) => {
    setState(previous => {
      if (!previous.environment) {
        return { ...previous, loading: false, error };
      }
      if (isNotFoundError(error)) {
        return { ...previous, loading: false, gone: true };
      }
      return { ...previous, loading: false, refreshError: error };
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      environmentsApi.getEnvironment(name),
      environmentsApi.listOperations(name),
    ]).then(
      ([environment, { items }]) => {
        if (!cancelled) {
          setState(previous => ({
            ...previous,
            environment,
            operations: items,
            loading: false,
            error: undefined,
            refreshError: undefined,
          }));
        }
      },
      error => {
        if (!cancelled) {
          failed(error);
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [environmentsApi, name, generation, failed]);

  const polling =
    !state.gone && (state.operations ?? []).some(isActiveOperation);

  useEffect(() => {
    if (!polling) {
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const { items } = await environmentsApi.listOperations(name);
        const moved =
          progressSignature(items) !==
          progressSignature(operationsRef.current ?? []);
        const environment = moved
          ? await environmentsApi.getEnvironment(name)
          : undefined;
        if (!cancelled) {
          setState(previous => ({
            ...previous,
            operations: items,
            environment: environment ?? previous.environment,
            refreshError: undefined,
            polls: previous.polls + 1,
          }));
        }
      } catch (error) {
        if (!cancelled) {
          failed(error as Error);
          setState(previous => ({ ...previous, polls: previous.polls + 1 }));
        }
      }
    }, pollIntervalMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [polling, state.polls, environmentsApi, name, pollIntervalMs, failed]);

  const applyOperationResponse = useCallback(
    (response: OperationResponse) => {
      setState(previous => ({
        ...previous,
        environment: response.environment ?? previous.environment,
        operations: [
          response.operation,
          ...(previous.operations ?? []).filter(
            op => op.id !== response.operation.id,
          ),
        ],
      }));
      refresh();
    },
    [refresh],
  );

  const applyEnvironment = useCallback((environment: ApiEnvironment) => {
    setState(previous => ({ ...previous, environment }));
  }, []);

  return {
    environment: state.environment,
    operations: state.operations,
    loading: state.loading,
    error: state.error,
    refreshError: state.refreshError,
    gone: state.gone,
    polling,
    refresh,
    applyOperationResponse,
    applyEnvironment,
  };
}
