import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { LRUCache } from 'lru-cache';

const MAX_KEPT_DECISIONS = 10_000;

type Ask = () => Promise<unknown>;

/**
 * The permissions service the reads ask, keeping each answer for a few seconds
 * per caller and question: a page asks the same question with each of its
 * requests and live updates, and every answer of the permission backend costs
 * a plugin token signed, two tokens verified and an HTTP round trip (more CPU
 * than the plugin's own work on a light request). Concurrent askers share one
 * answer under way; a failure is not kept. A caller is its principal and, for
 * a user, the expiry of their token: the ownership the policy sees comes from
 * the token, so a new sign-in is asked anew. 0 keeps nothing.
 */
export function withKeptReadDecisions(
  permissions: PermissionsService,
  ttlMs: number,
): PermissionsService {
  if (ttlMs <= 0) return permissions;
  const kept = new LRUCache<string, object, Ask>({
    max: MAX_KEPT_DECISIONS,
    ttl: ttlMs,
    fetchMethod: async (_key, _stale, { context }) =>
      (await context()) as object,
  });
  const keep = async <T>(
    method: string,
    requests: unknown,
    credentials: BackstageCredentials,
    ask: () => Promise<T>,
  ): Promise<T> => {
    const caller = callerKey(credentials);
    if (!caller) return ask();
    const key = JSON.stringify([method, requests, caller]);
    return (await kept.fetch(key, { context: ask })) as T;
  };
  return {
    authorize: (requests, options) =>
      keep('authorize', requests, options.credentials, () =>
        permissions.authorize(requests, options),
      ),
    authorizeConditional: (requests, options) =>
      keep('authorizeConditional', requests, options.credentials, () =>
        permissions.authorizeConditional(requests, options),
      ),
  };
}

function callerKey(credentials: BackstageCredentials): string | undefined {
  const { principal } = credentials as BackstageCredentials<any>;
  if (principal?.type === 'user' && credentials.expiresAt) {
    return JSON.stringify([
      'user',
      principal.userEntityRef,
      credentials.expiresAt.getTime(),
      principal.actor?.subject ?? null,
    ]);
  }
  if (principal?.type === 'service') {
    return JSON.stringify([
      'service',
      principal.subject,
      principal.accessRestrictions ?? null,
    ]);
  }
  return undefined;
}
