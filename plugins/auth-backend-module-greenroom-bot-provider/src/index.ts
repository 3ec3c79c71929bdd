/**
 * Auth backend module for Greenroom: the `greenroom-bot` provider issues
 * Backstage user tokens of the previews bot (`environments.github.actAs`),
 * to the environments plugin only.
 *
 * @packageDocumentation
 */

export { authModuleGreenroomBotProvider as default } from './module';
export { BOT_AUTH_PROVIDER_ID, ENVIRONMENTS_PLUGIN } from './module';
