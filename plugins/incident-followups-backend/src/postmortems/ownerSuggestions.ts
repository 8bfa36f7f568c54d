import {
  IncidentDetail,
  OwnerSuggestion,
  ResponderRole,
} from '@incident-followups/plugin-incident-followups-common';

const REASONS: Partial<Record<ResponderRole, string>> = {
  'incident-commander': 'Led the response as incident commander',
  'subject-matter-expert':
    'Worked on the fix as subject matter expert and knows the system',
  deputy: 'Deputy incident commander, knows how the response went',
  scribe: 'Scribe: kept the record of the response',
};

/**
 * People who know the incident best, in the order the process recommends them:
 * who led it, who worked on the fix, who raised it. Blameless: the reasons say what
 * someone did for the response, never what went wrong.
 */
export function suggestOwners(incident: IncidentDetail): OwnerSuggestion[] {
  const suggestions = new Map<string, string>();
  for (const role of Object.keys(REASONS) as ResponderRole[]) {
    for (const responder of incident.responders) {
      if (responder.role === role && !suggestions.has(responder.userRef)) {
        suggestions.set(responder.userRef, REASONS[role]!);
      }
    }
  }
  const reporter = incident.history.find(
    change => change.field === 'created',
  )?.actorRef;
  if (reporter?.startsWith('user:') && !suggestions.has(reporter)) {
    suggestions.set(reporter, 'Raised the incident');
  }
  return [...suggestions].map(([userRef, reason]) => ({ userRef, reason }));
}
