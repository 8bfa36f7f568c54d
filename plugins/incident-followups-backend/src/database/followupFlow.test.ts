import { mockServices } from '@backstage/backend-test-utils';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFollowupStore } from './DatabaseFollowupStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseTeamOverviewStore } from './DatabaseTeamOverviewStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const TEAM = 'group:default/payments';

/** Followups of the team, each read by one of the trend's index ranges or by none. */
const FOLLOWUPS = [
  // Open since before the period: open at its start (one of three).
  { status: 'open', created: '2026-09-01', completed: null, due: null },
  // Open at the start, closed in the period (week of 12 October).
  { status: 'done', created: '2026-09-01', completed: '2026-10-15', due: null },
  // Open at the start, closed after the period.
  { status: 'done', created: '2026-09-01', completed: '2026-11-15', due: null },
  // Closed before the period, due in it: due and done on time (week of 5 October).
  {
    status: 'done',
    created: '2026-09-01',
    completed: '2026-09-15',
    due: '2026-10-10',
  },
  // Given up before the period: not counted as due.
  {
    status: 'wont-do',
    created: '2026-09-01',
    completed: '2026-09-15',
    due: '2026-10-11',
  },
  // Added in the period, due in it, still open: added and due (late) in weeks of 5 and 19 October.
  { status: 'open', created: '2026-10-05', completed: null, due: '2026-10-20' },
  // Done in the period after its due date: closed, and due but late.
  {
    status: 'done',
    created: '2026-10-05',
    completed: '2026-10-21',
    due: '2026-10-20',
  },
  // All before the period: nothing.
  {
    status: 'done',
    created: '2026-08-01',
    completed: '2026-08-10',
    due: '2026-08-15',
  },
];

const at = (day: string | null) => (day ? new Date(`${day}T12:00:00Z`) : null);

describe.each(databases.eachSupportedId())(
  'the team trend on %p',
  databaseId => {
    it('counts each followup once, whichever index range finds it', async () => {
      const knex = await databases.init(databaseId);
      const incidents = await DatabaseIncidentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const followups = new DatabaseFollowupStore(knex);
      const actor = 'user:default/dave';
      const { incident } = await incidents.createIncident(
        createIncidentRequestSchema.parse({
          title: 'Checkout failing',
          severity: 'SEV-2',
          status: 'triggered',
          startedAt: '2026-08-01T09:14:00Z',
          entityRefs: ['component:default/checkout-api'],
          responders: [{ role: 'incident-commander', userRef: actor }],
        }),
        {
          ownership: {
            ownerRefs: [TEAM],
            ancestorGroupRefs: ['group:default/commerce'],
            indirectEntityRefs: [],
            stale: false,
          },
          actorRef: actor,
        },
      );
      for (const [i, f] of FOLLOWUPS.entries()) {
        const created = await followups.createActionItem(incident.id, {
          title: `Action ${i}`,
          description: '',
          kind: 'prevention',
          priority: 'P2',
          ownerRef: null,
          dueAt: null,
          ticketUrl: null,
          addedBy: actor,
        });
        await knex('followups')
          .where({ id: created.id })
          .update({
            status: f.status,
            created_at: at(f.created),
            completed_at: at(f.completed),
            due_at: at(f.due),
          });
      }
      const store = new DatabaseTeamOverviewStore(knex, followups);
      const period = {
        since: new Date('2026-10-01T00:00:00Z'),
        until: new Date('2026-11-01T00:00:00Z'),
      };
      for (const [teamRef, includeChildren] of [
        [TEAM, false],
        ['group:default/commerce', true],
      ] as const) {
        const flow = await store.followupFlow(
          { teamRef, includeChildren, groupRefs: [teamRef] },
          period,
        );
        expect({
          teamRef,
          openAtStart: flow.openAtStart,
          opened: Object.fromEntries(flow.opened),
          closed: Object.fromEntries(flow.closed),
          due: Object.fromEntries(flow.due),
        }).toEqual({
          teamRef,
          openAtStart: 3,
          opened: { '2026-10-05': 2 },
          closed: { '2026-10-12': 1, '2026-10-19': 1 },
          due: {
            '2026-10-05': { due: 1, doneOnTime: 1 },
            '2026-10-19': { due: 2, doneOnTime: 0 },
          },
        });
      }
    });
  },
);
