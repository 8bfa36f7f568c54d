import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { resolvedIncident as resolvedCheckoutIncident } from '../__testUtils__/resolvedIncident';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const send = jest.fn().mockResolvedValue(undefined);

describe.each(databases.eachSupportedId())(
  'post-mortems API on %p',
  databaseId => {
    beforeEach(() => send.mockClear());

    async function startBackend() {
      return startApiTestBackend({
        knex: await databases.init(databaseId),
        config: {
          app: { baseUrl: 'http://portal.example.com' },
          incidentFollowups: {
            postmortems: {
              stakeholders: { 'SEV-1': ['group:default/leadership'] },
            },
          },
        },
        send,
      });
    }
    type Api = Awaited<ReturnType<typeof startBackend>>;

    /** Every response role is staffed: each one's checklist is owed. */
    function resolvedIncident(api: Api, severity = 'SEV-1') {
      return resolvedCheckoutIncident(api, {
        severity,
        resolvedAt: '2026-11-02T11:00:00Z',
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
          { role: 'scribe', userRef: 'user:default/bob' },
          { role: 'subject-matter-expert', userRef: 'user:default/alice' },
          { role: 'customer-liaison', userRef: 'user:default/carol' },
        ],
      });
    }

    async function stepStatus(
      api: Api,
      incidentId: string,
      completion: string,
    ) {
      const { body } = await api.get(`/incidents/${incidentId}/followups`);
      return body.items
        .filter((f: any) => f.autoCompletion === completion)
        .map((f: any) => [f.status, f.completedBy]);
    }

    it('creates one post-mortem per incident, tells the owner and ticks the IC step', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api);
      expect(incident.postmortemRequired).toBe(true);
      expect(incident.postmortem).toBeNull();

      const suggestions = await api.get(
        `/incidents/${incident.id}/postmortem/owner-suggestions`,
      );
      expect(suggestions.body.items.map((s: any) => s.userRef)).toEqual([
        'user:default/dave',
        'user:default/alice',
        'user:default/bob',
      ]);
      expect(
        suggestions.body.items.every(
          (s: any) => !/caus|fault|blame/i.test(s.reason),
        ),
      ).toBe(true);

      expect(
        await stepStatus(api, incident.id, 'postmortem-owner-assigned'),
      ).toEqual([['open', null]]);
      const created = await api.post(`/incidents/${incident.id}/postmortem`, {
        ownerRef: 'user:default/alice',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'draft',
        ownerRef: 'user:default/alice',
        incidentSeverity: 'SEV-1',
        // SEV-1: three calendar days after the resolution.
        meetingDeadline: '2026-11-05T23:59:59.999Z',
        inviteesEdited: false,
        transitions: [
          { from: null, to: 'draft', actorRef: 'user:default/dave' },
        ],
      });
      expect(created.body.invitees).toEqual([
        'user:default/dave',
        'user:default/bob',
        'user:default/alice',
        'user:default/carol',
        'group:default/payments',
        // The managers the catalog names: Payments' and the system's.
        'user:default/erin',
        'user:default/frank',
      ]);
      expect(created.body.content.timeline.map((r: any) => r.event)).toEqual([
        'Incident started (SEV-1)',
        'Incident resolved (final severity SEV-1)',
      ]);
      expect(
        await stepStatus(api, incident.id, 'postmortem-owner-assigned'),
      ).toEqual([['done', 'user:default/dave']]);
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'user:default/alice' },
          payload: expect.objectContaining({
            link: `/incident-followups/incidents/${incident.id}/postmortem`,
          }),
        }),
      );

      const again = await api.post(`/incidents/${incident.id}/postmortem`, {
        ownerRef: 'user:default/bob',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(created.body.id);

      const listed = await api.get('/incidents');
      expect(
        listed.body.items.find((i: any) => i.id === incident.id).postmortem,
      ).toEqual({
        id: created.body.id,
        status: 'draft',
        ownerRef: 'user:default/alice',
      });
    });

    it('refuses an unknown owner, a negative impact figure and a stale save, losing nothing', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api, 'SEV-2');
      const unknown = await api.post(`/incidents/${incident.id}/postmortem`, {
        ownerRef: 'user:default/nobody',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('user:default/nobody');

      const { body: pm } = await api.post(
        `/incidents/${incident.id}/postmortem`,
        {
          ownerRef: 'user:default/bob',
        },
      );
      const negative = await api.patch(`/postmortems/${pm.id}`, {
        version: pm.version,
        content: { impact: { usersAffected: -3 } },
      });
      expect(negative.status).toBe(400);
      expect(negative.body.error.message).toContain(
        'request/body/content/impact/usersAffected must be >= 0',
      );
      const text = await api.patch(`/postmortems/${pm.id}`, {
        version: pm.version,
        content: { impact: { usersAffected: 'many' } },
      });
      expect(text.status).toBe(400);
      expect(text.body.error.message).toBe(
        'request/body/content/impact/usersAffected must be integer',
      );

      const alice = await api.patch(
        `/postmortems/${pm.id}`,
        {
          version: pm.version,
          content: {
            overview: 'Alice wrote this',
            impact: { usersAffected: 1200 },
          },
        },
        api.as('user:default/alice'),
      );
      expect(alice.status).toBe(200);
      const bob = await api.patch(
        `/postmortems/${pm.id}`,
        { version: pm.version, content: { overview: 'Bob wrote this' } },
        api.as('user:default/bob'),
      );
      expect(bob.status).toBe(409);
      const { body: stored } = await api.get(`/postmortems/${pm.id}`);
      expect(stored.content.overview).toBe('Alice wrote this');
      expect(stored.content.impact.usersAffected).toBe(1200);
      expect(stored.content.impact.eventsDropped).toBeNull();
      expect(stored.version).toBe(pm.version + 1);
      // SEV-2: five business days after Monday 2 November.
      expect(stored.meetingDeadline).toBe('2026-11-09T23:59:59.999Z');
    });

    it('moves through the statuses the machine allows, and closes only once the status page has the message', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api);
      let { body: pm } = await api.post(
        `/incidents/${incident.id}/postmortem`,
        {
          ownerRef: 'user:default/alice',
        },
      );
      const skip = await api.post(`/postmortems/${pm.id}/transitions`, {
        version: pm.version,
        to: 'closed',
      });
      expect(skip.status).toBe(409);
      expect(skip.body.error.message).toMatch(/it can move to: In review$/);

      const move = async (to: string) => {
        const res = await api.post(`/postmortems/${pm.id}/transitions`, {
          version: pm.version,
          to,
        });
        expect(res.status).toBe(200);
        pm = res.body;
      };
      await move('in-review');
      pm = (
        await api.patch(`/postmortems/${pm.id}`, {
          version: pm.version,
          content: {
            externalMessage: { summary: 'Checkout was down for 2 hours' },
          },
        })
      ).body;
      await move('reviewed');
      const early = await api.post(`/postmortems/${pm.id}/transitions`, {
        version: pm.version,
        to: 'closed',
      });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain('status page');

      expect(await stepStatus(api, incident.id, 'status-page-updated')).toEqual(
        [['open', null]],
      );
      const posted = await api.post(
        `/postmortems/${pm.id}/status-page`,
        { url: 'https://status.example.com/incidents/42' },
        api.as('user:default/carol'),
      );
      expect(posted.status).toBe(200);
      expect(posted.body.statusPagePostedBy).toBe('user:default/carol');
      expect(await stepStatus(api, incident.id, 'status-page-updated')).toEqual(
        [['done', 'user:default/carol']],
      );
      pm = posted.body;
      await move('closed');
      expect(pm.transitions.map((t: any) => `${t.from}->${t.to}`)).toEqual([
        'null->draft',
        'draft->in-review',
        'in-review->reviewed',
        'reviewed->closed',
      ]);
      expect(pm.meetingState).toBe('held');
    });

    it('notifies the stakeholders and ticks the IC step; the internal email waits for the meeting', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api);
      const { body: pm } = await api.post(
        `/incidents/${incident.id}/postmortem`,
        {
          ownerRef: 'user:default/alice',
        },
      );
      send.mockClear();
      const notified = await api.post(`/postmortems/${pm.id}/notifications`, {
        message: 'incident',
        recipientRefs: ['user:default/carol'],
      });
      expect(notified.status).toBe(200);
      expect(notified.body.recipientRefs).toEqual([
        'group:default/payments',
        'group:default/leadership',
        'user:default/carol',
      ]);
      expect(send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: notified.body.recipientRefs,
        },
        payload: expect.objectContaining({
          title: 'SEV-1 incident: Checkout failing',
          link: `/incident-followups/incidents/${incident.id}/postmortem`,
        }),
      });
      expect(
        await stepStatus(api, incident.id, 'stakeholders-emailed'),
      ).toEqual([['done', 'user:default/dave']]);

      const tooEarly = await api.post(`/postmortems/${pm.id}/notifications`, {
        message: 'internal-email',
      });
      expect(tooEarly.status).toBe(409);
      const unknown = await api.post(`/postmortems/${pm.id}/notifications`, {
        message: 'incident',
        recipientRefs: ['group:default/nobody'],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain(
        "recipientRefs.0: 'group:default/nobody' is not in the catalog",
      );
    });

    it('lists post-mortems by team, entity, owner and status, page by page', async () => {
      const api = await startBackend();
      const checkout = await resolvedIncident(api);
      await api.post(`/incidents/${checkout.id}/postmortem`, {
        ownerRef: 'user:default/alice',
      });
      const { body: alerting } = await api.post('/incidents', {
        title: 'Alerts delayed',
        severity: 'SEV-3',
        startedAt: '2026-11-03T10:00:00Z',
        entityRefs: ['component:default/alerting-pipeline'],
      });
      await api.post(`/incidents/${alerting.id}/postmortem`, {
        ownerRef: 'user:default/bob',
      });

      const all = (await api.get('/postmortems')).body;
      expect(all.totalCount).toBe(2);
      expect(all.items[0]).toMatchObject({
        incidentId: checkout.id,
        incidentTitle: 'Checkout failing',
        incidentSeverity: 'SEV-1',
        status: 'draft',
        ownerRef: 'user:default/alice',
        entityRefs: ['component:default/checkout-api'],
        ownerRefs: ['group:default/payments'],
        meetingDeadline: expect.any(String),
      });
      expect(all.items[0].invitees).toBeUndefined();
      expect(all.items[1].meetingState).toBe('waiting-for-resolution');

      const incidentsOf = async (query: string) =>
        (await api.get(`/postmortems?${query}`)).body.items.map(
          (p: any) => p.incidentTitle,
        );
      // Commerce is Payments' parent group.
      expect(await incidentsOf('teamRef=group:default/commerce')).toEqual([
        'Checkout failing',
      ]);
      expect(
        await incidentsOf('entityRef=component:default/alerting-pipeline'),
      ).toEqual(['Alerts delayed']);
      expect(await incidentsOf('ownerRef=user:default/bob')).toEqual([
        'Alerts delayed',
      ]);
      expect(await incidentsOf('status=in-review,closed')).toEqual([]);

      const first = (await api.get('/postmortems?limit=1')).body;
      expect(first.items).toHaveLength(1);
      const second = (
        await api.get(
          `/postmortems?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
        )
      ).body;
      expect(second.items[0].incidentTitle).toBe('Alerts delayed');
      expect(second.nextCursor).toBeNull();

      const bad = await api.get('/postmortems?status=lost');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('status');
    });

    it('offers the meeting as a calendar invite and the post-mortem as Markdown', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api);
      const { body: pm } = await api.post(
        `/incidents/${incident.id}/postmortem`,
        {
          ownerRef: 'user:default/alice',
        },
      );
      const unscheduled = await api.get(`/postmortems/${pm.id}/meeting.ics`);
      expect(unscheduled.status).toBe(409);
      const scheduled = await api.patch(`/postmortems/${pm.id}`, {
        version: pm.version,
        meetingScheduledFor: '2026-11-04T14:00:00Z',
        content: {
          overview: 'Payments | checkout',
          whatWentWell: '- paging worked',
        },
      });
      // The deadline passed without the meeting being recorded as held.
      expect(scheduled.body.meetingState).toBe('late');
      const ics = await api.get(`/postmortems/${pm.id}/meeting.ics`);
      expect(ics.status).toBe(200);
      expect(ics.headers['content-type']).toContain('text/calendar');
      const unfolded = ics.text.replace(/\r\n[ \t]/g, '');
      expect(unfolded).toContain('DTSTART:20261104T140000Z');
      expect(unfolded).toContain('DURATION:PT30M');
      expect(unfolded).toContain('mailto:alice@example.com');
      expect(unfolded).toContain('mailto:dave@example.com');
      expect(unfolded).toContain(
        `http://portal.example.com/incident-followups/incidents/${incident.id}/postmortem`,
      );
      expect(unfolded).toContain('group:default/payments');

      const md = await api.get(`/postmortems/${pm.id}/export.md`);
      expect(md.status).toBe(200);
      expect(md.text).toContain('# Post-mortem: Checkout failing');
      expect(md.text).toContain('## What went well\n\n- paging worked');
      expect(md.text).toContain('| Incident resolved (final severity SEV-1) |');
    });

    it('imports chat once, and adds what the scribe accepts', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api);
      const { body: pm } = await api.post(
        `/incidents/${incident.id}/postmortem`,
        {
          ownerRef: 'user:default/alice',
        },
      );
      const transcript = [
        '[09:20] dave: looking at checkout-api',
        '[09:31] bob: KEY: rolled back the deploy',
        '[09:40] alice: TODO add an alert on payment errors',
      ].join('\n');
      const first = await api.post(`/postmortems/${pm.id}/chat-imports`, {
        transcript,
      });
      expect(first.status).toBe(201);
      expect(first.body.added).toBe(2);
      const again = await api.post(`/postmortems/${pm.id}/chat-imports`, {
        transcript,
      });
      expect(again.status).toBe(200);
      expect(again.body.added).toBe(0);

      const [event, todo] = again.body.proposals;
      expect(event).toMatchObject({
        kind: 'timeline-event',
        decision: 'pending',
      });
      expect(todo).toMatchObject({
        kind: 'action-item',
        text: 'add an alert on payment errors',
        at: '2026-11-02T09:40:00.000Z',
      });
      const accepted = await api.post(
        `/postmortems/${pm.id}/chat-proposals/${todo.key}`,
        { decision: 'accept' },
        api.as('user:default/bob'),
      );
      expect(accepted.body).toMatchObject({
        decision: 'accepted',
        decidedBy: 'user:default/bob',
      });
      // Twice is a no-op.
      await api.post(`/postmortems/${pm.id}/chat-proposals/${todo.key}`, {
        decision: 'accept',
      });
      await api.post(`/postmortems/${pm.id}/chat-proposals/${event.key}`, {
        decision: 'accept',
      });
      const { body: followups } = await api.get(
        `/incidents/${incident.id}/followups`,
      );
      expect(
        followups.items
          .filter((f: any) => f.type === 'action-item')
          .map((f: any) => f.title),
      ).toEqual(['add an alert on payment errors']);
      const { body: updated } = await api.get(`/postmortems/${pm.id}`);
      expect(updated.content.timeline.map((r: any) => r.event)).toContain(
        'bob: rolled back the deploy',
      );

      const malformed = await api.post(`/postmortems/${pm.id}/chat-imports`, {
        transcript: 'hello\n[09:20] dave: hi',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('line 1');

      const huge = await api.post(`/postmortems/${pm.id}/chat-imports`, {
        transcript: `[09:00] dave: ${'x'.repeat(1024 * 1024)}`,
      });
      expect(huge.status).toBe(413);
      const { body: proposals } = await api.get(
        `/postmortems/${pm.id}/chat-proposals`,
      );
      expect(proposals.items).toHaveLength(2);
    });
  },
);
