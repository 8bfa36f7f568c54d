import { ResponseError } from '@backstage/errors';
import { AgendaIncident } from '@incident-followups/plugin-incident-followups-common';
import { IncidentFollowupsApi } from '../../api/IncidentFollowupsApi';
import { mergeNotes } from './mergeNotes';

export type AgendaChanges = { notes?: string; discussed?: boolean };

/** Saves after someone else's save at most this many times before giving up. */
const MAX_ATTEMPTS = 3;

/**
 * Saves changes to an agenda item on the version shown. Several attendees
 * change the agenda together: a save of someone else in between (a 409) is
 * saved again on their version, with both notes merged when both wrote notes
 * (`mergeNotes`); only notes both changed on the same lines are a conflict.
 */
export async function saveAgendaChanges(
  api: IncidentFollowupsApi,
  reviewId: string,
  shown: AgendaIncident,
  changes: AgendaChanges,
): Promise<AgendaIncident> {
  let version = shown.itemVersion;
  let request = changes;
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.updateAgendaItem(reviewId, shown.incidentId, {
        ...request,
        version,
      });
    } catch (error) {
      const stale = (error as ResponseError).response?.status === 409;
      if (!stale || attempt === MAX_ATTEMPTS) throw error;
    }
    const current = await api.getAgendaItem(reviewId, shown.incidentId);
    version = current.itemVersion;
    request = onTheirs(shown, current, changes);
  }
}

/** The changes to save on `current`, with the notes merged when both wrote notes. */
function onTheirs(
  shown: AgendaIncident,
  current: AgendaIncident,
  changes: AgendaChanges,
): AgendaChanges {
  const mine = changes.notes;
  if (mine === undefined || [shown.notes, mine].includes(current.notes)) {
    return changes;
  }
  const notes = mergeNotes(shown.notes, current.notes, mine);
  if (notes === undefined) {
    throw new Error(
      `Someone else changed the same lines of the notes on "${shown.title}" while you wrote yours. Yours are not saved: they are still in the field; copy them, then reload the page to see the notes saved.`,
    );
  }
  return { ...changes, notes };
}
