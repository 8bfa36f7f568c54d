import { ListCounter } from './cursor';
import { IncidentReadFilter } from './incidentReadFilter';
import {
  ActionItemKind,
  AutoCompletion,
  Followup,
  FollowupPriority,
  FollowupStatus,
  Page,
  PlannedRoleFollowup,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';

export interface NewActionItem {
  title: string;
  description: string;
  kind: ActionItemKind;
  priority: FollowupPriority;
  ownerRef: string | null;
  dueAt: string | null;
  ticketUrl: string | null;
  /** Who added it, for the incident's history; imports and demo data have nobody. */
  addedBy?: string;
}

export interface FollowupChanges {
  title?: string;
  description?: string;
  priority?: FollowupPriority;
  ownerRef?: string | null;
  dueAt?: string | null;
  ticketUrl?: string | null;
  status?: FollowupStatus;
  wontDoReason?: string | null;
}

export interface FollowupListQuery {
  incidentId?: string;
  /** A person: what they own, and the unassigned steps of incidents they commanded. */
  assigneeRef?: string;
  /** The person's groups: followups they own are the person's too. */
  assigneeGroupRefs?: string[];
  /** A team: followups it owns, and those of incidents it owns (with child groups). */
  teamRef?: string;
  statuses?: FollowupStatus[];
  overdue?: boolean;
  /** Only the incidents the caller may read; all when absent. */
  readable?: IncidentReadFilter;
  limit: number;
  cursor?: string;
  /**
   * `created` (the default): oldest first, page by page through `cursor`.
   * `urgency`: the most urgent first (soonest due first, those without a due
   * date last), page by page through `cursor` too.
   */
  order?: 'created' | 'urgency';
}

/** The one place that reads and writes followups. */
export interface FollowupStore {
  /** Stores the role steps; a step stored before (same key) is left as it is. */
  insertRoleFollowups(
    tx: Knex.Transaction,
    incidentId: string,
    planned: PlannedRoleFollowup[],
    actorRef: string,
  ): Promise<void>;
  createActionItem(
    incidentId: string,
    item: NewActionItem,
    tx?: Knex.Transaction,
  ): Promise<Followup>;
  /**
   * Ticks the incident's open steps that complete themselves when the portal sees
   * `completion` happen; returns how many it ticked.
   */
  completeAutomatically(
    tx: Knex.Transaction,
    incidentId: string,
    completion: AutoCompletion,
    actorRef: string,
  ): Promise<number>;
  getFollowup(id: string, tx?: Knex.Transaction): Promise<Followup | undefined>;
  /** A page of followups; `counter` counts the list when the page cannot. */
  listFollowups(
    query: FollowupListQuery,
    counter?: ListCounter,
  ): Promise<Page<Followup>>;
  updateFollowup(
    id: string,
    version: number,
    changes: FollowupChanges,
    actorRef: string,
  ): Promise<Followup>;
}
