import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { demoCatalog } from '../__testUtils__/demoCatalog';
import {
  CatalogOwnershipResolver,
  CatalogUnavailableError,
} from './CatalogOwnershipResolver';

const credentials = mockCredentials.user();

describe('CatalogOwnershipResolver', () => {
  it('finds the owners, their parent groups up the hierarchy, and the systems', async () => {
    const resolver = new CatalogOwnershipResolver(
      catalogServiceMock({ entities: demoCatalog() }),
      1000,
    );
    expect(
      await resolver.resolve(
        [
          'component:default/checkout-api',
          'component:default/alerting-pipeline',
        ],
        credentials,
      ),
    ).toEqual({
      ownerRefs: ['group:default/payments', 'group:default/sre'],
      ancestorGroupRefs: [
        'group:default/commerce',
        'group:default/engineering',
        'group:default/platform',
      ],
      indirectEntityRefs: ['system:default/payments-platform'],
      stale: false,
    });
  });

  it('finds the groups below a group, all the way down, and stops at a cycle', async () => {
    const resolver = new CatalogOwnershipResolver(
      catalogServiceMock({ entities: demoCatalog() }),
      1000,
    );
    expect(
      await resolver.descendantsOf('group:default/engineering', credentials),
    ).toEqual([
      'group:default/commerce',
      'group:default/payments',
      'group:default/platform',
      'group:default/sre',
    ]);
    expect(
      await resolver.descendantsOf('group:default/payments', credentials),
    ).toEqual([]);
    expect(
      await resolver.descendantsOf('group:default/nobody', credentials),
    ).toBeUndefined();
    expect(
      await resolver.descendantsOf('user:default/alice', credentials),
    ).toBeUndefined();

    // SRE made the parent of its own grandparent, Engineering.
    const cyclic = demoCatalog().map(e =>
      e.metadata.name === 'sre'
        ? {
            ...e,
            relations: [
              ...(e.relations ?? []),
              { type: 'parentOf', targetRef: 'group:default/engineering' },
            ],
          }
        : e,
    );
    expect(
      await new CatalogOwnershipResolver(
        catalogServiceMock({ entities: cyclic }),
        1000,
      ).descendantsOf('group:default/platform', credentials),
    ).toEqual([
      'group:default/commerce',
      'group:default/engineering',
      'group:default/payments',
      'group:default/sre',
    ]);
  });

  it('tells a group from a user and from a ref the catalog does not know', async () => {
    const resolver = new CatalogOwnershipResolver(
      catalogServiceMock({ entities: demoCatalog() }),
      1000,
    );
    expect(await resolver.isGroup('group:default/payments', credentials)).toBe(
      true,
    );
    expect(await resolver.isGroup('user:default/alice', credentials)).toBe(
      false,
    );
    expect(await resolver.isGroup('group:default/nobody', credentials)).toBe(
      false,
    );
  });

  it('follows a service that moved to another team', async () => {
    const entities = demoCatalog();
    const catalog = catalogServiceMock({ entities });
    const resolver = new CatalogOwnershipResolver(catalog, 1000);
    const before = await resolver.resolve(
      ['component:default/checkout-api'],
      credentials,
    );
    expect(before.ownerRefs).toEqual(['group:default/payments']);

    const moved = entities.map(e =>
      e.metadata.name === 'checkout-api'
        ? { ...e, spec: { ...e.spec, owner: 'sre' } }
        : e,
    );
    const after = await new CatalogOwnershipResolver(
      catalogServiceMock({ entities: moved }),
      1000,
    ).resolve(['component:default/checkout-api'], credentials);
    expect(after.ownerRefs).toEqual(['group:default/sre']);
    expect(after.ancestorGroupRefs).toEqual([
      'group:default/engineering',
      'group:default/platform',
    ]);
  });

  it('stops at a cycle in the group hierarchy', async () => {
    const entities = [
      ...demoCatalog().filter(e => e.metadata.name !== 'engineering'),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'engineering', namespace: 'default' },
        spec: { type: 'department', children: [], parent: 'payments' },
      },
    ];
    const resolver = new CatalogOwnershipResolver(
      catalogServiceMock({ entities }),
      1000,
    );
    const result = await resolver.resolve(
      ['component:default/checkout-api'],
      credentials,
    );
    expect(result.ancestorGroupRefs).toEqual([
      'group:default/commerce',
      'group:default/engineering',
    ]);
  });

  it('marks the answer stale when an entity is unknown, and names unknown refs', async () => {
    const resolver = new CatalogOwnershipResolver(
      catalogServiceMock({ entities: demoCatalog() }),
      1000,
    );
    const result = await resolver.resolve(
      ['component:default/checkout-api', 'component:default/gone'],
      credentials,
    );
    expect(result).toMatchObject({
      ownerRefs: ['group:default/payments'],
      stale: true,
    });
    await expect(
      resolver.checkRefsExist(
        [
          { field: 'entityRefs.0', ref: 'component:default/checkout-api' },
          { field: 'responders.0.userRef', ref: 'user:default/nobody' },
        ],
        credentials,
      ),
    ).rejects.toThrow(
      "responders.0.userRef: 'user:default/nobody' is not in the catalog",
    );
  });

  it('gives up on a catalog that is down or slow', async () => {
    const down = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn().mockRejectedValue(new Error('ECONNREFUSED')),
    });
    await expect(
      new CatalogOwnershipResolver(down, 1000).resolve(
        ['component:default/x'],
        credentials,
      ),
    ).rejects.toThrow(CatalogUnavailableError);

    const slow = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    await expect(
      new CatalogOwnershipResolver(slow, 50).resolve(
        ['component:default/x'],
        credentials,
      ),
    ).rejects.toThrow('the catalog did not answer within 50 ms');
  });
});
