import { mockServices } from '@backstage/backend-test-utils';
import {
  createIncidentRequestSchema,
  planIncidentUpdate,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import {
  COPIED_FOLLOWUP_COLUMNS as COLUMNS,
  normalizedCopies,
} from '../__testUtils__/followupCopies';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFollowupStore } from './DatabaseFollowupStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DAVE = 'user:default/dave';
const AMY = 'user:default/amy';
const LEE = 'user:default/lee';

/**
 * What `commander_followups` must hold: each unassigned followup once per
 * incident commander of its incident. Returns its commanders' refs.
 */
async function expectCopiesInStep(knex: Knex) {
  const expected = await knex('followups')
    .join(
      'incident_responders',
      'incident_responders.incident_id',
      'followups.incident_id',
    )
    .where('incident_responders.role', 'incident-commander')
    .whereNull('followups.owner_ref')
    .select(
      'incident_responders.user_ref as commander_ref',
      ...COLUMNS.map(c => `followups.${c}`),
    );
  const actual = await knex('commander_followups').select(
    'commander_ref',
    ...COLUMNS,
  );
  const commander = (row: Record<string, unknown>) => [row.commander_ref];
  expect(normalizedCopies(actual, commander)).toEqual(
    normalizedCopies(expected, commander),
  );
  return actual.map(row => row.commander_ref as string).sort();
}

describe.each(databases.eachSupportedId())(
  'commander_followups on %p',
  databaseId => {
    it('follows every write of followups and of incident responders', async () => {
      const knex = await databases.init(databaseId);
      const incidents = await DatabaseIncidentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const followups = new DatabaseFollowupStore(knex);
      const { incident } = await incidents.createIncident(
        createIncidentRequestSchema.parse({
          title: 'Checkout failing',
          severity: 'SEV-2',
          status: 'triggered',
          startedAt: '2026-11-02T09:14:00Z',
          entityRefs: ['component:default/checkout-api'],
          responders: [
            { role: 'incident-commander', userRef: DAVE },
            { role: 'scribe', userRef: LEE },
          ],
        }),
        {
          ownership: {
            ownerRefs: ['group:default/payments'],
            ancestorGroupRefs: [],
            indirectEntityRefs: [],
            stale: false,
          },
          actorRef: DAVE,
        },
      );
      const action = (title: string, ownerRef: string | null) =>
        followups.createActionItem(incident.id, {
          title,
          description: '',
          kind: 'prevention',
          priority: 'P2',
          ownerRef,
          dueAt: '2026-11-20T17:00:00Z',
          ticketUrl: null,
          addedBy: DAVE,
        });
      const retry = await action('Add a retry budget', null);
      await action('Write the failover runbook', null);
      await action('Alert on checkout errors', 'group:default/payments');
      const openUnassigned = (
        await knex('followups')
          .where({ incident_id: incident.id })
          .whereNull('owner_ref')
      ).length;
      expect(openUnassigned).toBeGreaterThan(1);
      // The commander's copies only; the scribe commands nothing.
      expect(await expectCopiesInStep(knex)).toEqual(
        Array(openUnassigned).fill(DAVE),
      );

      // Done: still the commander's to see among closed ones.
      const done = await followups.updateFollowup(
        retry.id,
        retry.version,
        { status: 'done' },
        DAVE,
      );
      await expectCopiesInStep(knex);
      const [copy] = await knex('commander_followups')
        .where({ id: retry.id })
        .select('status', 'completed_at');
      expect(copy.status).toBe('done');
      expect(copy.completed_at).not.toBeNull();

      // Assigned: no longer the commander's.
      await followups.updateFollowup(
        retry.id,
        done.version,
        { ownerRef: AMY },
        DAVE,
      );
      expect(await knex('commander_followups').where({ id: retry.id })).toEqual(
        [],
      );
      expect(await expectCopiesInStep(knex)).toHaveLength(openUnassigned - 1);

      // Amy joins Dave in command, then takes over from him.
      const command = (version: number, userRefs: string[]) =>
        incidents.updateIncident(incident.id, {
          version,
          plan: current =>
            planIncidentUpdate(
              current,
              {
                version,
                responders: userRefs.map(userRef => ({
                  role: 'incident-commander' as const,
                  userRef,
                })),
              },
              new Date(),
            ),
          actorRef: DAVE,
        });
      const second = await command(incident.version, [DAVE, AMY]);
      expect(await expectCopiesInStep(knex)).toEqual(
        [
          ...Array(openUnassigned - 1).fill(AMY),
          ...Array(openUnassigned - 1).fill(DAVE),
        ].sort(),
      );
      await command(second.version, [AMY]);
      expect(await expectCopiesInStep(knex)).toEqual(
        Array(openUnassigned - 1).fill(AMY),
      );

      // A responder row rewritten in place moves the copies with it.
      await knex('incident_responders')
        .where({ incident_id: incident.id, user_ref: AMY })
        .update({ user_ref: LEE });
      expect(await expectCopiesInStep(knex)).toEqual(
        Array(openUnassigned - 1).fill(LEE),
      );
      await knex('incident_responders')
        .where({ incident_id: incident.id, user_ref: LEE })
        .update({ role: 'scribe' });
      expect(await expectCopiesInStep(knex)).toEqual([]);
      await knex('incident_responders')
        .where({ incident_id: incident.id, user_ref: LEE })
        .update({ role: 'incident-commander' });
      expect(await expectCopiesInStep(knex)).toHaveLength(openUnassigned - 1);

      const [unassigned] = await knex('commander_followups').select('id');
      await knex('followups').where({ id: unassigned.id }).delete();
      expect(await expectCopiesInStep(knex)).toHaveLength(openUnassigned - 2);
      await knex('incidents').where({ id: incident.id }).delete();
      expect(await expectCopiesInStep(knex)).toEqual([]);
    });
  },
);
