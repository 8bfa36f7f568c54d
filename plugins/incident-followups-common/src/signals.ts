/**
 * The signal channel on which the backend tells open pages that an incident or its
 * followups changed.
 *
 * @public
 */
export function incidentSignalChannel(incidentId: string): string {
  return `incident-followups:incident:${incidentId}`;
}

/** @public */
export interface IncidentChangedSignal {
  incidentId: string;
  [key: string]: string;
}

/**
 * The signal channel on which the backend tells the open pages of a process
 * review that its agenda notes, decisions or attendees changed.
 *
 * @public
 */
export function processReviewSignalChannel(reviewId: string): string {
  return `incident-followups:process-review:${reviewId}`;
}

/**
 * What changed in a process review: `incidentId` names the agenda item whose
 * notes or Discussed mark changed, or whose process items a decision added to;
 * `itemVersion`, the item's version after a change of its notes or mark (the
 * page that saved it shows it already), null after other changes.
 *
 * @public
 */
export interface ProcessReviewChangedSignal {
  reviewId: string;
  incidentId: string | null;
  itemVersion: string | null;
  [key: string]: string | null;
}
