import { mockServices } from '@backstage/backend-test-utils';
import { CreateIncidentRequest } from '@incident-followups/plugin-incident-followups-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function incident(
  overrides: Partial<CreateIncidentRequest> = {},
): CreateIncidentRequest {
  return {
    title: 'Checkout failing',
    description: '',
    severity: 'SEV-2',
    status: 'triggered',
    startedAt: '2026-11-02T09:14:00.000Z',
    entityRefs: ['component:default/checkout-api'],
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      return DatabaseIncidentStore.create({ database });
    }

    it('stores an incident and reads it back with its entities', async () => {
      const store = await createStore();
      const created = await store.createIncident(
        incident({
          status: 'resolved',
          resolvedAt: '2026-11-02T11:02:30.250Z',
          entityRefs: [
            'component:default/payment-gateway',
            'component:default/checkout-api',
          ],
        }),
      );
      expect(created).toMatchObject({
        title: 'Checkout failing',
        severity: 'SEV-2',
        status: 'resolved',
        startedAt: '2026-11-02T09:14:00.000Z',
        resolvedAt: '2026-11-02T11:02:30.250Z',
        entityRefs: [
          'component:default/checkout-api',
          'component:default/payment-gateway',
        ],
        version: 1,
      });
      expect(await store.getIncident(created.id)).toEqual(created);
      expect(
        await store.getIncident('00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
    });

    it('lists the incidents of one entity, newest first, page by page', async () => {
      const store = await createStore();
      const days = [5, 1, 3, 2, 4];
      for (const day of days) {
        await store.createIncident(
          incident({
            title: `day ${day}`,
            startedAt: `2026-11-0${day}T10:00:00.000Z`,
          }),
        );
      }
      await store.createIncident(
        incident({
          title: 'elsewhere',
          entityRefs: ['component:default/log-ingest'],
        }),
      );

      const first = await store.listIncidents({
        entityRef: 'component:default/checkout-api',
        limit: 2,
      });
      expect(first.totalCount).toBe(5);
      expect(first.items.map(i => i.title)).toEqual(['day 5', 'day 4']);
      expect(first.nextCursor).not.toBeNull();

      const second = await store.listIncidents({
        entityRef: 'component:default/checkout-api',
        limit: 2,
        cursor: first.nextCursor!,
      });
      expect(second.items.map(i => i.title)).toEqual(['day 3', 'day 2']);

      const last = await store.listIncidents({
        entityRef: 'component:default/checkout-api',
        limit: 2,
        cursor: second.nextCursor!,
      });
      expect(last.items.map(i => i.title)).toEqual(['day 1']);
      expect(last.nextCursor).toBeNull();

      const all = await store.listIncidents({ limit: 50 });
      expect(all.totalCount).toBe(6);
    });

    it('pages through incidents that started at the same moment without losing one', async () => {
      const store = await createStore();
      for (let i = 0; i < 5; i++) {
        await store.createIncident(incident({ title: `same ${i}` }));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listIncidents({ limit: 2, cursor });
        seen.push(...page.items.map(i => i.title));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual([
        'same 0',
        'same 1',
        'same 2',
        'same 3',
        'same 4',
      ]);
    });

    it('creates an incident with a given id once, however often it is asked', async () => {
      const store = await createStore();
      const id = '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001';
      const results = await Promise.all([
        store.createIncident(incident(), { id }),
        store.createIncident(incident(), { id }),
      ]);
      await store.createIncident(incident({ title: 'changed' }), { id });
      expect(results[0].id).toBe(id);
      const page = await store.listIncidents({ limit: 50 });
      expect(page.totalCount).toBe(1);
      expect(page.items[0].title).toBe('Checkout failing');
      expect(page.items[0].entityRefs).toEqual([
        'component:default/checkout-api',
      ]);
    });
  },
);
