import type {
  BaselineDatabasePolicy,
  CloneDataPolicy,
  ClonePlan,
  EnvironmentMode,
} from '@greenroom/plugin-environments-common';
import type { CloneEnvironmentRequest } from '../../api';
import type { NameAvailability } from '../../hooks/useNameAvailability';
import { defaultCloneName } from '../../lib/clone';
import {
  defaultPolicy,
  durationProblem,
  environmentNameProblem,
} from '../NewEnvironmentPage/formModel';

/** What the clone dialog holds: the form, then the dry run's plan. */
export interface CloneFormState {
  name: string;
  mode: EnvironmentMode;
  owner: string;
  ttl: string;
  /** Once the user edits the time to live it no longer follows the mode. */
  ttlTouched: boolean;
  /**
   * The data policy chosen per database service; a database not listed
   * starts empty.
   */
  dataPolicies: Record<string, CloneDataPolicy>;
  /** The services to clone, in the source's order. */
  services: string[];
  /**
   * Whether the services left out are shared with the source rather than
   * dropped; until the user chooses it follows the mode (on for a preview).
   */
  shareLeftOut?: boolean;
  /** What a shared clone does with the databases left out. */
  baselineDatabases: BaselineDatabasePolicy;
  /** The dry run's answer; the dialog shows it instead of the form. */
  plan?: ClonePlan;
  busy: boolean;
  error?: unknown;
}

/** A change to the clone dialog. */
export type CloneFormAction =
  | { type: 'name' | 'owner' | 'ttl'; value: string }
  | { type: 'mode'; mode: EnvironmentMode }
  | { type: 'dataPolicy'; service: string; dataPolicy: CloneDataPolicy }
  | { type: 'service'; service: string; checked: boolean; all: string[] }
  | { type: 'shareLeftOut'; value: boolean }
  | { type: 'baselineDatabases'; value: BaselineDatabasePolicy }
  | { type: 'request' }
  | { type: 'planned'; plan: ClonePlan }
  | { type: 'failed'; error: unknown }
  | { type: 'back' };

/** The form as it opens: a free-looking name, development, every service. */
export function initialCloneForm(options: {
  source: string;
  services: string[];
  owner: string;
}): CloneFormState {
  return {
    name: defaultCloneName(options.source),
    mode: 'development',
    owner: options.owner,
    ttl: defaultPolicy('development').ttl,
    ttlTouched: false,
    dataPolicies: {},
    services: options.services,
    baselineDatabases: 'clone',
    busy: false,
  };
}

export function cloneFormReducer(
  state: CloneFormState,
  action: CloneFormAction,
): CloneFormState {
  switch (action.type) {
    case 'name':
    case 'owner':
      return { ...state, [action.type]: action.value };
    case 'ttl':
      return { ...state, ttl: action.value, ttlTouched: true };
    case 'mode':
      return {
        ...state,
        mode: action.mode,
        ttl: state.ttlTouched ? state.ttl : defaultPolicy(action.mode).ttl,
      };
    case 'dataPolicy':
      return {
        ...state,
        dataPolicies: {
          ...state.dataPolicies,
          [action.service]: action.dataPolicy,
        },
      };
    case 'shareLeftOut':
    case 'baselineDatabases':
      return { ...state, [action.type]: action.value };
    case 'service':
      // Kept in the order of `all`, whatever the order of the clicks.
      return {
        ...state,
        services: action.all.filter(s =>
          s === action.service ? action.checked : state.services.includes(s),
        ),
      };
    case 'request':
      return { ...state, busy: true, error: undefined };
    case 'planned':
      return { ...state, busy: false, plan: action.plan };
    case 'failed':
      return { ...state, busy: false, error: action.error };
    case 'back':
      return { ...state, plan: undefined, error: undefined };
    default:
      return state;
  }
}

/**
 * Whether the clone shares the services left out with the source: only some
 * are picked, and the user chose so (or, until they choose, it is a preview).
 */
export function sharesLeftOut(
  state: CloneFormState,
  allServices: ReadonlyArray<string>,
): boolean {
  const subset =
    state.services.length > 0 && state.services.length < allServices.length;
  return subset && (state.shareLeftOut ?? state.mode === 'preview');
}

/**
 * Whether the clone deploys the database `service`: it is picked, or the
 * services left out are shared and their databases cloned anyway.
 */
export function deploysDatabase(
  state: CloneFormState,
  allServices: ReadonlyArray<string>,
  service: string,
): boolean {
  return (
    state.services.includes(service) ||
    (sharesLeftOut(state, allServices) && state.baselineDatabases === 'clone')
  );
}

/** What stops the form from being sent. */
export function validateCloneForm(
  state: CloneFormState,
  availability: NameAvailability | undefined,
) {
  const nameProblem = environmentNameProblem(state.name);
  const ttlProblem = durationProblem(state.ttl);
  const valid =
    !nameProblem &&
    availability !== 'taken' &&
    state.owner !== '' &&
    !ttlProblem &&
    state.services.length > 0;
  return { nameProblem, ttlProblem, valid };
}

/**
 * The `data` of the clone request: the policy of each database the clone
 * deploys, when not empty (the `dataPolicy` every other database follows).
 */
function dataRequest(
  state: CloneFormState,
  allServices: ReadonlyArray<string>,
): CloneEnvironmentRequest['data'] {
  const chosen = Object.entries(state.dataPolicies).filter(
    ([service, policy]) =>
      policy !== 'empty' && deploysDatabase(state, allServices, service),
  );
  return chosen.length === 0
    ? undefined
    : Object.fromEntries(
        chosen.map(([service, policy]) => [service, { policy }]),
      );
}

/**
 * The body of the clone request: only what differs from the defaults (every
 * service, no time to live, nothing shared, databases empty).
 */
export function cloneRequest(
  state: CloneFormState,
  allServices: ReadonlyArray<string>,
): Omit<CloneEnvironmentRequest, 'dryRun'> {
  const { name, mode, owner, ttl, services } = state;
  const data = dataRequest(state, allServices);
  return {
    name,
    mode,
    owner,
    ...(ttl.trim() !== '' && { ttl: ttl.trim() }),
    dataPolicy: 'empty',
    ...(data && { data }),
    ...(services.length < allServices.length && { services }),
    ...(sharesLeftOut(state, allServices) && {
      baseline: { databases: state.baselineDatabases },
    }),
  };
}
