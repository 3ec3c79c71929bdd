/**
 * Topic on Backstage's events service where the environments plugin says
 * which environment changed, so the catalog can update its entity at once.
 *
 * @public
 */
export const ENVIRONMENT_CHANGES_TOPIC = 'greenroom.environments.changed';

/** @public */
export interface EnvironmentChangeEvent {
  name: string;
  change: 'upserted' | 'deleted';
}
