import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who did something, as history records it: a user's entity ref, or a service's subject. */
export function actorRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}
