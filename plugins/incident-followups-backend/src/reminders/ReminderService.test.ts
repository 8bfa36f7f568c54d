import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  createIncidentRequestSchema,
  DEFAULT_CHECKLISTS,
  emptyPostmortemContent,
  planRoleFollowups,
} from '@incident-followups/plugin-incident-followups-common';
import { DatabasePostmortemStore } from '../postmortems/DatabasePostmortemStore';
import { DatabaseFollowupStore } from '../database/DatabaseFollowupStore';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { ReminderService } from './ReminderService';
import { ReminderStore } from './ReminderStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const policy = { timeZone: 'Europe/Berlin', holidays: [] };

const teams: Record<string, string[]> = {
  'group:default/payments': ['user:default/erin', 'user:default/frank'],
};

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
    store: new ReminderStore(
      knex,
      followups,
      async groupRefs => new Map(groupRefs.map(ref => [ref, teams[ref] ?? []])),
    ),
    notifications: { send },
    policy,
    hour: 9,
    logger: mockServices.logger.mock(),
  });
  return {
    service,
    send,
    knex,
    followups,
    incident,
    postmortems: new DatabasePostmortemStore(knex),
  };
}

function digestOf(send: jest.Mock, recipientRef: string) {
  const calls = send.mock.calls.filter(
    ([n]) => n.recipients.entityRef === recipientRef,
  );
  expect(calls).toHaveLength(1);
  return calls[0][0].payload;
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
      title: '3 incident followups due soon',
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
    expect(overdue.payload.title).toMatch(/^\d+ incident followups overdue$/);
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

  it("reminds every member of the team that owns an action item, within each one's single digest", async () => {
    const { service, send, followups, incident } = await setup();
    await followups.createActionItem(incident.id, {
      title: 'Add a circuit breaker to the card gateway',
      description: '',
      kind: 'prevention',
      priority: 'P1',
      ownerRef: 'group:default/payments',
      dueAt: '2026-11-24T12:00:00Z',
      ticketUrl: null,
    });

    await service.sendDigests(new Date('2026-11-25T08:30:00Z'));

    for (const member of teams['group:default/payments']) {
      const digest = digestOf(send, member);
      expect(digest.title).toBe('1 incident followup overdue');
      expect(digest.description).toBe(
        '• Add a circuit breaker to the card gateway (Checkout failing), overdue since 24 Nov, owned by your team payments',
      );
    }
    // Dave and Bob are not in the team: their own digests do not carry it.
    expect(digestOf(send, 'user:default/dave').description).not.toContain(
      'circuit breaker',
    );
  });

  it('tells the incident commander about post-mortems at risk, then late, and stops once reviewed', async () => {
    const { service, send, knex, incident, postmortems } = await setup();
    // Only the post-mortem is left for Dave: every followup of the incident is done.
    await knex('followups').update({ status: 'done' });
    const postmortem = await postmortems.create({
      incidentId: incident.id,
      ownerRef: 'user:default/carol',
      content: emptyPostmortemContent(),
      actorRef: 'user:default/dave',
    });

    // SEV-1 resolved Monday 09:00 UTC: the meeting is due by Thursday, 3 days later.
    await service.sendDigests(new Date('2026-11-25T08:30:00Z'));
    expect(send).toHaveBeenCalledTimes(1);
    const atRisk = digestOf(send, 'user:default/dave');
    expect(atRisk).toMatchObject({
      title: '1 post-mortem at risk',
      severity: 'normal',
      link: `/incident-followups/incidents/${incident.id}/postmortem`,
    });
    expect(atRisk.description).toBe(
      'Post-mortems of your incidents behind their time frame:\n• Post-mortem of Checkout failing (SEV-1, Draft): at risk, the meeting was due by 26 Nov, no meeting scheduled',
    );

    send.mockClear();
    await service.sendDigests(new Date('2026-11-27T08:30:00Z'));
    expect(digestOf(send, 'user:default/dave')).toMatchObject({
      title: '1 post-mortem late',
      severity: 'high',
    });

    send.mockClear();
    await postmortems.update(postmortem.id, {
      version: postmortem.version,
      plan: () => ({ status: 'reviewed' }),
      actorRef: 'user:default/carol',
    });
    await service.sendDigests(new Date('2026-11-28T08:30:00Z'));
    expect(send).not.toHaveBeenCalled();
  });
});
