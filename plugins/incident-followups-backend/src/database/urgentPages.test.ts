import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import {
  createIncidentRequestSchema,
  Followup,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { statementsSent } from '../__testUtils__/statementsSent';
import { DatabaseFollowupStore } from './DatabaseFollowupStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseTeamOverviewStore } from './DatabaseTeamOverviewStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DAVE = 'user:default/dave';
const PAYMENTS = 'group:default/payments';

/**
 * Two incidents, Payments' (commanded by Dave) and Search's, whose open
 * followups come from every lookup of a team's and of a person's list: the
 * team's incidents, its own on another team's incident, the person's, their
 * group's, and the unassigned ones of an incident they commanded; with ties of
 * due date and undated ones.
 */
async function twoTeamsFollowups(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const incidents = await DatabaseIncidentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const followups = new DatabaseFollowupStore(knex);
  const incident = async (team: string, commander: string) =>
    (
      await incidents.createIncident(
        createIncidentRequestSchema.parse({
          title: `${team} is down`,
          severity: 'SEV-2',
          status: 'triggered',
          startedAt: '2026-11-02T09:14:00Z',
          entityRefs: [`component:default/${team}-api`],
          responders: [{ role: 'incident-commander', userRef: commander }],
        }),
        {
          ownership: {
            ownerRefs: [`group:default/${team}`],
            ancestorGroupRefs: [],
            indirectEntityRefs: [],
            stale: false,
          },
          actorRef: commander,
        },
      )
    ).incident;
  const payments = await incident('payments', DAVE);
  const search = await incident('search', 'user:default/erin');
  const items: [string, string | null, string | null][] = [
    [payments.id, DAVE, '2026-11-20T17:00:00Z'],
    [payments.id, null, '2026-11-20T17:00:00Z'],
    [payments.id, PAYMENTS, '2026-11-20T17:00:00Z'],
    [payments.id, 'user:default/erin', '2026-11-18T17:00:00Z'],
    [payments.id, null, null],
    [payments.id, PAYMENTS, null],
    [search.id, PAYMENTS, '2026-11-19T17:00:00Z'],
    [search.id, PAYMENTS, null],
    [search.id, DAVE, '2026-11-25T17:00:00Z'],
    [search.id, null, '2026-11-17T17:00:00Z'],
    [search.id, 'user:default/erin', '2026-11-16T17:00:00Z'],
  ];
  const created: Followup[] = [];
  for (const [incidentId, ownerRef, dueAt] of items) {
    created.push(
      await followups.createActionItem(incidentId, {
        title: `Due ${dueAt ?? 'never'}, ${ownerRef ?? 'unassigned'}`,
        description: '',
        kind: 'prevention',
        priority: 'P2',
        ownerRef,
        dueAt,
        ticketUrl: null,
      }),
    );
  }
  return { knex, followups, payments, search, created };
}

/** The ids of `followups` in the most-urgent-first order: soonest due, undated last, by id. */
function mostUrgentFirst(followups: Followup[]) {
  return [...followups]
    .sort(
      (a, b) =>
        (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
        (a.id < b.id ? -1 : 1),
    )
    .map(f => f.id);
}

/** Every page of a list, `limit` at a time, through its cursors. */
async function allPages(
  limit: number,
  page: (limit: number, cursor?: string) => Promise<Page<Followup>>,
) {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(limit, cursor);
    expect(next.items.length).toBeLessThanOrEqual(limit);
    ids.push(...next.items.map(f => f.id));
    totals.push(next.totalCount);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return { ids, totals };
}

describe.each(databases.eachSupportedId())(
  'most urgent pages on %p',
  databaseId => {
    it("pages a team's followups from its incidents and its own on others' in one order", async () => {
      const { knex, followups, payments, created } = await twoTeamsFollowups(
        databaseId,
      );
      const teams = new DatabaseTeamOverviewStore(knex, followups);
      const expected = mostUrgentFirst(
        created.filter(
          f => f.incidentId === payments.id || f.ownerRef === PAYMENTS,
        ),
      );
      expect(expected).toHaveLength(8);
      for (const limit of [1, 2, 3, 8]) {
        const { ids, totals } = await allPages(limit, (l, cursor) =>
          teams.followupPage(
            { teamRef: PAYMENTS, includeChildren: true, groupRefs: [PAYMENTS] },
            ['open', 'in-progress'],
            l,
            cursor,
          ),
        );
        expect(ids).toEqual(expected);
        expect(totals.every(total => total === 8)).toBe(true);
      }
    });

    it("pages a person's followups from their own, their group's and their commands' in one order", async () => {
      const { followups, payments, created } = await twoTeamsFollowups(
        databaseId,
      );
      const expected = mostUrgentFirst(
        created.filter(
          f =>
            f.ownerRef === DAVE ||
            f.ownerRef === PAYMENTS ||
            (f.ownerRef === null && f.incidentId === payments.id),
        ),
      );
      expect(expected).toHaveLength(8);
      for (const limit of [1, 2, 3, 8]) {
        const { ids, totals } = await allPages(limit, (l, cursor) =>
          followups.listFollowups({
            assigneeRef: DAVE,
            assigneeGroupRefs: [PAYMENTS],
            statuses: ['open', 'in-progress'],
            order: 'urgency',
            limit: l,
            cursor,
          }),
        );
        expect(ids).toEqual(expected);
        expect(totals.every(total => total === 8)).toBe(true);
      }
    });

    if (databaseId.startsWith('POSTGRES')) {
      it("reads every person's page through one statement prepared once", async () => {
        const { knex, followups } = await twoTeamsFollowups(databaseId);
        const firstPage = async (assigneeRef: string, groupRef: string) => {
          let page: Page<Followup>;
          const sent = await statementsSent(knex, async () => {
            page = await followups.listFollowups(
              {
                assigneeRef,
                assigneeGroupRefs: [groupRef],
                statuses: ['open', 'in-progress'],
                order: 'urgency',
                limit: 2,
              },
              async () => 5,
            );
          });
          return { names: sent.map(s => s.options?.name), page: page! };
        };
        const dave = await firstPage(DAVE, PAYMENTS);
        const erin = await firstPage(
          'user:default/erin',
          'group:default/search',
        );
        expect(dave.page.items).toHaveLength(2);
        expect(dave.page.items[0].ownerRef).toBe(PAYMENTS);
        expect(erin.page.items.map(f => f.ownerRef)).toEqual([
          'user:default/erin',
          null,
        ]);
        expect(dave.names).toHaveLength(1);
        expect(dave.names[0]).toMatch(/^ifu_/);
        expect(erin.names).toEqual(dave.names);
      });
    }
  },
);
