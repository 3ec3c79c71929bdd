import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { EnvironmentMode } from '@greenroom/plugin-environments-common';
import {
  componentRow,
  DatabaseChoice,
  databaseRow,
  defaultPolicy,
  durationProblem,
  environmentNameProblem,
  FieldError,
  fieldErrorsOf,
  NewEnvironmentForm,
  rowService,
  ServiceRow,
} from './formModel';

/** Everything the "New environment" form holds while it is filled in. */
export interface NewEnvironmentState extends NewEnvironmentForm {
  /** Once the user edits the policy it no longer follows the mode. */
  policyTouched: boolean;
  /** How many databases were added, for their rows' stable ids. */
  databaseCount: number;
  submitting: boolean;
  /** Whether a submit was tried: from then on every problem shows. */
  submitted: boolean;
  serverError?: { message: string; fields: FieldError[] };
}

/** A change to the form. */
export type NewEnvironmentAction =
  | { type: 'name' | 'title' | 'system' | 'owner'; value: string }
  | { type: 'mode'; mode: EnvironmentMode }
  | { type: 'idleAfter' | 'ttl'; value: string }
  | { type: 'pickComponents'; entities: Entity[] }
  | { type: 'addDatabase'; engine: DatabaseChoice }
  | { type: 'changeRow'; row: ServiceRow }
  | { type: 'removeRow'; id: string }
  | { type: 'submit' }
  | { type: 'failed'; message: string }
  | { type: 'settled' };

/** An empty form, owned by `owner` (the user's first group) unless changed. */
export function initialNewEnvironmentState(owner: string): NewEnvironmentState {
  return {
    name: '',
    title: '',
    mode: 'development',
    system: '',
    owner,
    rows: [],
    ...defaultPolicy('development'),
    policyTouched: false,
    databaseCount: 0,
    submitting: false,
    submitted: false,
  };
}

/**
 * The rows for the Components now picked: those no longer picked go, new ones
 * come after the rows already there (databases stay).
 */
function pickComponents(rows: ServiceRow[], entities: Entity[]): ServiceRow[] {
  const refs = entities.map(e => stringifyEntityRef(e));
  const next = rows.filter(
    row => row.source !== 'component' || refs.includes(row.id),
  );
  for (const entity of entities) {
    if (!next.some(row => row.id === stringifyEntityRef(entity))) {
      next.push(
        componentRow(
          entity,
          next.map(row => row.name),
        ),
      );
    }
  }
  return next;
}

export function newEnvironmentReducer(
  state: NewEnvironmentState,
  action: NewEnvironmentAction,
): NewEnvironmentState {
  switch (action.type) {
    case 'name':
    case 'title':
    case 'system':
    case 'owner':
      return { ...state, [action.type]: action.value };
    case 'mode':
      // The policy follows the mode until the user changes it.
      return {
        ...state,
        mode: action.mode,
        ...(state.policyTouched ? {} : defaultPolicy(action.mode)),
      };
    case 'idleAfter':
    case 'ttl':
      return { ...state, [action.type]: action.value, policyTouched: true };
    case 'pickComponents':
      return { ...state, rows: pickComponents(state.rows, action.entities) };
    case 'addDatabase':
      return {
        ...state,
        rows: [
          ...state.rows,
          databaseRow(
            action.engine,
            state.rows.map(row => row.name),
            `database:${state.databaseCount}`,
          ),
        ],
        databaseCount: state.databaseCount + 1,
      };
    case 'changeRow':
      return {
        ...state,
        rows: state.rows.map(row => (row.id === action.row.id ? action.row : row)),
      };
    case 'removeRow':
      return { ...state, rows: state.rows.filter(row => row.id !== action.id) };
    case 'submit': {
      const starts = !state.submitting && validateNewEnvironment(state).valid;
      return {
        ...state,
        submitted: true,
        submitting: state.submitting || starts,
        serverError: starts ? undefined : state.serverError,
      };
    }
    case 'failed':
      return {
        ...state,
        submitting: false,
        serverError: {
          message: action.message,
          fields: fieldErrorsOf(action.message),
        },
      };
    case 'settled':
      return { ...state, submitting: false };
    default:
      return state;
  }
}

/** What is wrong with the form as it is, field by field. */
export function validateNewEnvironment(state: NewEnvironmentState) {
  const nameProblem = environmentNameProblem(state.name);
  const rowChecks = state.rows.map((row, index) =>
    rowService(
      row,
      state.rows.filter((_, other) => other !== index).map(r => r.name),
    ),
  );
  const idleProblem = durationProblem(state.idleAfter);
  const ttlProblem =
    state.mode === 'preview' ? durationProblem(state.ttl) : undefined;
  const valid =
    !nameProblem &&
    state.system !== '' &&
    state.owner !== '' &&
    !idleProblem &&
    !ttlProblem &&
    rowChecks.every(check => Object.keys(check.errors).length === 0);
  return { nameProblem, rowChecks, idleProblem, ttlProblem, valid };
}
