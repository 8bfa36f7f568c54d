import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  followupUpdatePermission,
  incidentUpdatePermission,
  postmortemEditPermission,
  postmortemTransitionPermission,
} from '@incident-followups/plugin-incident-followups-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * What the signed-in user may change on one incident, as the portal's permission
 * policy answers. Until the answer arrives nothing is allowed, so no control
 * flashes on and off.
 */
export interface IncidentPermissions {
  updateIncident: boolean;
  updateFollowups: boolean;
  editPostmortem: boolean;
  transitionPostmortem: boolean;
}

const PERMISSIONS = {
  updateIncident: incidentUpdatePermission,
  updateFollowups: followupUpdatePermission,
  editPostmortem: postmortemEditPermission,
  transitionPostmortem: postmortemTransitionPermission,
};

/**
 * Asks again whenever `revision` changes: the answers follow the incident (who
 * responds, who owns the post-mortem), so a new owner may move it on at once.
 * usePermission would keep its first answer for the page's lifetime.
 */
export function useIncidentPermissions(
  incidentId: string,
  revision: string | number = '',
): IncidentPermissions {
  const permissionApi = useApi(permissionApiRef);
  const { value } = useAsync(async () => {
    const entries = await Promise.all(
      Object.entries(PERMISSIONS).map(async ([key, permission]) => {
        const { result } = await permissionApi.authorize({
          permission,
          resourceRef: incidentId,
        });
        return [key, result === AuthorizeResult.ALLOW] as const;
      }),
    );
    return Object.fromEntries(entries) as unknown as IncidentPermissions;
  }, [permissionApi, incidentId, revision]);
  return (
    value ?? {
      updateIncident: false,
      updateFollowups: false,
      editPostmortem: false,
      transitionPostmortem: false,
    }
  );
}
