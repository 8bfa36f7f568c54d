import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import { demoCatalog } from '../__testUtils__/demoCatalog';
import { CatalogOwnershipResolver } from '../catalog/CatalogOwnershipResolver';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { IncidentService } from './IncidentService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('IncidentService.refreshOwnership', () => {
  async function setup(entities: Entity[]) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseIncidentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = { entities };
    const service = new IncidentService({
      store,
      // The catalog answers from whatever `catalog.entities` holds at the time.
      ownership: new CatalogOwnershipResolver(
        catalogServiceMock.mock({
          getEntitiesByRefs: (request, options) =>
            catalogServiceMock({
              entities: catalog.entities,
            }).getEntitiesByRefs(request, options),
        }),
        1000,
      ),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    return { store, service, catalog };
  }

  const request = (overrides: Record<string, unknown> = {}) =>
    createIncidentRequestSchema.parse({
      title: 'Checkout failing',
      severity: 'SEV-2',
      startedAt: '2026-11-02T09:14:00Z',
      entityRefs: ['component:default/checkout-api'],
      ...overrides,
    });

  it('moves open incidents to the new owner and keeps resolved ones as they were', async () => {
    const { store, service, catalog } = await setup(demoCatalog());
    const credentials = mockCredentials.user('user:default/dave');
    const open = await service.createIncident(request(), credentials);
    const resolved = await service.createIncident(
      request({
        status: 'resolved',
        finalSeverity: 'SEV-2',
        resolvedAt: '2026-11-02T10:00:00Z',
      }),
      credentials,
    );
    expect(open.ownerRefs).toEqual(['group:default/payments']);

    catalog.entities = demoCatalog().map(e =>
      e.metadata.name === 'checkout-api'
        ? { ...e, spec: { ...e.spec, owner: 'sre' } }
        : e,
    );
    expect(await service.refreshOwnership()).toEqual({
      checked: 1,
      changed: 1,
      stale: 0,
    });
    expect((await store.getIncident(open.id))?.ownerRefs).toEqual([
      'group:default/sre',
    ]);
    expect((await store.getIncident(resolved.id))?.ownerRefs).toEqual([
      'group:default/payments',
    ]);
    const history = (await store.getIncidentDetail(open.id))!.history;
    expect(history[history.length - 1]).toMatchObject({
      actorRef: 'catalog',
      field: 'owners',
      from: ['group:default/payments'],
      to: ['group:default/sre'],
    });
  });

  it('fills in the owners of incidents stored before the catalog knew their entities', async () => {
    const { store, service, catalog } = await setup([]);
    const seeded = await service.createIncident(
      request({
        status: 'resolved',
        finalSeverity: 'SEV-2',
        resolvedAt: '2026-11-02T10:00:00Z',
      }),
      await mockServices.auth().getOwnServiceCredentials(),
      { resolveOwnersLater: true },
    );
    expect(seeded.ownersStale).toBe(true);
    expect(await service.refreshOwnership()).toEqual({
      checked: 1,
      changed: 0,
      stale: 1,
    });
    expect((await store.getIncident(seeded.id))?.ownersStale).toBe(true);

    catalog.entities = demoCatalog();
    expect(await service.refreshOwnership()).toEqual({
      checked: 1,
      changed: 1,
      stale: 0,
    });
    expect(await store.getIncident(seeded.id)).toMatchObject({
      ownerRefs: ['group:default/payments'],
      ownersStale: false,
    });
    expect(await service.refreshOwnership()).toEqual({
      checked: 0,
      changed: 0,
      stale: 0,
    });
  });
});
