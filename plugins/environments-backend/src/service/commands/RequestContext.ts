import type { EnvironmentMode } from '@greenroom/plugin-environments-common';
import type { CallerAccess } from '../callerAccess';

/** Who asks, and how to recognise a retried request. */
export interface RequestContext {
  actor: string;
  idempotencyKey?: string;
  /**
   * sha256 of the request's method, path and canonical body
   * (`requestFingerprint`): the key replays only the same request.
   */
  requestFingerprint?: string;
  expectedRevision?: number;
  /**
   * What a background job read of the environment before deciding: the
   * command refuses a row that is no longer that environment (409), or is of
   * a mode the job must never change (403), so the job need not read it again.
   */
  precondition?: { id: string; refusedModes?: EnvironmentMode[] };
  /**
   * Why one of this plugin's background jobs acts (e.g. `auto-stop`): becomes
   * the lifecycle operation's `input.reason`, which the cost ledger records.
   * Never taken from a request; refused for any actor but the plugin's own.
   */
  reason?: string;
  /**
   * What the caller may do beyond the route's permission (owner, production,
   * admin-only fields, the update as it would be after the change). Absent
   * for the plugin's own background jobs, which are trusted.
   */
  caller?: CallerAccess;
}
