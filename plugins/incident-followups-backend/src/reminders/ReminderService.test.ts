import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  createIncidentRequestSchema,
  DEFAULT_CHECKLISTS,
  planRoleFollowups,
} from '@incident-followups/plugin-incident-followups-common';
import { DatabaseFollowupStore } from '../database/DatabaseFollowupStore';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { ReminderService } from './ReminderService';
import { ReminderStore } from './ReminderStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const policy = { timeZone: 'Europe/Berlin', holidays: [] };

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const incidents = await DatabaseIncidentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const followups = new DatabaseFollowupStore(knex);
  // Resolved on Monday 2026-11-23: scribe steps are due two business days later.
  const { incident } = await incidents.createIncident(
    createIncidentRequestSchema.parse({
      title: 'Checkout failing',
      severity: 'SEV-1',
      finalSeverity: 'SEV-1',
      status: 'resolved',
      startedAt: '2026-11-23T08:00:00Z',
      resolvedAt: '2026-11-23T09:00:00Z',
      entityRefs: ['component:default/checkout-api'],
      responders: [
        { role: 'incident-commander', userRef: 'user:default/dave' },
        { role: 'scribe', userRef: 'user:default/bob' },
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
  await knex.transaction(tx =>
    followups.insertRoleFollowups(
      tx,
      incident.id,
      planRoleFollowups(incident, DEFAULT_CHECKLISTS, policy),
      'user:default/dave',
    ),
  );
  const send = jest.fn().mockResolvedValue(undefined);
  const service = new ReminderService({
    store: new ReminderStore(knex, followups),
    notifications: { send },
    policy,
    hour: 9,
    logger: mockServices.logger.mock(),
  });
  return { service, send };
}

describe('ReminderService', () => {
  it('sends each person one digest a day, from the configured hour in the policy time zone', async () => {
    const { service, send } = await setup();

    // 07:30 in Berlin on Wednesday: too early.
    expect(await service.sendDigests(new Date('2026-11-25T06:30:00Z'))).toEqual(
      { sent: 0 },
    );

    // 09:30 in Berlin: Dave (IC steps, and the unassigned ones of his incident) and Bob.
    expect(await service.sendDigests(new Date('2026-11-25T08:30:00Z'))).toEqual(
      { sent: 2 },
    );
    const recipients = send.mock.calls
      .map(([n]) => n.recipients.entityRef)
      .sort();
    expect(recipients).toEqual(['user:default/bob', 'user:default/dave']);
    const bob = send.mock.calls.find(
      ([n]) => n.recipients.entityRef === 'user:default/bob',
    )[0];
    expect(bob.payload).toMatchObject({
      title: '3 of your incident followups are due soon',
      link: '/my-followups',
      severity: 'normal',
    });
    expect(bob.payload.description).toContain(
      'Collect every TODO item from the chat into the post-mortem (Checkout failing), due 25 Nov',
    );
    const dave = send.mock.calls.find(
      ([n]) => n.recipients.entityRef === 'user:default/dave',
    )[0];
    expect(dave.payload.description).toContain('unassigned: hand it out');

    // Later the same day, and from a second replica: nothing more.
    expect(await service.sendDigests(new Date('2026-11-25T15:00:00Z'))).toEqual(
      { sent: 0 },
    );
    expect(send).toHaveBeenCalledTimes(2);

    // The next day the steps are overdue, and the digest says so.
    expect(await service.sendDigests(new Date('2026-11-26T08:00:00Z'))).toEqual(
      { sent: 2 },
    );
    const overdue = send.mock.calls[2][0];
    expect(overdue.payload).toMatchObject({ severity: 'high' });
    expect(overdue.payload.title).toMatch(
      /^\d+ of your incident followups are overdue$/,
    );
  });

  it('tries again on the next run when sending failed', async () => {
    const { service, send } = await setup();
    send.mockRejectedValueOnce(new Error('notifications backend down'));
    expect(
      (await service.sendDigests(new Date('2026-11-25T08:30:00Z'))).sent,
    ).toBe(1);
    expect(
      (await service.sendDigests(new Date('2026-11-25T09:00:00Z'))).sent,
    ).toBe(1);
    expect(
      (await service.sendDigests(new Date('2026-11-25T09:30:00Z'))).sent,
    ).toBe(0);
  });
});
