import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { incidentReadPermission } from '@incident-followups/plugin-incident-followups-common';
import {
  IncidentQuery,
  IncidentReadFilter,
} from '../database/incidentReadFilter';
import { IncidentResource } from './incidentPermissions';

/** What the policy lets a caller read: lists are filtered in SQL, and one incident is checked by id. */
export interface ReadAccess {
  filter(credentials: BackstageCredentials): Promise<IncidentReadFilter>;
  /** A 404, as for a missing incident, when the caller may not read it. */
  check(credentials: BackstageCredentials, incidentId: string): Promise<void>;
}

export function createReadAccess(
  permissions: PermissionsService,
  ruleset: PermissionRuleset<IncidentResource, IncidentQuery>,
): ReadAccess {
  const toQuery = createConditionTransformer(ruleset);
  return {
    async filter(credentials) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission: incidentReadPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.CONDITIONAL) {
        return { kind: 'conditional', criteria: toQuery(decision.conditions) };
      }
      return {
        kind: decision.result === AuthorizeResult.ALLOW ? 'all' : 'none',
      };
    },
    async check(credentials, incidentId) {
      const [decision] = await permissions.authorize(
        [{ permission: incidentReadPermission, resourceRef: incidentId }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotFoundError(`No incident with id ${incidentId}`);
      }
    },
  };
}
