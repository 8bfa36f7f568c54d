import { mockServices } from '@backstage/backend-test-utils';
import {
  createIncidentRequestSchema,
  planIncidentUpdate,
} from '@incident-followups/plugin-incident-followups-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { statementsSent } from '../__testUtils__/statementsSent';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { Ownership } from './IncidentStore';
import { DataVersions } from '../answers/DataVersions';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const payments: Ownership = {
  ownerRefs: ['group:default/payments'],
  ancestorGroupRefs: ['group:default/commerce', 'group:default/engineering'],
  indirectEntityRefs: ['system:default/payments-platform'],
  stale: false,
};

function request(overrides: Record<string, unknown> = {}) {
  return createIncidentRequestSchema.parse({
    title: 'Checkout failing',
    severity: 'SEV-2',
    startedAt: '2026-11-02T09:14:00.000Z',
    entityRefs: ['component:default/checkout-api'],
    ...overrides,
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseIncidentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    }

    async function create(
      store: DatabaseIncidentStore,
      overrides: Record<string, unknown> = {},
      ownership: Ownership = payments,
    ) {
      const { incident } = await store.createIncident(request(overrides), {
        ownership,
        actorRef: 'user:default/alice',
      });
      return incident;
    }

    it('stores an incident with its responders, source and owners', async () => {
      const store = await createStore();
      const created = await create(store, {
        status: 'resolved',
        finalSeverity: 'SEV-3',
        acknowledgedAt: '2026-11-02T09:20:00.000Z',
        resolvedAt: '2026-11-02T11:02:30.250Z',
        entityRefs: [
          'component:default/payment-gateway',
          'component:default/checkout-api',
        ],
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
          { role: 'scribe', userRef: 'user:default/bob' },
          { role: 'scribe', userRef: 'user:default/carol' },
        ],
        source: {
          type: 'pagerduty',
          externalId: 'Q1',
          url: 'https://acme.pagerduty.com/incidents/Q1',
        },
      });
      expect(created).toMatchObject({
        severity: 'SEV-2',
        finalSeverity: 'SEV-3',
        status: 'resolved',
        acknowledgedAt: '2026-11-02T09:20:00.000Z',
        resolvedAt: '2026-11-02T11:02:30.250Z',
        entityRefs: [
          'component:default/checkout-api',
          'component:default/payment-gateway',
        ],
        ownerRefs: ['group:default/payments'],
        ownersStale: false,
        source: {
          type: 'pagerduty',
          externalId: 'Q1',
          url: 'https://acme.pagerduty.com/incidents/Q1',
        },
        primaryIncidentId: null,
        relatedIncidentCount: 0,
        version: 1,
      });
      expect(created.responders).toEqual([
        { role: 'incident-commander', userRef: 'user:default/dave' },
        { role: 'scribe', userRef: 'user:default/bob' },
        { role: 'scribe', userRef: 'user:default/carol' },
      ]);
      const detail = await store.getIncidentDetail(created.id);
      expect(detail?.owningGroupRefs).toEqual([
        'group:default/commerce',
        'group:default/engineering',
        'group:default/payments',
      ]);
      expect(detail?.history.map(h => h.field)).toEqual([
        'created',
        'ownersAtResolution',
      ]);
      expect(detail?.history[1].to).toEqual(['group:default/payments']);
    });

    it('filters by entity, system, owning team up the hierarchy, status, severity and time', async () => {
      const store = await createStore();
      await create(store, { title: 'a', startedAt: '2026-11-01T10:00:00Z' });
      await create(store, {
        title: 'b',
        startedAt: '2026-11-03T10:00:00Z',
        status: 'resolved',
        finalSeverity: 'SEV-4',
        resolvedAt: '2026-11-03T11:00:00Z',
      });
      await create(
        store,
        {
          title: 'c',
          startedAt: '2026-11-05T10:00:00Z',
          severity: 'SEV-1',
          entityRefs: ['component:default/log-ingest'],
        },
        {
          ownerRefs: ['group:default/data'],
          ancestorGroupRefs: [
            'group:default/platform',
            'group:default/engineering',
          ],
          indirectEntityRefs: ['system:default/observability'],
          stale: false,
        },
      );
      const titles = async (query: Record<string, unknown>) =>
        (await store.listIncidents({ limit: 50, ...query })).items.map(
          i => i.title,
        );

      expect(await titles({})).toEqual(['c', 'b', 'a']);
      expect(
        await titles({ entityRef: 'component:default/checkout-api' }),
      ).toEqual(['b', 'a']);
      expect(
        await titles({ entityRef: 'system:default/payments-platform' }),
      ).toEqual(['b', 'a']);
      expect(await titles({ ownerRef: 'group:default/payments' })).toEqual([
        'b',
        'a',
      ]);
      expect(await titles({ ownerRef: 'group:default/commerce' })).toEqual([
        'b',
        'a',
      ]);
      expect(await titles({ ownerRef: 'group:default/engineering' })).toEqual([
        'c',
        'b',
        'a',
      ]);
      expect(await titles({ ownerRef: 'group:default/platform' })).toEqual([
        'c',
      ]);
      expect(await titles({ statuses: ['resolved'] })).toEqual(['b']);
      expect(await titles({ statuses: ['triggered', 'acknowledged'] })).toEqual(
        ['c', 'a'],
      );
      // The final severity counts once it is set.
      expect(await titles({ severities: ['SEV-4'] })).toEqual(['b']);
      expect(await titles({ severities: ['SEV-1', 'SEV-2'] })).toEqual([
        'c',
        'a',
      ]);
      expect(
        await titles({
          since: '2026-11-02T00:00:00Z',
          until: '2026-11-05T10:00:00Z',
        }),
      ).toEqual(['b']);
    });

    it("lists an entity's incidents, and its system's, by when they started, not when they were recorded", async () => {
      const store = await createStore();
      await create(store, {
        title: 'middle',
        startedAt: '2026-11-03T10:00:00Z',
      });
      await create(store, {
        title: 'newest',
        startedAt: '2026-11-05T10:00:00Z',
      });
      await create(store, {
        title: 'oldest',
        startedAt: '2026-11-01T10:00:00Z',
      });
      for (const entityRef of [
        'component:default/checkout-api',
        'system:default/payments-platform',
      ]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listIncidents({
            limit: 2,
            entityRef,
            cursor,
          });
          seen.push(...page.items.map(i => i.title));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(['newest', 'middle', 'oldest']);
        const since = await store.listIncidents({
          limit: 5,
          entityRef,
          since: '2026-11-02T00:00:00Z',
          until: '2026-11-05T10:00:00Z',
        });
        expect(since.items.map(i => i.title)).toEqual(['middle']);
      }
    });

    it('pages through incidents newest first without losing one that started at the same time', async () => {
      const store = await createStore();
      for (let i = 0; i < 5; i++) {
        await create(store, { title: `same ${i}` });
      }
      await create(store, {
        title: 'newest',
        startedAt: '2026-11-09T10:00:00Z',
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listIncidents({ limit: 2, cursor });
        expect(page.totalCount).toBe(6);
        seen.push(...page.items.map(i => i.title));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen[0]).toBe('newest');
      expect(seen.slice(1).sort()).toEqual([
        'same 0',
        'same 1',
        'same 2',
        'same 3',
        'same 4',
      ]);
    });

    it('creates an incident once per id and per source id, even concurrently', async () => {
      const store = await createStore();
      const id = '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001';
      const options = {
        id,
        ownership: payments,
        actorRef: 'user:default/alice',
      };
      const results = await Promise.all([
        store.createIncident(request(), options),
        store.createIncident(request(), options),
      ]);
      expect(results.map(r => r.created).sort()).toEqual([false, true]);
      const again = await store.createIncident(
        request({ title: 'changed' }),
        options,
      );
      expect(again).toMatchObject({
        created: false,
        incident: { id, title: 'Checkout failing' },
      });

      const source = { type: 'pagerduty', externalId: 'PX', url: null };
      const first = await create(store, { source });
      const second = await store.createIncident(
        request({ source, title: 'dup' }),
        {
          ownership: payments,
          actorRef: 'user:default/alice',
        },
      );
      expect(second).toMatchObject({
        created: false,
        incident: { id: first.id },
      });
      expect((await store.listIncidents({ limit: 50 })).totalCount).toBe(2);
    });

    it('updates with the version it was based on, keeps history, and refuses a stale version', async () => {
      const store = await createStore();
      const incident = await create(store, {
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
      });
      const resolve = {
        version: 1,
        status: 'resolved' as const,
        finalSeverity: 'SEV-3' as const,
      };
      const now = new Date('2026-11-02T12:00:00.000Z');
      const updated = await store.updateIncident(incident.id, {
        version: 1,
        plan: current => planIncidentUpdate(current, resolve, now),
        actorRef: 'user:default/dave',
      });
      expect(updated).toMatchObject({
        status: 'resolved',
        finalSeverity: 'SEV-3',
        resolvedAt: '2026-11-02T12:00:00.000Z',
        version: 2,
      });
      await expect(
        store.updateIncident(incident.id, {
          version: 1,
          plan: current =>
            planIncidentUpdate(current, { version: 1, title: 'late' }, now),
          actorRef: 'user:default/bob',
        }),
      ).rejects.toThrow(/changed by someone else since version 1/);

      const responders = [
        { role: 'incident-commander' as const, userRef: 'user:default/erin' },
        { role: 'scribe' as const, userRef: 'user:default/bob' },
      ];
      const reassigned = await store.updateIncident(incident.id, {
        version: 2,
        plan: current =>
          planIncidentUpdate(current, { version: 2, responders }, now),
        actorRef: 'user:default/dave',
      });
      expect(reassigned.responders).toEqual(responders);

      const detail = await store.getIncidentDetail(incident.id);
      expect(
        detail?.history.map(h => [h.field, h.actorRef, h.from, h.to]),
      ).toEqual([
        [
          'created',
          'user:default/alice',
          null,
          { severity: 'SEV-2', status: 'triggered' },
        ],
        ['finalSeverity', 'user:default/dave', null, 'SEV-3'],
        ['status', 'user:default/dave', 'triggered', 'resolved'],
        ['resolvedAt', 'user:default/dave', null, '2026-11-02T12:00:00.000Z'],
        [
          'ownersAtResolution',
          'user:default/dave',
          null,
          ['group:default/payments'],
        ],
        [
          'responders',
          'user:default/dave',
          [{ role: 'incident-commander', userRef: 'user:default/dave' }],
          responders,
        ],
      ]);
    });

    it('leaves nothing half-written when an update fails', async () => {
      const store = await createStore();
      const incident = await create(store);
      // knex on better-sqlite3 may reject a failed transaction with no Error at all.
      let failed = false;
      try {
        await store.updateIncident(incident.id, {
          version: 1,
          // The duplicate responder breaks the primary key after the title was written.
          plan: () => ({
            changes: {
              title: 'changed',
              responders: [
                { role: 'scribe', userRef: 'user:default/bob' },
                { role: 'scribe', userRef: 'user:default/bob' },
              ],
            },
            history: [{ field: 'title', from: incident.title, to: 'changed' }],
          }),
          actorRef: 'user:default/bob',
        });
      } catch {
        failed = true;
      }
      expect(failed).toBe(true);
      const detail = await store.getIncidentDetail(incident.id);
      expect(detail).toMatchObject({ title: 'Checkout failing', version: 1 });
      expect(detail?.history).toHaveLength(1);
    });

    it('reads a page of incidents, and one incident, in the same number of statements however many there are', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseIncidentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const statements = async (read: () => Promise<unknown>) =>
        (await statementsSent(knex, read)).length;
      const checkout = {
        limit: 50,
        entityRef: 'component:default/checkout-api',
      };
      const first = await create(store, {
        responders: [{ role: 'scribe', userRef: 'user:default/bob' }],
      });
      const one = await statements(() => store.listIncidents(checkout));
      const oneDetail = await statements(() =>
        store.getIncidentDetail(first.id),
      );
      for (let i = 0; i < 4; i++) {
        await create(store, {
          title: `incident ${i}`,
          responders: [
            { role: 'incident-commander', userRef: 'user:default/dave' },
            { role: 'scribe', userRef: `user:default/scribe-${i}` },
          ],
        });
      }
      const page = await store.listIncidents(checkout);
      expect(page.items).toHaveLength(5);
      expect(
        page.items.find(i => i.title === 'incident 0')?.responders,
      ).toHaveLength(2);
      // The page, and one statement for the parts of its incidents; a page
      // that holds the whole list counts itself.
      expect(one).toBe(2);
      expect(await statements(() => store.listIncidents(checkout))).toBe(one);
      // A list longer than its page is counted by a statement of its own,
      // on every page.
      let partial: Awaited<ReturnType<typeof store.listIncidents>>;
      expect(
        await statements(async () => {
          partial = await store.listIncidents({ ...checkout, limit: 2 });
        }),
      ).toBe(3);
      expect(partial!).toMatchObject({ totalCount: 5 });
      expect(partial!.items).toHaveLength(2);
      let last: Awaited<ReturnType<typeof store.listIncidents>>;
      expect(
        await statements(async () => {
          last = await store.listIncidents({
            ...checkout,
            limit: 3,
            cursor: partial!.nextCursor!,
          });
        }),
      ).toBe(3);
      expect(last!).toMatchObject({ totalCount: 5, nextCursor: null });
      expect(last!.items).toHaveLength(3);
      // The row, its parts with every owning group, its grouped incidents and its history.
      expect(oneDetail).toBe(4);
      expect(
        await statements(() => store.getIncidentDetail(page.items[0].id)),
      ).toBe(oneDetail);
      const detail = await store.getIncidentDetail(first.id);
      expect(detail?.owningGroupRefs).toEqual([
        'group:default/commerce',
        'group:default/engineering',
        'group:default/payments',
      ]);
      expect(detail?.ownerRefs).toEqual(['group:default/payments']);
      expect(detail?.responders).toEqual([
        { role: 'scribe', userRef: 'user:default/bob' },
      ]);
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('reads a service tab and an incident through statements prepared once, the same for pages of any length', async () => {
        const knex = await databases.init(databaseId);
        const storeWith = (preparedStatements: boolean) =>
          DatabaseIncidentStore.create({
            database: mockServices.database({
              knex,
              migrations: { skip: false },
            }),
            preparedStatements,
          });
        const store = await storeWith(true);
        const names = async (read: () => Promise<unknown>) =>
          (await statementsSent(knex, read)).map(
            statement => statement.options?.name,
          );
        const checkout = {
          limit: 50,
          entityRef: 'component:default/checkout-api',
        };
        const first = await create(store);
        const onePage = await names(() => store.listIncidents(checkout));
        for (let i = 0; i < 3; i++) await create(store);
        const fourPage = await names(() => store.listIncidents(checkout));
        expect(onePage).toHaveLength(2);
        expect(onePage.every(Boolean)).toBe(true);
        expect(fourPage).toEqual(onePage);
        const detail = await names(() => store.getIncidentDetail(first.id));
        expect(detail).toHaveLength(4);
        expect(detail.every(Boolean)).toBe(true);

        const unprepared = await storeWith(false);
        expect(await names(() => unprepared.listIncidents(checkout))).toEqual([
          undefined,
          undefined,
        ]);
        expect((await unprepared.listIncidents(checkout)).items).toEqual(
          (await store.listIncidents(checkout)).items,
        );
      });
    }
    it('groups related incidents one level deep and rejects cycles and chains', async () => {
      const store = await createStore();
      const primary = await create(store, { title: 'primary' });
      const child = await create(store, { title: 'child' });
      const other = await create(store, { title: 'other' });
      const another = await create(store, { title: 'another' });

      await store.groupIncidents(primary.id, [child.id], 'user:default/dave');
      const detail = await store.getIncidentDetail(primary.id);
      expect(detail?.relatedIncidents.map(i => i.title)).toEqual(['child']);
      expect(detail?.relatedIncidentCount).toBe(1);
      expect(
        (await store.getIncidentDetail(child.id))?.primaryIncident?.id,
      ).toBe(primary.id);
      expect(
        (await store.listIncidents({ limit: 50 })).items
          .map(i => i.title)
          .sort(),
      ).toEqual(['another', 'other', 'primary']);
      expect(
        (await store.listIncidents({ limit: 50, includeGrouped: true }))
          .totalCount,
      ).toBe(4);
      // A service tab counts its incidents without those grouped under another.
      const checkout = 'component:default/checkout-api';
      const tab = await store.listIncidents({ limit: 2, entityRef: checkout });
      expect(tab.totalCount).toBe(3);
      expect(tab.items).toHaveLength(2);
      expect(
        (
          await store.listIncidents({
            limit: 2,
            entityRef: checkout,
            includeGrouped: true,
          })
        ).totalCount,
      ).toBe(4);
      expect(
        (
          await store.listIncidents({
            limit: 2,
            entityRef: 'component:default/payment-gateway',
          })
        ).totalCount,
      ).toBe(0);

      // Grouping again under the same primary changes nothing.
      await store.groupIncidents(primary.id, [child.id], 'user:default/dave');

      await expect(
        store.groupIncidents(primary.id, [primary.id], 'x'),
      ).rejects.toThrow(/cannot be grouped under itself/);
      await expect(
        store.groupIncidents(child.id, [other.id], 'x'),
      ).rejects.toThrow(
        /is itself grouped under .*; group the incidents under that primary instead/,
      );
      await expect(
        store.groupIncidents(other.id, [child.id], 'x'),
      ).rejects.toThrow(/is already grouped under .*; ungroup it there first/);
      await expect(
        store.groupIncidents(other.id, [primary.id], 'x'),
      ).rejects.toThrow(
        /is a primary incident with 1 incident\(s\) grouped under it/,
      );
      await expect(
        store.groupIncidents(
          another.id,
          [other.id, '00000000-0000-4000-8000-000000000000'],
          'x',
        ),
      ).rejects.toThrow(/No incident with id 00000000/);
      // A failed grouping leaves nothing half-done.
      expect((await store.getIncident(other.id))?.primaryIncidentId).toBeNull();

      await store.ungroupIncident(primary.id, child.id, 'user:default/dave');
      expect((await store.getIncident(child.id))?.primaryIncidentId).toBeNull();
      await expect(
        store.ungroupIncident(primary.id, child.id, 'x'),
      ).rejects.toThrow(/is not grouped under/);
      expect(
        (await store.getIncidentDetail(child.id))?.history.map(h => [
          h.field,
          h.from,
          h.to,
        ]),
      ).toEqual([
        ['created', null, { severity: 'SEV-2', status: 'triggered' }],
        ['primaryIncident', null, primary.id],
        ['primaryIncident', primary.id, null],
      ]);
    });

    it('replaces owners after an ownership change and records it', async () => {
      const store = await createStore();
      const incident = await create(
        store,
        {},
        {
          ...payments,
          ownerRefs: [],
          ancestorGroupRefs: [],
          indirectEntityRefs: [],
          stale: true,
        },
      );
      expect(incident.ownersStale).toBe(true);
      expect(await store.listIncidentsToRefresh({ limit: 10 })).toEqual([
        { id: incident.id, entityRefs: ['component:default/checkout-api'] },
      ]);
      expect(
        await store.replaceOwnership(incident.id, payments, 'catalog'),
      ).toBe(true);
      const sre: Ownership = {
        ownerRefs: ['group:default/sre'],
        ancestorGroupRefs: [
          'group:default/platform',
          'group:default/engineering',
        ],
        indirectEntityRefs: ['system:default/observability'],
        stale: false,
      };
      expect(await store.replaceOwnership(incident.id, sre, 'catalog')).toBe(
        true,
      );
      // The refresh finds the same answer every few minutes: nothing is
      // written, so the kept answers stay.
      const versions = new DataVersions(store.db, mockServices.logger.mock());
      const version = await versions.current();
      expect(await store.replaceOwnership(incident.id, sre, 'catalog')).toBe(
        false,
      );
      expect(await versions.current()).toBe(version);
      const titles = async (ownerRef: string) =>
        (await store.listIncidents({ limit: 5, ownerRef })).totalCount;
      expect(await titles('group:default/sre')).toBe(1);
      expect(await titles('group:default/platform')).toBe(1);
      expect(await titles('group:default/payments')).toBe(0);
      expect(await titles('group:default/commerce')).toBe(0);
      expect(
        (
          await store.listIncidents({
            limit: 5,
            entityRef: 'system:default/observability',
          })
        ).totalCount,
      ).toBe(1);
      expect(
        (
          await store.listIncidents({
            limit: 5,
            entityRef: 'system:default/payments-platform',
          })
        ).totalCount,
      ).toBe(0);
      const detail = await store.getIncidentDetail(incident.id);
      expect(detail?.ownersStale).toBe(false);
      expect(
        detail?.history
          .filter(h => h.field === 'owners')
          .map(h => [h.from, h.to]),
      ).toEqual([
        [[], ['group:default/payments']],
        [['group:default/payments'], ['group:default/sre']],
      ]);
    });
  },
);
