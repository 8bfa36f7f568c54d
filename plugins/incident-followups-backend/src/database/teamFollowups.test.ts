import { mockServices } from '@backstage/backend-test-utils';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFollowupStore } from './DatabaseFollowupStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { Ownership } from './IncidentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const COLUMNS = [
  'id',
  'incident_id',
  'type',
  'status',
  'owner_ref',
  'due_at',
  'created_at',
  'completed_at',
];

/** Rows as comparable strings, whatever each database returns for dates and booleans. */
function normalized(rows: Record<string, unknown>[]) {
  return rows
    .map(row =>
      JSON.stringify([
        row.team_ref,
        Boolean(row.direct),
        ...COLUMNS.map(c => {
          const value = row[c];
          if (value === null || value === undefined) return null;
          return c.endsWith('_at')
            ? new Date(value as any).toISOString()
            : value;
        }),
      ]),
    )
    .sort();
}

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
  expect(normalized(actual)).toEqual(normalized(expected));
  return actual.length;
}

const ownership = (
  ownerRefs: string[],
  ancestorGroupRefs: string[],
): Ownership => ({
  ownerRefs,
  ancestorGroupRefs,
  indirectEntityRefs: [],
  stale: false,
});

describe.each(databases.eachSupportedId())(
  'team_followups on %p',
  databaseId => {
    it('follows every write of followups and of incident owners', async () => {
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
          startedAt: '2026-11-02T09:14:00Z',
          entityRefs: ['component:default/checkout-api'],
          responders: [{ role: 'incident-commander', userRef: actor }],
        }),
        {
          ownership: ownership(
            ['group:default/payments'],
            ['group:default/commerce', 'group:default/engineering'],
          ),
          actorRef: actor,
        },
      );
      const first = await followups.createActionItem(incident.id, {
        title: 'Add a retry budget',
        description: '',
        kind: 'prevention',
        priority: 'P2',
        ownerRef: null,
        dueAt: '2026-11-20T17:00:00Z',
        ticketUrl: null,
        addedBy: actor,
      });
      await followups.createActionItem(incident.id, {
        title: 'Alert on checkout errors',
        description: '',
        kind: 'preparedness',
        priority: 'P1',
        ownerRef: 'group:default/payments',
        dueAt: null,
        ticketUrl: null,
        addedBy: actor,
      });
      expect(await expectCopiesInStep(knex)).toBe(6);

      await followups.updateFollowup(
        first.id,
        first.version,
        { status: 'done', ownerRef: 'user:default/amy' },
        actor,
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
        actor,
      );
      expect(await expectCopiesInStep(knex)).toBe(6);
      const commerce = await knex('team_followups')
        .where({ team_ref: 'group:default/commerce' })
        .select('direct');
      expect(commerce.map(row => Boolean(row.direct))).toEqual([true, true]);

      await incidents.replaceOwnership(incident.id, ownership([], []), actor);
      expect(await expectCopiesInStep(knex)).toBe(0);

      await incidents.replaceOwnership(
        incident.id,
        ownership(['group:default/payments'], []),
        actor,
      );
      expect(await expectCopiesInStep(knex)).toBe(2);

      await knex('followups').where({ id: first.id }).delete();
      expect(await expectCopiesInStep(knex)).toBe(1);
      await knex('incidents').where({ id: incident.id }).delete();
      expect(await expectCopiesInStep(knex)).toBe(0);
    });
  },
);
