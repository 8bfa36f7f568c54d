import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Asks the permission policy; refuses with 403 naming the permission. */
export type Authorize = (
  credentials: BackstageCredentials,
  permission: BasicPermission | ResourcePermission,
  resourceRef?: string,
) => Promise<void>;

export function createAuthorize(permissions: PermissionsService): Authorize {
  return async (credentials, permission, resourceRef) => {
    const [decision] = await permissions.authorize(
      [
        permission.type === 'resource'
          ? {
              permission: permission as ResourcePermission,
              resourceRef: resourceRef!,
            }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not do this (${permission.name}); the portal's permission policy decides who may`,
      );
    }
  };
}
