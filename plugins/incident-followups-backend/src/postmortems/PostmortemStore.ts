import { IncidentReadFilter } from '../database/incidentReadFilter';
import {
  ChatProposal,
  Postmortem,
  PostmortemContent,
  PostmortemStatus,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';

/**
 * A post-mortem as stored: the REST shape without what is computed from the
 * incident (deadline, meeting state, default invitees).
 */
export interface PostmortemRecord
  extends Omit<
    Postmortem,
    'meetingDeadline' | 'meetingState' | 'invitees' | 'inviteesEdited'
  > {
  /** Null while the computed list is used. */
  invitees: string[] | null;
  meetingReminderFor: string | null;
}

export interface PostmortemListQuery {
  statuses?: PostmortemStatus[];
  /** The post-mortem's owner. */
  ownerRef?: string;
  /** A team: post-mortems of the incidents it owns, with its child groups'. */
  teamRef?: string;
  /** An entity the incident affected. */
  entityRef?: string;
  /** Only the incidents the caller may read; all when absent. */
  readable?: IncidentReadFilter;
  limit: number;
  cursor?: string;
}

/** What one write changes; the store bumps the version and records the transition. */
export interface PostmortemChanges {
  status?: PostmortemStatus;
  ownerRef?: string;
  content?: PostmortemContent;
  meetingScheduledFor?: string | null;
  invitees?: string[] | null;
  statusPagePostedAt?: string;
  statusPagePostedBy?: string;
  statusPageUrl?: string | null;
  stakeholdersNotifiedAt?: string;
  internalEmailSentAt?: string;
}

/**
 * Runs in the write's transaction, so that what the write brings (followups that
 * complete themselves) is stored with it or not at all.
 */
export type PostmortemWriteHook = (
  tx: Knex.Transaction,
  postmortem: PostmortemRecord,
) => Promise<void>;

export interface StoredChatProposal extends ChatProposal {
  decision: 'pending' | 'accepted' | 'dropped';
  decidedBy: string | null;
  decidedAt: string | null;
}
