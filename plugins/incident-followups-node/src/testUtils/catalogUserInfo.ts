import { UserInfoService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * User info as a sign-in through the catalog gives it: the user and the groups
 * its entity is a member of (its `memberOf` relations) as ownership refs.
 *
 * @public
 */
export function catalogUserInfo(entities: Entity[]): UserInfoService {
  return {
    async getUserInfo(credentials) {
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type !== 'user' || !principal.userEntityRef) {
        throw new InputError(
          `User info not available for principal type '${principal.type}'`,
        );
      }
      const userEntityRef = principal.userEntityRef;
      const user = entities.find(
        entity => stringifyEntityRef(entity) === userEntityRef,
      );
      const groups = (user?.relations ?? [])
        .filter(relation => relation.type === 'memberOf')
        .map(relation => relation.targetRef);
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] };
    },
  };
}
