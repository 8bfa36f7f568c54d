import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createIncidentConditionalDecision,
  createProcessReviewConditionalDecision,
  incidentConditions,
  processReviewConditions,
} from '@incident-followups/plugin-incident-followups-backend';
import {
  followupUpdatePermission,
  incidentUpdatePermission,
  postmortemEditPermission,
  postmortemTransitionPermission,
  processReviewCreatePermission,
  processReviewDecideJoinPermission,
  processReviewEditPermission,
} from '@incident-followups/plugin-incident-followups-common';

/**
 * The portal's permission policy, an example to adapt: everyone signed in reads
 * everything and records incidents; an incident's responders, its owning teams
 * (and their parent groups), whoever recorded it and its post-mortem's owner
 * change it, its followups and its post-mortem; only its incident commander and
 * the post-mortem's owner move the post-mortem through its statuses. Everyone
 * asks to join process reviews; the incident commanders (members of
 * `incidentFollowups.incidentCommanderGroups`, everyone when unset) schedule
 * them; a meeting's organiser and the incident commanders of its period decide
 * join requests; its organiser and attendees write its notes and decisions.
 * Everything else is allowed.
 */
export class IncidentFollowupsPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      /** Members of these groups schedule process reviews; everyone when empty. */
      incidentCommanderGroups: string[];
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const userRefs = user?.info.ownershipEntityRefs ?? [];
    if (isPermission(request.permission, processReviewDecideJoinPermission)) {
      return createProcessReviewConditionalDecision(request.permission, {
        anyOf: [
          processReviewConditions.isOrganiser({ userRefs }),
          processReviewConditions.isPeriodCommander({ userRefs }),
        ],
      });
    }
    if (isPermission(request.permission, processReviewEditPermission)) {
      return createProcessReviewConditionalDecision(request.permission, {
        anyOf: [
          processReviewConditions.isOrganiser({ userRefs }),
          processReviewConditions.isAttendee({ userRefs }),
        ],
      });
    }
    if (
      isPermission(request.permission, incidentUpdatePermission) ||
      isPermission(request.permission, followupUpdatePermission) ||
      isPermission(request.permission, postmortemEditPermission)
    ) {
      return createIncidentConditionalDecision(request.permission, {
        anyOf: [
          incidentConditions.isResponder({ userRefs }),
          incidentConditions.isOwningTeamMember({ userRefs }),
          incidentConditions.isReporter({ userRefs }),
          incidentConditions.isPostmortemOwner({ userRefs }),
        ],
      });
    }
    if (isPermission(request.permission, postmortemTransitionPermission)) {
      return createIncidentConditionalDecision(request.permission, {
        anyOf: [
          incidentConditions.isIncidentCommander({ userRefs }),
          incidentConditions.isPostmortemOwner({ userRefs }),
        ],
      });
    }
    if (isPermission(request.permission, processReviewCreatePermission)) {
      const { incidentCommanderGroups } = this.options;
      const allowed =
        incidentCommanderGroups.length === 0 ||
        incidentCommanderGroups.some(group => userRefs.includes(group));
      return {
        result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs the policy in the permission backend. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'incident-followups-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new IncidentFollowupsPermissionPolicy({
            incidentCommanderGroups: (
              config.getOptionalStringArray(
                'incidentFollowups.incidentCommanderGroups',
              ) ?? []
            ).map(ref => ref.toLocaleLowerCase('en-US')),
          }),
        );
      },
    });
  },
});
