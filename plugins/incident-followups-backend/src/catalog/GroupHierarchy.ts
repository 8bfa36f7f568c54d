import { AuthService, CacheService } from '@backstage/backend-plugin-api';
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

  /** The groups below `groupRef`, all the way down; none when the catalog has no such group. */
  async descendantsOf(groupRef: string): Promise<string[]> {
    const { ownership, auth, cache, ttlMs } = this.options;
    const key = `group-descendants:${groupRef}`;
    if (ttlMs > 0) {
      const cached = await cache.get<string[]>(key);
      if (cached) return cached;
    }
    const descendants =
      (await ownership.descendantsOf(
        groupRef,
        await auth.getOwnServiceCredentials(),
      )) ?? [];
    if (ttlMs > 0) await cache.set(key, descendants, { ttl: ttlMs });
    return descendants;
  }
}
