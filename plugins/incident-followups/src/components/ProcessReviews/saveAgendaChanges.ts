import { ResponseError } from '@backstage/errors';
import { AgendaIncident } from '@incident-followups/plugin-incident-followups-common';
import { IncidentFollowupsApi } from '../../api/IncidentFollowupsApi';
import { mergeNotes } from './mergeNotes';

export type AgendaChanges = { notes?: string; discussed?: boolean };

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
  const save = (version: number) =>
    api.updateAgendaItem(reviewId, shown.incidentId, { version, ...changes });
  try {
    return await save(shown.itemVersion);
  } catch (error) {
    if ((error as ResponseError).response?.status !== 409) throw error;
    const current = await api.getAgendaItem(reviewId, shown.incidentId);
    const bothWrote =
      changes.notes !== undefined &&
      current.notes !== shown.notes &&
      current.notes !== changes.notes;
    if (!bothWrote) return save(current.itemVersion);
    const notes = mergeNotes(shown.notes, current.notes, changes.notes!);
    if (notes === undefined) {
      throw new Error(
        `Someone else changed the same lines of the notes on "${shown.title}" while you wrote yours. Yours are not saved: they are still in the field; copy them, then reload the page to see the notes saved.`,
      );
    }
    return api.updateAgendaItem(reviewId, shown.incidentId, {
      ...changes,
      version: current.itemVersion,
      notes,
    });
  }
}
