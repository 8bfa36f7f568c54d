import {
  Followup,
  FollowupStatus,
  RESPONDER_ROLE_TITLES,
} from '@incident-followups/plugin-incident-followups-common';
import { FollowupChanges } from '../../api/IncidentFollowupsApi';

/** What kind of followup it is: its role's title, or "Action item" with its priority. */
export function followupKind(followup: Followup): string {
  return followup.role
    ? RESPONDER_ROLE_TITLES[followup.role]
    : `Action item · ${followup.priority}`;
}

/** A status change, based on the version the user saw. */
export function statusChange(
  followup: Followup,
  status: FollowupStatus,
  wontDoReason?: string,
): FollowupChanges {
  return {
    version: followup.version,
    status,
    ...(wontDoReason ? { wontDoReason } : {}),
  };
}
