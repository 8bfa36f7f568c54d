import { mockServices } from '@backstage/backend-test-utils';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  COPIED_FOLLOWUP_COLUMNS as COLUMNS,
  normalizedCopies,
} from '../__testUtils__/followupCopies';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { statementsSent } from '../__testUtils__/statementsSent';
import { DatabaseFollowupStore } from './DatabaseFollowupStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseTeamOverviewStore } from './DatabaseTeamOverviewStore';
import { Ownership } from './IncidentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ACTOR = 'user:default/dave';

/** What `team_followups` must hold: each followup once per owner of its incident. */
async function expectCopiesInStep(knex: Knex) {
  const expected = await knex('followups')
    .join(
      'incident_owners',
      'incident_owners.incident_id',
      'followups.incident_id',
    )
    .select(
      'incident_owners.owner_ref as team_ref',
      'incident_owners.direct',
      ...COLUMNS.map(c => `followups.${c}`),
    );
  const actual = await knex('team_followups').select(
    'team_ref',
    'direct',
    ...COLUMNS,
  );
  const team = (row: Record<string, unknown>) => [
    row.team_ref,
    Boolean(row.direct),
  ];
  expect(normalizedCopies(actual, team)).toEqual(
    normalizedCopies(expected, team),
  );
  return actual.length;
}

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

const ownership = (
  ownerRefs: string[],
  ancestorGroupRefs: string[],
): Ownership => ({
  ownerRefs,
  ancestorGroupRefs,
  indirectEntityRefs: [],
  stale: false,
});

/** An incident of Payments' service (Commerce and Engineering above it), on a fresh database. */
async function paymentsIncident(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const incidents = await DatabaseIncidentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const { incident } = await incidents.createIncident(
    createIncidentRequestSchema.parse({
      title: 'Checkout failing',
      severity: 'SEV-2',
      status: 'triggered',
      startedAt: '2026-11-02T09:14:00Z',
      entityRefs: ['component:default/checkout-api'],
      responders: [{ role: 'incident-commander', userRef: ACTOR }],
    }),
    {
      ownership: ownership(
        ['group:default/payments'],
        ['group:default/commerce', 'group:default/engineering'],
      ),
      actorRef: ACTOR,
    },
  );
  return {
    knex,
    incidents,
    followups: new DatabaseFollowupStore(knex),
    incident,
  };
}

describe.each(databases.eachSupportedId())(
  'team_followups on %p',
  databaseId => {
    it('follows every write of followups and of incident owners', async () => {
      const { knex, incidents, followups, incident } = await paymentsIncident(
        databaseId,
      );
      const first = await followups.createActionItem(incident.id, {
        title: 'Add a retry budget',
        description: '',
        kind: 'prevention',
        priority: 'P2',
        ownerRef: null,
        dueAt: '2026-11-20T17:00:00Z',
        ticketUrl: null,
        addedBy: ACTOR,
      });
      await followups.createActionItem(incident.id, {
        title: 'Alert on checkout errors',
        description: '',
        kind: 'preparedness',
        priority: 'P1',
        ownerRef: 'group:default/payments',
        dueAt: null,
        ticketUrl: null,
        addedBy: ACTOR,
      });
      expect(await expectCopiesInStep(knex)).toBe(6);

      await followups.updateFollowup(
        first.id,
        first.version,
        { status: 'done', ownerRef: 'user:default/amy' },
        ACTOR,
      );
      expect(await expectCopiesInStep(knex)).toBe(6);
      const [done] = await knex('team_followups')
        .where({ id: first.id, team_ref: 'group:default/payments' })
        .select('status', 'owner_ref', 'completed_at');
      expect(done).toMatchObject({
        status: 'done',
        owner_ref: 'user:default/amy',
      });
      expect(done.completed_at).not.toBeNull();

      // Payments hands the service to Billing; Commerce becomes a direct owner.
      await incidents.replaceOwnership(
        incident.id,
        ownership(
          ['group:default/billing', 'group:default/commerce'],
          ['group:default/engineering'],
        ),
        ACTOR,
      );
      expect(await expectCopiesInStep(knex)).toBe(6);
      const commerce = await knex('team_followups')
        .where({ team_ref: 'group:default/commerce' })
        .select('direct');
      expect(commerce.map(row => Boolean(row.direct))).toEqual([true, true]);

      await incidents.replaceOwnership(incident.id, ownership([], []), ACTOR);
      expect(await expectCopiesInStep(knex)).toBe(0);

      await incidents.replaceOwnership(
        incident.id,
        ownership(['group:default/payments'], []),
        ACTOR,
      );
      expect(await expectCopiesInStep(knex)).toBe(2);

      await knex('followups').where({ id: first.id }).delete();
      expect(await expectCopiesInStep(knex)).toBe(1);
      await knex('incidents').where({ id: incident.id }).delete();
      expect(await expectCopiesInStep(knex)).toBe(0);
    });

    it('counts each followup once in the trend, whichever index range finds it', async () => {
      const { knex, followups, incident } = await paymentsIncident(databaseId);
      for (const [i, f] of FOLLOWUPS.entries()) {
        const created = await followups.createActionItem(incident.id, {
          title: `Action ${i}`,
          description: '',
          kind: 'prevention',
          priority: 'P2',
          ownerRef: null,
          dueAt: null,
          ticketUrl: null,
          addedBy: ACTOR,
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
        ['group:default/payments', false],
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

    if (databaseId.startsWith('POSTGRES')) {
      it("reads a team's followup pages through one statement prepared once, however many groups are rolled up", async () => {
        const { knex, followups, incident } = await paymentsIncident(
          databaseId,
        );
        for (const title of ['Add a retry budget', 'Alert on errors']) {
          await followups.createActionItem(incident.id, {
            title,
            description: '',
            kind: 'prevention',
            priority: 'P2',
            ownerRef: null,
            dueAt: '2026-11-20T17:00:00Z',
            ticketUrl: null,
            addedBy: ACTOR,
          });
        }
        const teams = new DatabaseTeamOverviewStore(knex, followups);
        const firstPage = async (teamRef: string, groupRefs: string[]) => {
          let page: Awaited<ReturnType<typeof teams.followupPage>>;
          const sent = await statementsSent(knex, async () => {
            page = await teams.followupPage(
              { teamRef, includeChildren: true, groupRefs },
              ['open', 'in-progress'],
              1,
              undefined,
              async () => 2,
            );
          });
          return { names: sent.map(s => s.options?.name), page: page! };
        };
        const payments = await firstPage('group:default/payments', [
          'group:default/payments',
        ]);
        const commerce = await firstPage('group:default/commerce', [
          'group:default/commerce',
          'group:default/payments',
          'group:default/checkout',
        ]);
        expect(payments.page.items).toHaveLength(1);
        expect(payments.page.nextCursor).not.toBeNull();
        expect(payments.page.items.map(f => f.title)).toEqual(
          commerce.page.items.map(f => f.title),
        );
        expect(payments.names).toHaveLength(1);
        expect(payments.names[0]).toMatch(/^ifu_/);
        expect(commerce.names).toEqual(payments.names);
      });
    }
  },
);
