import type { Service } from '@greenroom/plugin-environments-common';
import type { ErrorSchema } from '@rjsf/utils';
import { errorMessage, errorStatus } from '../../lib/errors';
import { placeFieldErrors } from './formModel';

/** Everything the "Add service" form holds once a template is chosen. */
export interface AddServiceState {
  /** The environment to add to; empty until one is chosen. */
  environment: string;
  /** The services of that environment, to flag a name already taken. */
  existing: string[];
  serviceName: string;
  /** Once the name was edited or a preview tried, its problems show. */
  nameTouched: boolean;
  /** The values of the form generated from the template's parameters. */
  parameters: Record<string, unknown>;
  /** The parameters the generated form has fields for. */
  formFields: string[];
  /** What the backend said about the service name. */
  nameServerError?: string;
  /** What the backend said about the generated form's fields. */
  parameterErrors?: ErrorSchema;
  /** The backend's messages that no field on screen stands for. */
  otherMessages: string[];
  /** The failed request the alert is about. */
  error?: unknown;
  /** The dry run's service; the dialog shows it instead of the form. */
  preview?: Service;
  busy: boolean;
}

/** A change to the "Add service" form. */
export type AddServiceAction =
  | { type: 'environment'; name: string; services: string[] }
  | { type: 'serviceName'; value: string }
  | { type: 'parameters'; value: Record<string, unknown> }
  | { type: 'touchName' }
  | { type: 'request' }
  | { type: 'previewed'; service: Service }
  | { type: 'failed'; error: unknown }
  | { type: 'back' };

/** The form as it opens, for the given environment (if any) and template defaults. */
export function initialAddServiceState(options: {
  environment?: { name: string; services: ReadonlyArray<{ name: string }> };
  serviceName: string;
  parameters: Record<string, unknown>;
  formFields: string[];
}): AddServiceState {
  return {
    environment: options.environment?.name ?? '',
    existing: options.environment?.services.map(s => s.name) ?? [],
    serviceName: options.serviceName,
    nameTouched: false,
    parameters: options.parameters,
    formFields: options.formFields,
    otherMessages: [],
    busy: false,
  };
}

/**
 * A failed request: a 400 names fields, whose messages go next to them (and
 * leave the preview, since the fields are on the form); anything else is
 * shown as it is.
 */
function failed(state: AddServiceState, error: unknown): AddServiceState {
  if (errorStatus(error) !== 400) {
    return { ...state, busy: false, otherMessages: [], error };
  }
  const placed = placeFieldErrors(errorMessage(error), state.formFields);
  return {
    ...state,
    busy: false,
    nameServerError: placed.name,
    parameterErrors: placed.parameters,
    otherMessages: placed.other,
    error: placed.other.length > 0 ? error : undefined,
    preview: undefined,
  };
}

export function addServiceReducer(
  state: AddServiceState,
  action: AddServiceAction,
): AddServiceState {
  switch (action.type) {
    case 'environment':
      return {
        ...state,
        environment: action.name,
        existing: action.services,
        nameServerError: undefined,
      };
    case 'serviceName':
      return {
        ...state,
        serviceName: action.value,
        nameTouched: true,
        nameServerError: undefined,
      };
    case 'parameters':
      return { ...state, parameters: action.value, parameterErrors: undefined };
    case 'touchName':
      return { ...state, nameTouched: true };
    case 'request':
      return { ...state, busy: true, error: undefined };
    case 'previewed':
      return { ...state, busy: false, preview: action.service };
    case 'failed':
      return failed(state, action.error);
    case 'back':
      return { ...state, preview: undefined };
    default:
      return state;
  }
}
