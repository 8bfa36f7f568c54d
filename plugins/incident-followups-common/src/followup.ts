import { ResponderRole } from './roles';
import { Severity } from './severity';

/** @public */
export const FOLLOWUP_STATUSES = [
  'open',
  'in-progress',
  'done',
  'wont-do',
] as const;
/** @public */
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** @public */
export const FOLLOWUP_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
/** @public */
export type FollowupPriority = (typeof FOLLOWUP_PRIORITIES)[number];

/** @public */
export const ACTION_ITEM_KINDS = [
  'prevention',
  'preparedness',
  'postmortem-step',
  'process',
] as const;
/** @public */
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];

/**
 * What the portal watches to tick a checklist item by itself.
 *
 * @public
 */
export const AUTO_COMPLETIONS = [
  'resolved',
  'postmortem-owner-assigned',
  'stakeholders-emailed',
  'status-page-updated',
] as const;
/** @public */
export type AutoCompletion = (typeof AUTO_COMPLETIONS)[number];

/**
 * Anything owed after an incident: a role's checklist step, or an action item.
 *
 * @public
 */
export interface Followup {
  id: string;
  incidentId: string;
  /** The incident's title and (final) severity, for lists across incidents. */
  incidentTitle: string;
  incidentSeverity: Severity;
  type: 'role-step' | 'action-item';
  /** For role steps: the role that owes it. */
  role: ResponderRole | null;
  /** For role steps: the place in the checklists, for listing them in order. */
  position: number | null;
  title: string;
  description: string;
  /** For action items. */
  kind: ActionItemKind | null;
  priority: FollowupPriority | null;
  /** A user or a group; null when the role was not held (shown to the IC). */
  ownerRef: string | null;
  status: FollowupStatus;
  wontDoReason: string | null;
  dueAt: string | null;
  autoCompletion: AutoCompletion | null;
  ticketUrl: string | null;
  completedAt: string | null;
  completedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The statuses of a followup still owed: not done and not dropped. @public */
export const OPEN_FOLLOWUP_STATUSES: readonly FollowupStatus[] = [
  'open',
  'in-progress',
];

/** Open means not done and not dropped. @public */
export function isFollowupOpen(followup: Pick<Followup, 'status'>): boolean {
  return OPEN_FOLLOWUP_STATUSES.includes(followup.status);
}

/**
 * The answer of `POST /followups/{id}/ticket`: the action item with its ticket
 * link, the ticket, and whether this call created it (false: it existed).
 *
 * @public
 */
export interface FollowupTicketResult {
  followup: Followup;
  ticket: {
    /** The tracker module: `jira`, `github`. */
    tracker: string;
    key: string;
    url: string;
    state: 'open' | 'closed';
  };
  created: boolean;
}
