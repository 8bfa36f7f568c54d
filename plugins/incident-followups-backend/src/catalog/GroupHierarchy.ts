import {
  AuthService,
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import { CatalogOwnershipResolver } from './CatalogOwnershipResolver';

/**
 * The groups below each group, walked through the catalog with the plugin's
 * own credentials (as the incidents' owning teams are) and kept in the cache
 * service for `ttlMs`: a top-level group's walk is one catalog call per level,
 * asked on every team overview otherwise. Hierarchies change as rarely as the
 * catalog refreshes them.
 */
export class GroupHierarchy {
  constructor(
    private readonly options: {
      ownership: CatalogOwnershipResolver;
      auth: AuthService;
      cache: CacheService;
      /** 0 walks the catalog on every call. */
      ttlMs: number;
    },
  ) {}

  /**
   * Whether the catalog has the group, as the caller sees it (the catalog's
   * permissions may hide it from some); a group found is kept per caller for
   * `ttlMs`, as the descendants are, since a team page asks on every load.
   */
  async isGroup(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const { ownership, auth, cache, ttlMs } = this.options;
    let caller: string | undefined;
    if (auth.isPrincipal(credentials, 'user')) {
      caller = credentials.principal.userEntityRef;
    } else if (auth.isPrincipal(credentials, 'service')) {
      caller = `service:${credentials.principal.subject}`;
    }
    const key = caller && `group-seen:${caller}:${groupRef}`;
    if (key && ttlMs > 0) {
      const cached = await cache.get<boolean>(key);
      if (cached !== undefined) return cached;
    }
    const isGroup = await ownership.isGroup(groupRef, credentials);
    // Only a group found is kept: one the catalog has not read yet (just
    // added, or the portal just started) is asked about again next time.
    if (isGroup && key && ttlMs > 0) {
      await cache.set(key, isGroup, { ttl: ttlMs });
    }
    return isGroup;
  }

  /** The groups below `groupRef`, all the way down; none when the catalog has no such group. */
  async descendantsOf(groupRef: string): Promise<string[]> {
    const { ownership, auth, cache, ttlMs } = this.options;
    const key = `group-descendants:${groupRef}`;
    if (ttlMs > 0) {
      const cached = await cache.get<string[]>(key);
      if (cached) return cached;
    }
    const descendants = await ownership.descendantsOf(
      groupRef,
      await auth.getOwnServiceCredentials(),
    );
    if (!descendants) return [];
    if (ttlMs > 0) await cache.set(key, descendants, { ttl: ttlMs });
    return descendants;
  }
}
