import { ResponseError } from '@backstage/errors';
import { AgendaIncident } from '@incident-followups/plugin-incident-followups-common';
import { IncidentFollowupsApi } from '../../api/IncidentFollowupsApi';

export type AgendaChanges = { notes?: string; discussed?: boolean };

/**
 * Saves changes to an agenda item on the version shown. Several attendees
 * change the agenda together: a save of someone else in between (a 409) is
 * a conflict only when they changed the same notes to something else; any
 * other change (a Discussed mark, notes this save is not about) is saved
 * again on their version.
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
    const notesConflict =
      changes.notes !== undefined &&
      current.notes !== shown.notes &&
      current.notes !== changes.notes;
    if (notesConflict) {
      throw new Error(
        `Someone else saved other notes on "${shown.title}" while you wrote yours. Yours are not saved: they are still in the field; copy them, then reload the page to see the notes saved.`,
      );
    }
    return save(current.itemVersion);
  }
}
