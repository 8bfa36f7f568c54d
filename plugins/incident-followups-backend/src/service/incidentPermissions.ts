import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  IncidentDetail,
  INCIDENT_RESOURCE_TYPE,
} from '@incident-followups/plugin-incident-followups-common';
import { IncidentQuery } from '../database/incidentReadFilter';

/** What the permission rules see of an incident. */
export interface IncidentResource {
  id: string;
  /** Everyone in a response role. */
  responderRefs: string[];
  commanderRefs: string[];
  /** The owning teams and their parent groups. */
  owningGroupRefs: string[];
  /** Who recorded the incident. */
  reporterRef: string | null;
  postmortemOwnerRef: string | null;
}

export function toIncidentResource(incident: IncidentDetail): IncidentResource {
  return {
    id: incident.id,
    responderRefs: incident.responders.map(r => r.userRef),
    commanderRefs: incident.responders
      .filter(r => r.role === 'incident-commander')
      .map(r => r.userRef),
    owningGroupRefs: incident.owningGroupRefs,
    reporterRef:
      incident.history.find(change => change.field === 'created')?.actorRef ??
      null,
    postmortemOwnerRef: incident.postmortem?.ownerRef ?? null,
  };
}

/** The incident resource of the permission framework. @public */
export const incidentResourceRef = createPermissionResourceRef<
  IncidentResource,
  IncidentQuery
>().with({
  pluginId: 'incident-followups',
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** The params of every rule here: the user's refs, usually the identity's ownership refs. */
type UserRefsParams = { userRefs: string[] };

// No paramsSchema: see processReviewPermissions.ts (zod 4 vs this repo's zod 3).
function rule(
  name: IncidentQuery['relation'],
  description: string,
  refsOf: (incident: IncidentResource) => (string | null)[],
) {
  return createPermissionRule<typeof incidentResourceRef, UserRefsParams>({
    name,
    description,
    resourceRef: incidentResourceRef,
    apply: (incident, { userRefs }) =>
      refsOf(incident).some(ref => ref !== null && userRefs.includes(ref)),
    toQuery: ({ userRefs }) => ({ relation: name, refs: userRefs }),
  });
}

/** The rules a permission policy can use for incidents (and their followups and post-mortems). @public */
export const incidentRules = {
  isResponder: rule(
    'IS_RESPONDER',
    'The user held a response role in the incident',
    incident => incident.responderRefs,
  ),
  isIncidentCommander: rule(
    'IS_INCIDENT_COMMANDER',
    'The user was the incident commander',
    incident => incident.commanderRefs,
  ),
  isOwningTeamMember: rule(
    'IS_OWNING_TEAM_MEMBER',
    'The user is in a team that owns an affected service, or in one of its parent groups',
    incident => incident.owningGroupRefs,
  ),
  isReporter: rule(
    'IS_REPORTER',
    'The user recorded the incident',
    incident => [incident.reporterRef],
  ),
  isPostmortemOwner: rule(
    'IS_POSTMORTEM_OWNER',
    "The user owns the incident's post-mortem",
    incident => [incident.postmortemOwnerRef],
  ),
};

/** Conditions for permission policies on incidents. @public */
export const {
  conditions: incidentConditions,
  createConditionalDecision: createIncidentConditionalDecision,
} = createConditionExports({
  resourceRef: incidentResourceRef,
  rules: incidentRules,
});
