import { Severity } from '../severity';
import { PostmortemStatus } from './postmortem';

/**
 * The search index type of post-mortems, as the search backend module collates
 * them and the search page filters them.
 *
 * @public
 */
export const POSTMORTEM_SEARCH_TYPE = 'incident-postmortem';

/**
 * A post-mortem as indexed in Backstage search.
 *
 * @public
 */
export interface PostmortemSearchDocument {
  /** "Post-mortem: " and the incident's title. */
  title: string;
  /** The narrative sections, as plain text. */
  text: string;
  /** The post-mortem's page in the portal. */
  location: string;
  incidentId: string;
  severity: Severity;
  status: PostmortemStatus;
  /** The post-mortem's owner. */
  ownerRef: string;
  /** The entities (services) the incident affected. */
  entityRefs: string[];
  /** The teams that own them. */
  teamRefs: string[];
  /** When the incident was resolved, or the post-mortem created before that. */
  date: string;
  /** The incident, whose read permission decides who finds the post-mortem. */
  authorization: { resourceRef: string };
}
