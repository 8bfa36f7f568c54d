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
