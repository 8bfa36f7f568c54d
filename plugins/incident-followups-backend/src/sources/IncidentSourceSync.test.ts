import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  IncidentSource,
  SourceIncident,
  SourceIncidentEvent,
  SourceIncidentQuery,
} from '@incident-followups/plugin-incident-followups-node';
import { demoCatalog } from '../__testUtils__/demoCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogOwnershipResolver } from '../catalog/CatalogOwnershipResolver';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { IncidentService } from '../service/IncidentService';
import { IncidentSourceSync } from './IncidentSourceSync';
import { SourceSyncStore } from './SourceSyncStore';

const databases = createTestDatabases();

/** An incident source whose incidents a test sets, answering in pages as a real one does. */
class ScriptedSource implements IncidentSource {
  readonly type = 'scripted';
  readonly serviceAnnotation = 'example.com/service-id';
  readonly schedule = { frequency: { minutes: 5 }, timeout: { minutes: 1 } };
  readonly initialLookbackDays = 30;
  readonly incidents = new Map<string, SourceIncident>();
  readonly events = new Map<string, SourceIncidentEvent[]>();
  readonly queries: SourceIncidentQuery[] = [];
  failingServices = new Set<string>();
  failAfterPages: number | undefined;

  add(
    incident: Partial<SourceIncident> & {
      externalId: string;
      startedAt: string;
    },
  ) {
    const stored: SourceIncident = {
      serviceId: 'SVC-CHECKOUT',
      url: `https://example.pagerduty.com/incidents/${incident.externalId}`,
      title: `Incident ${incident.externalId}`,
      description: '',
      severity: 'SEV-2',
      status: 'triggered',
      acknowledgedAt: null,
      resolvedAt: null,
      mergedIntoExternalId: null,
      responderEmails: [],
      ...incident,
    };
    this.incidents.set(stored.externalId, stored);
    this.events.set(stored.externalId, [
      {
        externalId: `${stored.externalId}-trigger`,
        at: stored.startedAt,
        summary: 'Triggered',
      },
    ]);
    return stored;
  }

  async *listIncidents(query: SourceIncidentQuery) {
    this.queries.push(query);
    const [serviceId] = query.serviceIds;
    if (this.failingServices.has(serviceId)) {
      throw new Error(`PagerDuty GET /incidents answered 401: Unauthorized`);
    }
    const matching = [...this.incidents.values()]
      .filter(i => i.serviceId === serviceId)
      .filter(i => i.startedAt >= query.since && i.startedAt < query.until)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    for (
      let offset = 0, page = 0;
      offset < matching.length;
      offset += 100, page++
    ) {
      if (this.failAfterPages !== undefined && page >= this.failAfterPages) {
        throw new Error(
          'PagerDuty GET /incidents answered 500: Internal Server Error',
        );
      }
      yield matching.slice(offset, offset + 100).map(i => ({ ...i }));
    }
  }

  async getIncident(externalId: string) {
    const incident = this.incidents.get(externalId);
    return incident && { ...incident };
  }

  async listEvents(externalId: string) {
    return this.events.get(externalId) ?? [];
  }
}

function withAnnotation(entities: Entity[], name: string, serviceId: string) {
  return entities.map(entity =>
    entity.metadata.name === name
      ? {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { 'example.com/service-id': serviceId },
          },
        }
      : entity,
  );
}

describe.each(databases.eachSupportedId())(
  'IncidentSourceSync on %p',
  databaseId => {
    let clock: Date;

    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseIncidentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const entities = withAnnotation(
        withAnnotation(demoCatalog(), 'checkout-api', 'SVC-CHECKOUT'),
        'alerting-pipeline',
        'SVC-ALERTS',
      );
      const catalog = catalogServiceMock({ entities });
      const incidents = new IncidentService({
        store,
        ownership: new CatalogOwnershipResolver(catalog, 5000),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      const source = new ScriptedSource();
      const syncStore = new SourceSyncStore(store.db);
      clock = new Date('2026-11-20T12:00:00Z');
      const newSync = () =>
        new IncidentSourceSync({
          source,
          store: syncStore,
          incidents,
          catalog,
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          now: () => clock,
        });
      return {
        store,
        source,
        syncStore,
        incidents,
        sync: newSync(),
        newSync,
        knex,
      };
    }

    it('imports the incidents of mapped services with owners, responders and events', async () => {
      const { store, source, syncStore, sync } = await setup();
      source.add({
        externalId: 'P1',
        startedAt: '2026-11-20T10:00:00.000Z',
        title: 'Checkout down',
        severity: 'SEV-1',
        responderEmails: ['alice@example.com', 'nobody@example.com'],
      });
      source.add({
        externalId: 'P2',
        serviceId: 'SVC-UNMAPPED',
        startedAt: '2026-11-20T10:00:00.000Z',
      });

      const report = await sync.run();

      expect(report).toMatchObject({
        services: 2,
        failedServices: 0,
        created: 1,
        events: 1,
      });
      const id = await syncStore.findIncidentId('scripted', 'P1');
      const incident = await store.getIncidentDetail(id!);
      expect(incident).toMatchObject({
        title: 'Checkout down',
        severity: 'SEV-1',
        status: 'triggered',
        entityRefs: ['component:default/checkout-api'],
        ownerRefs: ['group:default/payments'],
        responders: [
          { role: 'subject-matter-expert', userRef: 'user:default/alice' },
        ],
        source: {
          type: 'scripted',
          externalId: 'P1',
          url: 'https://example.pagerduty.com/incidents/P1',
        },
      });
      expect(incident!.history).toContainEqual(
        expect.objectContaining({
          field: 'sourceEvent',
          to: 'Triggered',
          actorRef: 'source:scripted',
        }),
      );
      expect(await syncStore.listServices('scripted')).toEqual([
        expect.objectContaining({
          serviceId: 'SVC-ALERTS',
          lastError: null,
          lastSyncedAt: clock.toISOString(),
        }),
        expect.objectContaining({
          serviceId: 'SVC-CHECKOUT',
          importedCount: 1,
          cursorAt: clock.toISOString(),
        }),
      ]);
    });

    it('fetches only the window since the cursor and follows the open incidents it imported', async () => {
      const { store, source, syncStore, sync } = await setup();
      source.add({ externalId: 'P1', startedAt: '2026-11-20T10:00:00.000Z' });
      await sync.run();

      clock = new Date('2026-11-20T12:05:00Z');
      source.incidents.get('P1')!.status = 'acknowledged';
      source.incidents.get('P1')!.acknowledgedAt = '2026-11-20T10:02:00.000Z';
      source.events.get('P1')!.push({
        externalId: 'P1-ack',
        at: '2026-11-20T10:02:00.000Z',
        summary: 'Acknowledged by Alice',
      });
      source.add({ externalId: 'P3', startedAt: '2026-11-20T12:01:00.000Z' });
      const report = await sync.run();

      const checkoutQueries = source.queries.filter(
        q => q.serviceIds[0] === 'SVC-CHECKOUT',
      );
      expect(checkoutQueries[1]).toMatchObject({
        since: '2026-11-20T11:50:00.000Z',
        until: '2026-11-20T12:05:00.000Z',
      });
      expect(report).toMatchObject({ created: 1, updated: 1, events: 2 });
      const p1 = await store.getIncidentDetail(
        (await syncStore.findIncidentId('scripted', 'P1'))!,
      );
      expect(p1).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: '2026-11-20T10:02:00.000Z',
      });

      clock = new Date('2026-11-20T12:10:00Z');
      source.incidents.get('P1')!.status = 'resolved';
      source.incidents.get('P1')!.resolvedAt = '2026-11-20T12:08:00.000Z';
      await sync.run();
      expect(await store.getIncident(p1!.id)).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-11-20T12:08:00.000Z',
        finalSeverity: 'SEV-2',
      });
    });

    it('groups a merged incident under its primary, importing the primary when needed', async () => {
      const { store, source, syncStore, sync } = await setup();
      source.add({
        externalId: 'PRIMARY',
        startedAt: '2026-10-01T10:00:00.000Z',
        serviceId: 'SVC-ALERTS',
      });
      source.add({
        externalId: 'CHILD',
        startedAt: '2026-11-20T10:00:00.000Z',
        status: 'resolved',
        resolvedAt: '2026-11-20T10:30:00.000Z',
        mergedIntoExternalId: 'PRIMARY',
      });

      const report = await sync.run();
      await sync.run();

      expect(report.grouped).toBe(1);
      const primaryId = await syncStore.findIncidentId('scripted', 'PRIMARY');
      const detail = await store.getIncidentDetail(primaryId!);
      expect(detail!.relatedIncidents.map(r => r.source.externalId)).toEqual([
        'CHILD',
      ]);
    });

    it('never duplicates: re-runs, overlapping windows and two runs at once', async () => {
      const { source, newSync, knex } = await setup();
      for (let i = 0; i < 250; i++) {
        source.add({
          externalId: `P${i}`,
          startedAt: new Date(
            Date.parse('2026-11-19T00:00:00Z') + i * 60_000,
          ).toISOString(),
        });
      }
      await Promise.all([newSync().run(), newSync().run()]);
      await newSync().run();

      const [{ count }] = await knex('incidents').count({ count: '*' });
      expect(Number(count)).toBe(250);
      const [{ events }] = await knex('incident_history')
        .where({ field: 'sourceEvent' })
        .count({ events: '*' });
      expect(Number(events)).toBe(250);
    }, 120_000);

    it('reports a failing service, keeps its cursor, and catches up on the next run', async () => {
      const { source, syncStore, sync, knex } = await setup();
      for (let i = 0; i < 250; i++) {
        source.add({
          externalId: `P${i}`,
          startedAt: new Date(
            Date.parse('2026-11-19T00:00:00Z') + i * 60_000,
          ).toISOString(),
        });
      }
      source.failAfterPages = 1;
      source.failingServices.add('SVC-ALERTS');
      const report = await sync.run();

      expect(report.failedServices).toBe(2);
      const failed = await syncStore.getService('scripted', 'SVC-CHECKOUT');
      expect(failed).toMatchObject({
        cursorAt: null,
        lastSyncedAt: null,
        lastError:
          'PagerDuty GET /incidents answered 500: Internal Server Error',
      });
      expect(
        (await syncStore.getService('scripted', 'SVC-ALERTS'))!.lastError,
      ).toContain('401');

      source.failAfterPages = undefined;
      source.failingServices.clear();
      clock = new Date('2026-11-20T12:05:00Z');
      await sync.run();
      const [{ count }] = await knex('incidents').count({ count: '*' });
      expect(Number(count)).toBe(250);
      expect(
        await syncStore.getService('scripted', 'SVC-CHECKOUT'),
      ).toMatchObject({
        lastError: null,
        cursorAt: '2026-11-20T12:05:00.000Z',
        importedCount: 150,
      });
    }, 120_000);
  },
);
