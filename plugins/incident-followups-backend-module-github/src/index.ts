/**
 * GitHub Issues as a ticket tracker for the incident-followups backend plugin.
 *
 * @packageDocumentation
 */
export { incidentFollowupsModuleGithub as default } from './module';
export {
  GithubTicketTracker,
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITHUB_USER_LOGIN_ANNOTATION,
} from './GithubTicketTracker';
