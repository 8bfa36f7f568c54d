import { mockServices } from '@backstage/backend-test-utils';
import {
  createIncidentRequestSchema,
  DEFAULT_CHECKLISTS,
  planRoleFollowups,
} from '@incident-followups/plugin-incident-followups-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFollowupStore } from './DatabaseFollowupStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseFollowupStore on %p',
  databaseId => {
    it('stores the role steps of a resolution once, even when two resolutions race', async () => {
      const knex = await databases.init(databaseId);
      const incidents = await DatabaseIncidentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const followups = new DatabaseFollowupStore(knex);
      const { incident } = await incidents.createIncident(
        createIncidentRequestSchema.parse({
          title: 'Checkout failing',
          severity: 'SEV-1',
          finalSeverity: 'SEV-1',
          status: 'resolved',
          startedAt: '2026-11-02T09:14:00Z',
          resolvedAt: '2026-11-02T10:14:00Z',
          entityRefs: ['component:default/checkout-api'],
          responders: [
            { role: 'incident-commander', userRef: 'user:default/dave' },
          ],
        }),
        {
          ownership: {
            ownerRefs: [],
            ancestorGroupRefs: [],
            indirectEntityRefs: [],
            stale: false,
          },
          actorRef: 'user:default/dave',
        },
      );
      const planned = planRoleFollowups(incident, DEFAULT_CHECKLISTS, {
        timeZone: 'UTC',
        holidays: [],
      });
      await Promise.all(
        [1, 2, 3].map(() =>
          knex.transaction(tx =>
            followups.insertRoleFollowups(
              tx,
              incident.id,
              planned,
              'user:default/dave',
            ),
          ),
        ),
      );
      const stored = await followups.listFollowups({
        incidentId: incident.id,
        limit: 100,
      });
      expect(stored.totalCount).toBe(planned.length);
      expect(
        stored.items.find(f => f.autoCompletion === 'resolved'),
      ).toMatchObject({
        status: 'done',
        completedBy: 'user:default/dave',
      });
      expect(
        stored.items.find(f => f.title.startsWith('Email the stakeholders')),
      ).toMatchObject({
        status: 'open',
        dueAt: '2026-11-03T23:59:59.999Z',
      });
    });
  },
);
