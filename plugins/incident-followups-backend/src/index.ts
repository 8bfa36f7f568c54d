/**
 * The incident-followups backend plugin.
 *
 * @packageDocumentation
 */

export { incidentFollowupsPlugin as default } from './plugin';
