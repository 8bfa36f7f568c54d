import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Ownership } from '../database/IncidentStore';

/** Group hierarchies deeper than this are cut off (and cycles in them stopped). */
const MAX_HIERARCHY_DEPTH = 20;

/** Annotations that name the managers of an entity, its system or its team. */
export const MANAGER_ANNOTATIONS = [
  'incident-followups/engineering-manager',
  'incident-followups/product-manager',
];

/** The catalog did not answer (down, slow, or failing): the caller degrades. */
export class CatalogUnavailableError extends Error {
  name = 'CatalogUnavailableError';
}

function relativeRef(
  value: unknown,
  defaultKind: string,
  entity: Entity,
): string | undefined {
  if (typeof value !== 'string' || !value) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata?.namespace ?? 'default',
      }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

/** What each question reads of the entities: the catalog sends only these. */
const FIELDS = {
  existence: ['kind', 'metadata.name'],
  kind: ['kind'],
  hierarchy: ['kind', 'relations'],
  relations: ['relations'],
  ownership: [
    'kind',
    'metadata.namespace',
    'spec.owner',
    'spec.system',
    'spec.parent',
  ],
  email: ['spec.profile.email'],
};

function isGroupEntity(entity: Entity | undefined): entity is Entity {
  return entity?.kind.toLowerCase() === 'group';
}

/**
 * Answers who owns an incident's entities by asking the catalog: each entity's
 * `spec.owner`, then the owners' parent groups up the hierarchy, and the systems
 * the entities belong to.
 */
export class CatalogOwnershipResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Checks that the refs name entities the catalog knows; an unknown one is an
   * InputError naming it.
   */
  async checkRefsExist(
    refs: { field: string; ref: string }[],
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (refs.length === 0) return;
    const entities = await this.fetch(
      refs.map(r => r.ref),
      credentials,
      FIELDS.existence,
    );
    const unknown = refs.filter((_, i) => !entities[i]);
    if (unknown.length > 0) {
      throw new InputError(
        unknown
          .map(u => `${u.field}: '${u.ref}' is not in the catalog`)
          .join('; '),
      );
    }
  }

  async resolve(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Ownership> {
    const entities = await this.fetch(
      entityRefs,
      credentials,
      FIELDS.ownership,
    );
    // An entity the catalog does not know (yet, or any more) is asked about again later.
    const incomplete = entities.some(entity => !entity);
    const ownerRefs = new Set<string>();
    const indirect = new Set<string>();
    for (const entity of entities) {
      if (!entity) continue;
      const owner = relativeRef(entity.spec?.owner, 'group', entity);
      if (owner) ownerRefs.add(owner);
      const system = relativeRef(entity.spec?.system, 'system', entity);
      if (system && !entityRefs.includes(system)) indirect.add(system);
    }

    const ancestors = new Set<string>();
    let frontier = [...ownerRefs].filter(r => r.startsWith('group:'));
    const seen = new Set(frontier);
    for (
      let depth = 0;
      depth < MAX_HIERARCHY_DEPTH && frontier.length;
      depth++
    ) {
      const groups = await this.fetch(frontier, credentials, FIELDS.ownership);
      const next: string[] = [];
      for (const group of groups) {
        if (!group) continue;
        const parent = relativeRef(group.spec?.parent, 'group', group);
        if (parent && !seen.has(parent)) {
          seen.add(parent);
          ancestors.add(parent);
          next.push(parent);
        }
      }
      frontier = next;
    }

    return {
      ownerRefs: [...ownerRefs].sort(),
      ancestorGroupRefs: [...ancestors].sort(),
      indirectEntityRefs: [...indirect].sort(),
      stale: incomplete,
    };
  }

  /**
   * The engineering and product managers of the entities, named by the
   * `incident-followups/engineering-manager` and `incident-followups/product-manager`
   * annotations (comma-separated user refs) on each entity, its system or its
   * owning group.
   */
  async managersOf(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (entityRefs.length === 0) return [];
    const entities = (await this.fetch(entityRefs, credentials)).filter(
      (e): e is Entity => !!e,
    );
    const around = new Set<string>();
    for (const entity of entities) {
      const system = relativeRef(entity.spec?.system, 'system', entity);
      const owner = relativeRef(entity.spec?.owner, 'group', entity);
      if (system) around.add(system);
      if (owner) around.add(owner);
    }
    const related = around.size
      ? (await this.fetch([...around], credentials)).filter(
          (e): e is Entity => !!e,
        )
      : [];
    const managers = new Set<string>();
    for (const entity of [...entities, ...related]) {
      for (const key of MANAGER_ANNOTATIONS) {
        for (const value of (entity.metadata.annotations?.[key] ?? '').split(
          ',',
        )) {
          const ref = relativeRef(value.trim(), 'user', entity);
          if (ref?.startsWith('user:')) managers.add(ref);
        }
      }
    }
    return [...managers].sort();
  }

  /** Whether the catalog has a group of this ref that the caller may see. */
  async isGroup(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [entity] = await this.fetch([ref], credentials, FIELDS.kind);
    return isGroupEntity(entity);
  }

  /**
   * The groups below a group (`parentOf` relations, all the way down, cycle-safe);
   * undefined when the catalog has no such group.
   */
  async descendantsOf(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const [group] = await this.fetch([groupRef], credentials, FIELDS.hierarchy);
    if (!isGroupEntity(group)) return undefined;
    const seen = new Set<string>([groupRef]);
    let frontier = [group];
    for (
      let depth = 0;
      depth < MAX_HIERARCHY_DEPTH && frontier.length;
      depth++
    ) {
      const children = frontier
        .flatMap(entity => entity.relations ?? [])
        .filter(relation => relation.type === 'parentOf')
        .map(relation => relation.targetRef.toLowerCase())
        .filter(ref => !seen.has(ref));
      children.forEach(ref => seen.add(ref));
      frontier = children.length
        ? (await this.fetch(children, credentials, FIELDS.hierarchy)).filter(
            (e): e is Entity => !!e,
          )
        : [];
    }
    seen.delete(groupRef);
    return [...seen].sort();
  }

  /** The direct members (`hasMember` relations) of each group among `groupRefs`. */
  async membersOf(
    groupRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string[]>> {
    return this.related(groupRefs, 'hasMember', credentials);
  }

  /** The groups a user is a direct member of (`memberOf` relations). */
  async groupsOf(
    userRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    return (await this.related([userRef], 'memberOf', credentials)).get(
      userRef,
    )!;
  }

  private async related(
    refs: string[],
    relationType: string,
    credentials: BackstageCredentials,
  ): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (refs.length === 0) return result;
    const entities = await this.fetch(refs, credentials, FIELDS.relations);
    refs.forEach((ref, i) => {
      result.set(
        ref,
        (entities[i]?.relations ?? [])
          .filter(relation => relation.type === relationType)
          .map(relation => relation.targetRef.toLowerCase()),
      );
    });
    return result;
  }

  /** The email addresses (`spec.profile.email`) of the users among `refs` that have one. */
  async emailsOf(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const users = refs.filter(ref => ref.startsWith('user:'));
    if (users.length === 0) return new Map();
    const entities = await this.fetch(users, credentials, FIELDS.email);
    const emails = new Map<string, string>();
    entities.forEach((entity, i) => {
      const email = (entity?.spec?.profile as { email?: unknown } | undefined)
        ?.email;
      if (typeof email === 'string' && email) emails.set(users[i], email);
    });
    return emails;
  }

  /** The entities of `refs` in their order (undefined where the caller sees none), only `fields` of them when given. */
  private async fetch(
    refs: string[],
    credentials: BackstageCredentials,
    fields?: string[],
  ): Promise<(Entity | undefined)[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const response = await Promise.race([
        this.catalog.getEntitiesByRefs(
          { entityRefs: refs, fields },
          { credentials },
        ),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new CatalogUnavailableError(
                  `the catalog did not answer within ${this.timeoutMs} ms`,
                ),
              ),
            this.timeoutMs,
          );
        }),
      ]);
      return refs.map((_, i) => response.items[i] ?? undefined);
    } catch (error) {
      if (error instanceof CatalogUnavailableError) throw error;
      throw new CatalogUnavailableError(
        `the catalog could not be asked: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
