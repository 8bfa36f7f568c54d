import {
  IncidentDetail,
  ResponderRole,
} from '@incident-followups/plugin-incident-followups-common';

const KEY_RESPONDER_ROLES: ResponderRole[] = [
  'incident-commander',
  'deputy',
  'scribe',
  'subject-matter-expert',
];

/**
 * Who the meeting invites by default: the IC and the other key responders, the
 * owning teams of the affected services, the engineering and product managers of
 * the affected systems, the owner, and for SEV-1 the customer liaison.
 */
export function defaultInvitees(
  incident: IncidentDetail,
  ownerRef: string,
  managerRefs: string[] = [],
): string[] {
  const severity = incident.finalSeverity ?? incident.severity;
  const roles =
    severity === 'SEV-1'
      ? [...KEY_RESPONDER_ROLES, 'customer-liaison' as const]
      : KEY_RESPONDER_ROLES;
  const responders = roles.flatMap(role =>
    incident.responders.filter(r => r.role === role).map(r => r.userRef),
  );
  return [
    ...new Set([
      ...responders,
      ownerRef,
      ...incident.ownerRefs,
      ...managerRefs,
    ]),
  ];
}
