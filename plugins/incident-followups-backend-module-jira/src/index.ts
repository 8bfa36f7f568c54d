/**
 * Jira as a ticket tracker for the incident-followups backend plugin.
 *
 * @packageDocumentation
 */
export { incidentFollowupsModuleJira as default } from './module';
export {
  JiraTicketTracker,
  JIRA_PROJECT_KEY_ANNOTATION,
} from './JiraTicketTracker';
export type { JiraConfig } from './readJiraConfig';
