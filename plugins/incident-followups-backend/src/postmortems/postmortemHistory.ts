import { MARKDOWN_SECTIONS } from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { isDeepStrictEqual } from 'node:util';
import { writeHistory } from '../database/writeHistory';
import { PostmortemChanges, PostmortemRecord } from './PostmortemStore';

/** The field under which edits of the template are kept in the incident's history. */
export const POSTMORTEM_EDIT_FIELD = 'postmortemContent';

/** Autosave writes every second; one editing session is one line of history. */
const EDIT_SESSION_MS = 15 * 60_000;

const CONTENT_TITLES: Record<string, string> = {
  ...Object.fromEntries(MARKDOWN_SECTIONS.map(s => [s.key, s.title])),
  impact: 'Impact',
  timeline: 'Timeline',
  externalMessage: 'External message',
  callRecordingUrl: 'Call recording',
};

/** The template's parts that a write changes, by title. */
export function changedSections(
  current: PostmortemRecord,
  changes: PostmortemChanges,
): string[] {
  if (!changes.content) return [];
  const before = current.content as unknown as Record<string, unknown>;
  const after = changes.content as unknown as Record<string, unknown>;
  return Object.keys(CONTENT_TITLES)
    .filter(key => !isDeepStrictEqual(before[key], after[key]))
    .map(key => CONTENT_TITLES[key]);
}

/** What a post-mortem write tells the incident's history, beside the template's text. */
export function postmortemHistory(
  current: PostmortemRecord,
  changes: PostmortemChanges,
): { field: string; from: unknown; to: unknown }[] {
  const entries: { field: string; from: unknown; to: unknown }[] = [];
  if (changes.status && changes.status !== current.status) {
    entries.push({
      field: 'postmortemStatus',
      from: current.status,
      to: changes.status,
    });
  }
  if (changes.ownerRef && changes.ownerRef !== current.ownerRef) {
    entries.push({
      field: 'postmortemOwner',
      from: current.ownerRef,
      to: changes.ownerRef,
    });
  }
  if (
    changes.meetingScheduledFor !== undefined &&
    changes.meetingScheduledFor !== current.meetingScheduledFor
  ) {
    entries.push({
      field: 'postmortemMeeting',
      from: current.meetingScheduledFor,
      to: changes.meetingScheduledFor,
    });
  }
  if (
    changes.invitees !== undefined &&
    !isDeepStrictEqual(changes.invitees, current.invitees)
  ) {
    entries.push({
      field: 'postmortemInvitees',
      from: current.invitees ?? 'computed',
      to: changes.invitees ?? 'computed',
    });
  }
  if (changes.statusPagePostedAt && !current.statusPagePostedAt) {
    entries.push({
      field: 'statusPagePosted',
      from: null,
      to: changes.statusPageUrl ?? 'posted',
    });
  }
  if (changes.stakeholdersNotifiedAt) {
    entries.push({ field: 'stakeholdersNotified', from: null, to: 'sent' });
  }
  if (changes.internalEmailSentAt) {
    entries.push({ field: 'internalEmailSent', from: null, to: 'sent' });
  }
  return entries;
}

/**
 * Records which parts of the template someone edited. Saves by the same person
 * within one editing session join the line they started, so autosave does not
 * bury the history.
 */
export async function recordPostmortemEdit(
  tx: Knex.Transaction,
  incidentId: string,
  actorRef: string,
  at: Date,
  sections: string[],
): Promise<void> {
  if (sections.length === 0) return;
  const last = await tx('incident_history')
    .where({ incident_id: incidentId })
    .orderBy('id', 'desc')
    .first();
  if (
    last &&
    last.field === POSTMORTEM_EDIT_FIELD &&
    last.actor_ref === actorRef &&
    at.getTime() - new Date(last.changed_at).getTime() < EDIT_SESSION_MS
  ) {
    const earlier: string[] = JSON.parse(last.to_value ?? '[]');
    const merged = [...earlier, ...sections.filter(s => !earlier.includes(s))];
    await tx('incident_history')
      .where({ id: last.id })
      .update({ to_value: JSON.stringify(merged), changed_at: at });
    return;
  }
  await writeHistory(tx, incidentId, actorRef, at, [
    { field: POSTMORTEM_EDIT_FIELD, from: null, to: sections },
  ]);
}
