/**
 * The PagerDuty module of the incident-followups backend: imports PagerDuty incidents.
 *
 * @packageDocumentation
 */

export { incidentFollowupsModulePagerDuty as default } from './module';
