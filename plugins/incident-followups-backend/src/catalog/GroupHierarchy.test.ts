import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { JsonValue } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { demoCatalog } from '../__testUtils__/demoCatalog';
import { CatalogOwnershipResolver } from './CatalogOwnershipResolver';
import { GroupHierarchy } from './GroupHierarchy';

const ENGINEERING_BELOW = [
  'group:default/commerce',
  'group:default/payments',
  'group:default/platform',
  'group:default/sre',
];

function setUp(ttlMs: number) {
  const catalog = catalogServiceMock({ entities: demoCatalog() });
  const asked = jest.spyOn(catalog, 'getEntitiesByRefs');
  const stored = new Map<string, JsonValue>();
  const cache = mockServices.cache.mock({
    get: jest.fn(async (key: string) => stored.get(key)) as any,
    set: jest.fn(async (key: string, value: JsonValue) => {
      stored.set(key, value);
    }),
  });
  const hierarchy = new GroupHierarchy({
    ownership: new CatalogOwnershipResolver(catalog, 1000),
    auth: mockServices.auth(),
    cache,
    ttlMs,
  });
  return { hierarchy, asked, cache };
}

describe('GroupHierarchy', () => {
  it('walks the catalog once with the plugin’s own credentials, then answers from the cache', async () => {
    const { hierarchy, asked, cache } = setUp(60_000);
    expect(await hierarchy.descendantsOf('group:default/engineering')).toEqual(
      ENGINEERING_BELOW,
    );
    const walked = asked.mock.calls.length;
    expect(walked).toBeGreaterThan(1);
    for (const [, options] of asked.mock.calls) {
      expect(
        (options as { credentials: BackstageCredentials }).credentials
          .principal,
      ).toMatchObject({
        type: 'service',
      });
    }
    expect(cache.set).toHaveBeenCalledWith(
      'group-descendants:group:default/engineering',
      ENGINEERING_BELOW,
      { ttl: 60_000 },
    );

    expect(await hierarchy.descendantsOf('group:default/engineering')).toEqual(
      ENGINEERING_BELOW,
    );
    expect(asked).toHaveBeenCalledTimes(walked);
    expect(await hierarchy.descendantsOf('group:default/nobody')).toEqual([]);
  });

  it('asks the catalog every time when kept for 0', async () => {
    const { hierarchy, asked, cache } = setUp(0);
    await hierarchy.descendantsOf('group:default/engineering');
    const walked = asked.mock.calls.length;
    expect(await hierarchy.descendantsOf('group:default/engineering')).toEqual(
      ENGINEERING_BELOW,
    );
    expect(asked).toHaveBeenCalledTimes(2 * walked);
    expect(cache.get).not.toHaveBeenCalled();
    expect(cache.set).not.toHaveBeenCalled();
  });

  it('tells whether a group exists as each caller sees it, kept per caller', async () => {
    const { hierarchy, asked } = setUp(60_000);
    const dave = mockCredentials.user('user:default/dave');
    const erin = mockCredentials.user('user:default/erin');
    expect(await hierarchy.isGroup('group:default/payments', dave)).toBe(true);
    expect(await hierarchy.isGroup('group:default/nobody', dave)).toBe(false);
    expect(asked).toHaveBeenCalledTimes(2);
    expect(asked.mock.calls[0][1]).toMatchObject({ credentials: dave });

    expect(await hierarchy.isGroup('group:default/payments', dave)).toBe(true);
    expect(asked).toHaveBeenCalledTimes(2);

    // Another caller is asked about with their own credentials.
    expect(await hierarchy.isGroup('group:default/payments', erin)).toBe(true);
    expect(asked).toHaveBeenCalledTimes(3);
    expect(asked.mock.calls[2][1]).toMatchObject({ credentials: erin });
  });

  it('asks again about a group the catalog did not have: it may have read it since', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const stored = new Map<string, JsonValue>();
    const hierarchy = new GroupHierarchy({
      ownership: new CatalogOwnershipResolver(catalog, 1000),
      auth: mockServices.auth(),
      cache: mockServices.cache.mock({
        get: jest.fn(async (key: string) => stored.get(key)) as any,
        set: jest.fn(async (key: string, value: JsonValue) => {
          stored.set(key, value);
        }),
      }),
      ttlMs: 60_000,
    });
    const dave = mockCredentials.user('user:default/dave');
    expect(await hierarchy.isGroup('group:default/payments', dave)).toBe(false);
    expect(await hierarchy.descendantsOf('group:default/commerce')).toEqual([]);

    // The catalog reads the org file: the group is there on the next load.
    const read = catalogServiceMock({ entities: demoCatalog() });
    jest
      .spyOn(catalog, 'getEntitiesByRefs')
      .mockImplementation((request, options) =>
        read.getEntitiesByRefs(request, options),
      );
    expect(await hierarchy.isGroup('group:default/payments', dave)).toBe(true);
    expect(await hierarchy.descendantsOf('group:default/commerce')).toEqual([
      'group:default/payments',
    ]);
  });

  it('asks the catalog whether a group exists every time when kept for 0', async () => {
    const { hierarchy, asked } = setUp(0);
    const dave = mockCredentials.user('user:default/dave');
    await hierarchy.isGroup('group:default/payments', dave);
    await hierarchy.isGroup('group:default/payments', dave);
    expect(asked).toHaveBeenCalledTimes(2);
  });
});
