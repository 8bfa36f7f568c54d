import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { randomUUID } from 'node:crypto';
import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { readOpenApiSpec } from '../schema/openApiSpec';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const send = jest.fn().mockResolvedValue(undefined);
const publish = jest.fn().mockResolvedValue(undefined);
const DAY = 86_400_000;

/** The fields the OpenAPI document gives a process review, as listed and in full, and an agenda item. */
function documentedFields() {
  const { ProcessReviewSummary, ProcessReview, AgendaIncident } =
    readOpenApiSpec().components.schemas;
  const summary = Object.keys(ProcessReviewSummary.properties);
  const full = [...summary, ...Object.keys(ProcessReview.allOf[1].properties)];
  return {
    summary: summary.sort(),
    full: full.sort(),
    agendaItem: Object.keys(AgendaIncident.properties).sort(),
  };
}

describe.each(databases.eachSupportedId())(
  'process reviews API on %p',
  databaseId => {
    beforeEach(() => {
      send.mockClear();
      publish.mockClear();
    });

    async function startBackend() {
      return startApiTestBackend({
        knex: await databases.init(databaseId),
        config: { app: { baseUrl: 'http://portal.example.com' } },
        send,
        publish,
      });
    }
    type Api = Awaited<ReturnType<typeof startBackend>>;

    /** The whole agenda of a meeting, read a page of `limit` at a time. */
    async function wholeAgenda(api: Api, reviewId: string, limit = 25) {
      const items: any[] = [];
      const totals = new Set<number>();
      let cursor: string | null = '';
      while (cursor !== null) {
        const { status, body } = await api.get(
          `/process-reviews/${reviewId}/agenda?limit=${limit}${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
        );
        expect(status).toBe(200);
        expect(body.items.length).toBeLessThanOrEqual(limit);
        items.push(...body.items);
        totals.add(body.totalCount);
        cursor = body.nextCursor;
      }
      expect([...totals]).toEqual([items.length]);
      return items;
    }

    async function resolved(
      api: Api,
      title: string,
      resolvedAt: string,
      extra: object = {},
    ) {
      const res = await api.post('/incidents', {
        title,
        severity: 'SEV-2',
        status: 'resolved',
        finalSeverity: 'SEV-2',
        startedAt: new Date(Date.parse(resolvedAt) - 90 * 60_000).toISOString(),
        resolvedAt,
        entityRefs: ['component:default/checkout-api'],
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body;
    }

    async function processItem(
      api: Api,
      incidentId: string,
      title: string,
      done = false,
    ) {
      const { body } = await api.post(`/incidents/${incidentId}/followups`, {
        title,
        kind: 'process',
        priority: 'P2',
        ownerRef: 'user:default/alice',
      });
      if (done) {
        await api.patch(`/followups/${body.id}`, {
          version: body.version,
          status: 'done',
        });
      }
      return body;
    }

    it('builds the agenda from the incidents resolved in the period, with carry-over and feedback', async () => {
      const api = await startBackend();
      const before = await resolved(api, 'Before', '2026-10-31T23:59:59.999Z');
      const first = await resolved(api, 'At the start', '2026-11-01T00:00:00Z');
      const last = await resolved(api, 'Last', '2026-11-14T23:59:00Z');
      await resolved(api, 'At the end', '2026-11-15T00:00:00Z');
      await resolved(api, 'Grouped', '2026-11-10T00:00:00Z');
      const grouped = (
        await api.get('/incidents?includeGrouped=true')
      ).body.items.find((i: any) => i.title === 'Grouped');
      await api.post(`/incidents/${last.id}/related`, {
        incidentIds: [grouped.id],
      });

      await processItem(api, before.id, 'Page the deputy too');
      await processItem(api, before.id, 'Write the escalation policy', true);
      await processItem(api, first.id, 'Name a scribe at every SEV-2');
      const { body: pm } = await api.post(`/incidents/${first.id}/postmortem`, {
        ownerRef: 'user:default/alice',
      });
      await api.patch(`/postmortems/${pm.id}`, {
        version: pm.version,
        content: { whatDidntGoWell: 'Nobody knew who was the scribe.' },
      });
      await api.put(`/incidents/${first.id}/feedback`, {
        rating: 4,
        comment: 'Calm and quick',
      });
      await api.put(
        `/incidents/${first.id}/feedback`,
        { rating: 2, comment: 'Paging was slow' },
        'user:default/alice',
      );
      await api.put(
        `/incidents/${last.id}/feedback`,
        { rating: 3 },
        'user:default/bob',
      );

      const created = await api.post('/process-reviews', {
        scheduledFor: '2026-11-15T00:00:00Z',
        periodSince: '2026-11-01T00:00:00Z',
      });
      expect(created.status).toBe(201);
      const review = created.body;
      expect(review).toMatchObject({
        title: 'Process review',
        durationMinutes: 60,
        periodSince: '2026-11-01T00:00:00.000Z',
        periodUntil: '2026-11-15T00:00:00.000Z',
        attendeeRefs: ['user:default/dave'],
        attendeeCount: 1,
        agendaCount: 2,
        discussedCount: 0,
        periodFeedback: { count: 3, average: 3 },
      });
      const agenda = await wholeAgenda(api, review.id);
      expect(agenda.map((a: any) => a.title)).toEqual(['At the start', 'Last']);
      expect(agenda[0]).toMatchObject({
        severity: 'SEV-2',
        durationMinutes: 90,
        commanderRefs: ['user:default/dave'],
        postmortem: { id: pm.id, status: 'draft' },
        whatDidntGoWell: 'Nobody knew who was the scribe.',
        processItems: [
          expect.objectContaining({ title: 'Name a scribe at every SEV-2' }),
        ],
        feedback: {
          count: 2,
          average: 3,
          comments: [
            {
              userRef: 'user:default/alice',
              rating: 2,
              comment: 'Paging was slow',
            },
            {
              userRef: 'user:default/dave',
              rating: 4,
              comment: 'Calm and quick',
            },
          ],
        },
      });
      expect(review.carriedOver.map((p: any) => p.title)).toEqual([
        'Page the deputy too',
      ]);
      expect(review.carriedOverCount).toBe(1);

      // The next meeting starts where this one's period ended.
      const next = (
        await api.post('/process-reviews', {
          title: 'December review',
          scheduledFor: '2026-11-29T10:00:00Z',
        })
      ).body;
      expect(next).toMatchObject({
        periodSince: '2026-11-15T00:00:00.000Z',
        periodUntil: '2026-11-29T10:00:00.000Z',
      });
      expect(next.agendaCount).toBe(1);
      expect(
        (await wholeAgenda(api, next.id)).map((a: any) => a.title),
      ).toEqual(['At the end']);
      expect(
        (await api.get('/process-reviews')).body.items.map((r: any) => [
          r.title,
          r.attendeeCount,
          r.attendeeRefs,
        ]),
      ).toEqual([
        ['December review', 1, undefined],
        ['Process review', 1, undefined],
      ]);

      const backwards = await api.post('/process-reviews', {
        scheduledFor: '2026-11-29T10:00:00Z',
        periodSince: '2026-11-20T00:00:00Z',
        periodUntil: '2026-11-10T00:00:00Z',
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toContain('periodUntil');
    });

    it('reads the agenda a page at a time, the earliest resolved first, ties neither skipped nor repeated', async () => {
      const api = await startBackend();
      const { body: review } = await api.post('/process-reviews', {
        scheduledFor: '2026-11-15T00:00:00Z',
        periodSince: '2026-11-01T00:00:00Z',
      });
      const [row] = await api
        .knex('incidents')
        .where({ id: (await resolved(api, 'Seed', '2026-11-01T00:00:00Z')).id })
        .select();
      // 31 incidents, in threes resolved at the same instant.
      await api.knex('incidents').insert(
        Array.from({ length: 30 }, (_, i) => ({
          ...row,
          id: randomUUID(),
          title: `Incident ${String(i).padStart(2, '0')}`,
          resolved_at: new Date(
            Date.parse('2026-11-02T00:00:00Z') + Math.floor(i / 3) * 3_600_000,
          ),
        })),
      );

      const { body: meeting } = await api.get(`/process-reviews/${review.id}`);
      expect(meeting.agendaCount).toBe(31);
      const first = await api.get(`/process-reviews/${review.id}/agenda`);
      expect(first.body.items).toHaveLength(25);
      expect(first.body.totalCount).toBe(31);
      expect(first.body.items[0].title).toBe('Seed');
      for (const item of first.body.items) {
        expect(Object.keys(item).sort()).toEqual(documentedFields().agendaItem);
      }
      const byTwentyFive = await wholeAgenda(api, review.id);
      const resolvedAt = byTwentyFive.map((a: any) => a.resolvedAt);
      expect(resolvedAt).toEqual([...resolvedAt].sort());
      expect(new Set(byTwentyFive.map((a: any) => a.incidentId)).size).toBe(31);
      for (const limit of [4, 100]) {
        expect(await wholeAgenda(api, review.id, limit)).toEqual(byTwentyFive);
      }

      for (const query of [
        'limit=0',
        'limit=101',
        'cursor=not-a-cursor',
        'order=desc',
      ]) {
        const bad = await api.get(
          `/process-reviews/${review.id}/agenda?${query}`,
        );
        expect(bad.status).toBe(400);
      }
      const unknown = await api.get(`/process-reviews/${randomUUID()}/agenda`);
      expect(unknown.status).toBe(404);
    });

    it('filters the agenda by severity and by whether the meeting discussed it, counting what it picks', async () => {
      const api = await startBackend();
      const checkout = await resolved(api, 'Checkout', '2026-11-02T00:00:00Z');
      const outage = await resolved(api, 'Outage', '2026-11-03T00:00:00Z', {
        severity: 'SEV-1',
        finalSeverity: 'SEV-1',
      });
      await resolved(api, 'Slow search', '2026-11-04T00:00:00Z');
      const { body: review } = await api.post('/process-reviews', {
        scheduledFor: '2026-11-15T00:00:00Z',
        periodSince: '2026-11-01T00:00:00Z',
      });
      const agenda = `/process-reviews/${review.id}/agenda`;
      await api.patch(`${agenda}/${checkout.id}`, {
        version: 0,
        discussed: true,
      });
      await api.patch(`${agenda}/${outage.id}`, {
        version: 0,
        notes: 'Noted, not discussed yet',
      });
      const titles = async (query: string) => {
        const { status, body } = await api.get(`${agenda}?${query}`);
        expect([query, status]).toEqual([query, 200]);
        expect(body.totalCount).toBe(body.items.length);
        return body.items.map((a: any) => a.title);
      };
      expect(await titles('discussed=true')).toEqual(['Checkout']);
      expect(await titles('discussed=false')).toEqual([
        'Outage',
        'Slow search',
      ]);
      expect(await titles('severity=SEV-1')).toEqual(['Outage']);
      expect(await titles('severity=SEV-1,SEV-2&discussed=false')).toEqual([
        'Outage',
        'Slow search',
      ]);
      expect(await titles('severity=SEV-3')).toEqual([]);
      // Counted past the first page too.
      const first = await api.get(`${agenda}?discussed=false&limit=1`);
      const second = await api.get(
        `${agenda}?discussed=false&limit=1&cursor=${encodeURIComponent(
          first.body.nextCursor,
        )}`,
      );
      expect([first.body.totalCount, second.body.totalCount]).toEqual([2, 2]);
      expect(second.body.items.map((a: any) => a.title)).toEqual([
        'Slow search',
      ]);
      const { body: meeting } = await api.get(`/process-reviews/${review.id}`);
      expect([meeting.agendaCount, meeting.discussedCount]).toEqual([3, 1]);

      for (const query of ['severity=SEV-9', 'discussed=maybe']) {
        const bad = await api.get(`${agenda}?${query}`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain(query.split('=')[0]);
      }
    });

    it('counts each attendee of every listed meeting once: its organiser, commanders of the period and approved attendees', async () => {
      const api = await startBackend();
      const commander = (userRef: string) => ({
        responders: [{ role: 'incident-commander', userRef }],
      });
      const first = await resolved(api, 'First', '2026-11-02T00:00:00Z');
      await resolved(api, 'Second', '2026-11-03T00:00:00Z');
      await resolved(
        api,
        'Erin commands',
        '2026-11-04T00:00:00Z',
        commander('user:default/erin'),
      );
      const grouped = await resolved(
        api,
        'Grouped',
        '2026-11-05T00:00:00Z',
        commander('user:default/frank'),
      );
      await api.post(`/incidents/${first.id}/related`, {
        incidentIds: [grouped.id],
      });
      await resolved(
        api,
        'Before',
        '2026-10-31T23:59:59.999Z',
        commander('user:default/carol'),
      );
      await resolved(
        api,
        'At the end',
        '2026-11-15T00:00:00Z',
        commander('user:default/bob'),
      );

      const meeting = async (
        title: string,
        periodSince: string,
        periodUntil: string,
      ) =>
        (
          await api.post('/process-reviews', {
            title,
            scheduledFor: new Date(Date.now() + 7 * DAY).toISOString(),
            periodSince,
            periodUntil,
          })
        ).body;
      const review = await meeting(
        'November',
        '2026-11-01T00:00:00Z',
        '2026-11-15T00:00:00Z',
      );
      await meeting('Later', '2026-11-15T00:00:00Z', '2026-11-29T00:00:00Z');
      await meeting('Empty', '2026-09-01T00:00:00Z', '2026-09-15T00:00:00Z');
      for (const userRef of ['user:default/erin', 'user:default/alice']) {
        const { body: request } = await api.post(
          `/process-reviews/${review.id}/join-requests`,
          {},
          userRef,
        );
        await api.post(
          `/process-reviews/${review.id}/join-requests/${request.id}`,
          { decision: 'approve' },
        );
      }

      const detail = (await api.get(`/process-reviews/${review.id}`)).body;
      expect(detail.attendeeRefs).toEqual([
        'user:default/alice',
        'user:default/dave',
        'user:default/erin',
      ]);
      expect(detail.attendeeCount).toBe(3);
      const listed = (await api.get('/process-reviews')).body.items;
      expect(
        Object.fromEntries(listed.map((r: any) => [r.title, r.attendeeCount])),
      ).toEqual({ November: 3, Later: 2, Empty: 1 });
      const documented = documentedFields();
      for (const item of listed) {
        expect(Object.keys(item).sort()).toEqual(documented.summary);
      }
      expect(Object.keys(detail).sort()).toEqual(documented.full);
    });

    it('lists the meetings a page at a time: those to come the soonest first, then those held the latest first', async () => {
      const api = await startBackend();
      const at = (days: number) =>
        new Date(Date.now() + days * DAY).toISOString();
      await resolved(api, 'Two weeks ago', at(-10));
      for (const [title, days, durationMinutes] of [
        ['Held last week', -7, 60],
        ['Going on now', -2 / 24, 180],
        ['In three days', 3, 60],
        ['Held two weeks ago', -14, 60],
        ['Tomorrow', 1, 60],
        ['In two days', 2, 60],
      ] as const) {
        const created = await api.post('/process-reviews', {
          title,
          scheduledFor: at(days),
          durationMinutes,
          periodSince: at(days - 7),
          periodUntil: at(days),
        });
        expect(created.status).toBe(201);
      }
      const pages: [string, number][][] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const { body } = await api.get(
          `/process-reviews?limit=2${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
        );
        expect(body.totalCount).toBe(6);
        pages.push(body.items.map((r: any) => [r.title, r.attendeeCount]));
        cursor = body.nextCursor;
      }
      // Each has its organiser, dave; the one held last week has him as the
      // commander of the period's incident too, counted once.
      expect(pages).toEqual([
        [
          ['Going on now', 1],
          ['Tomorrow', 1],
        ],
        [
          ['In two days', 1],
          ['In three days', 1],
        ],
        [
          ['Held last week', 1],
          ['Held two weeks ago', 1],
        ],
      ]);

      const bad = await api.get('/process-reviews?cursor=not-a-cursor');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('cursor');
    });

    it('lists the oldest carried over items, up to 100, and counts them all', async () => {
      const api = await startBackend();
      const before = await resolved(api, 'Before', '2026-10-20T00:00:00Z');
      const oldest = await processItem(api, before.id, 'Item 0');
      await processItem(api, before.id, 'Done already', true);
      const [row] = await api
        .knex('followups')
        .where({ id: oldest.id })
        .select();
      const created = Date.parse(oldest.createdAt);
      await api.knex('followups').insert(
        Array.from({ length: 100 }, (_, i) => ({
          ...row,
          id: randomUUID(),
          title: `Item ${i + 1}`,
          created_at: new Date(created + (i + 1) * 1000),
          updated_at: new Date(created + (i + 1) * 1000),
        })),
      );

      // Open items of incidents resolved in the period, or not resolved, are
      // not carried over, nor counted as such.
      const during = await resolved(api, 'During', '2026-11-01T00:00:00Z');
      await processItem(api, during.id, 'Of the period');
      const { body: ongoing } = await api.post('/incidents', {
        title: 'Ongoing',
        severity: 'SEV-2',
        startedAt: '2026-10-01T00:00:00Z',
        entityRefs: ['component:default/checkout-api'],
      });
      await processItem(api, ongoing.id, 'Of an ongoing incident');

      const { body: review } = await api.post('/process-reviews', {
        scheduledFor: '2026-11-15T00:00:00Z',
        periodSince: '2026-11-01T00:00:00Z',
      });
      expect(review.carriedOverCount).toBe(101);
      expect(review.carriedOver.map((p: any) => p.title)).toEqual(
        Array.from({ length: 100 }, (_, i) => `Item ${i}`),
      );
      const markdown = (
        await api.get(`/process-reviews/${review.id}/agenda.md`)
      ).text;
      expect(markdown).toContain('The 100 oldest of 101:');
    });

    it('lets anyone ask to join; an incident commander of the period approves, once', async () => {
      const api = await startBackend();
      await resolved(
        api,
        'Checkout failing',
        new Date(Date.now() - DAY).toISOString(),
      );
      const { body: review } = await api.post(
        '/process-reviews',
        {
          scheduledFor: new Date(Date.now() + 7 * DAY).toISOString(),
          periodSince: new Date(Date.now() - 14 * DAY).toISOString(),
        },
        'user:default/carol',
      );

      const asked = await api.post(
        `/process-reviews/${review.id}/join-requests`,
        { reason: 'I run the support rota' },
        'user:default/alice',
      );
      expect(asked.body).toMatchObject({
        userRef: 'user:default/alice',
        status: 'pending',
      });
      expect(send).toHaveBeenCalledTimes(1);
      expect(send.mock.calls[0][0].recipients.entityRef.sort()).toEqual([
        'user:default/carol',
        'user:default/dave',
      ]);
      const again = await api.post(
        `/process-reviews/${review.id}/join-requests`,
        {},
        'user:default/alice',
      );
      expect(again.body.id).toBe(asked.body.id);
      expect(send).toHaveBeenCalledTimes(1);

      const path = `/process-reviews/${review.id}/join-requests/${asked.body.id}`;
      publish.mockClear();
      const approved = await api.post(path, { decision: 'approve' });
      expect(publish).toHaveBeenCalledWith(
        expect.objectContaining({
          channel: `incident-followups:process-review:${review.id}`,
          message: { reviewId: review.id, incidentId: null, itemVersion: null },
        }),
      );
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/dave',
      });
      expect(send).toHaveBeenCalledTimes(2);
      expect(send.mock.calls[1][0]).toMatchObject({
        recipients: { entityRef: ['user:default/alice'] },
        payload: { link: `/process-reviews/${review.id}` },
      });
      const twice = await api.post(path, { decision: 'decline' });
      expect(twice.body.status).toBe('approved');
      expect(send).toHaveBeenCalledTimes(2);

      const after = (await api.get(`/process-reviews/${review.id}`)).body;
      expect(after.attendeeRefs).toEqual([
        'user:default/alice',
        'user:default/carol',
        'user:default/dave',
      ]);
      const listed = (await api.get('/process-reviews')).body.items.find(
        (r: any) => r.id === review.id,
      );
      expect(after.attendeeCount).toBe(3);
      expect(listed.attendeeCount).toBe(3);
      const invite = await api.get(`/process-reviews/${review.id}/invite.ics`);
      expect(invite.text).toContain('alice@example.com');
      expect(invite.text).toContain('dave@example.com');

      const { body: past } = await api.post('/process-reviews', {
        scheduledFor: new Date(Date.now() - 3 * DAY).toISOString(),
      });
      const late = await api.post(
        `/process-reviews/${past.id}/join-requests`,
        {},
        'user:default/alice',
      );
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain('is over');
    });

    it('keeps notes and decisions; a decision becomes a process followup of its owner', async () => {
      const api = await startBackend();
      const incident = await resolved(
        api,
        'Checkout failing',
        '2026-11-10T10:00:00Z',
      );
      const { body: review } = await api.post('/process-reviews', {
        scheduledFor: '2026-11-15T09:00:00Z',
        periodSince: '2026-11-01T00:00:00Z',
      });
      const item = `/process-reviews/${review.id}/agenda/${incident.id}`;

      const noted = await api.patch(item, {
        version: 0,
        notes: 'Paging took 9 minutes.',
        discussed: true,
      });
      expect(noted.status).toBe(200);
      expect(noted.body).toMatchObject({
        incidentId: incident.id,
        notes: 'Paging took 9 minutes.',
        discussed: true,
        itemVersion: 1,
      });
      expect(Object.keys(noted.body).sort()).toEqual(
        documentedFields().agendaItem,
      );
      expect((await api.get(item)).body).toEqual(noted.body);
      // The meeting's other open pages hear which item changed.
      const reviewSignal = {
        recipients: { type: 'broadcast' },
        channel: `incident-followups:process-review:${review.id}`,
        message: {
          reviewId: review.id,
          incidentId: incident.id,
          itemVersion: '1',
        },
      };
      expect(publish).toHaveBeenLastCalledWith(reviewSignal);
      expect(
        (await api.get(`/process-reviews/${review.id}`)).body.discussedCount,
      ).toBe(1);
      const stale = await api.patch(item, { version: 0, notes: 'Overwrite' });
      expect(stale.status).toBe(409);

      const decided = await api.post(
        `/process-reviews/${review.id}/decisions`,
        {
          incidentId: incident.id,
          text: 'Page the secondary after 5 minutes without an acknowledgement',
          followup: {
            ownerRef: 'user:default/alice',
            dueAt: '2026-12-01T00:00:00Z',
          },
        },
      );
      expect(decided.status).toBe(201);
      const decision = decided.body.decisions[0];
      expect(decision.followupId).toEqual(expect.any(String));
      expect(decided.body.agenda).toBeUndefined();
      // Its process items changed, not its notes: every page reads it again.
      expect(publish).toHaveBeenCalledWith({
        ...reviewSignal,
        message: {
          reviewId: review.id,
          incidentId: incident.id,
          itemVersion: null,
        },
      });
      // The incident's open pages show the new followup too.
      expect(publish).toHaveBeenLastCalledWith({
        recipients: { type: 'broadcast' },
        channel: `incident-followups:incident:${incident.id}`,
        message: { incidentId: incident.id, what: 'followups' },
      });
      expect((await api.get(item)).body.processItems).toEqual([
        expect.objectContaining({
          followupId: decision.followupId,
          ownerRef: 'user:default/alice',
          status: 'open',
        }),
      ]);
      const alices = (
        await api.get('/followups?assigneeRef=user:default/alice')
      ).body.items;
      expect(alices).toEqual([
        expect.objectContaining({ id: decision.followupId, kind: 'process' }),
      ]);

      const offAgenda = await api.post(
        `/process-reviews/${review.id}/decisions`,
        {
          incidentId: '00000000-0000-4000-8000-000000000000',
          text: 'Something',
        },
      );
      expect(offAgenda.status).toBe(400);
      expect(offAgenda.body.error.message).toContain('incidentId');
      const notOnAgenda = `/process-reviews/${review.id}/agenda/00000000-0000-4000-8000-000000000000`;
      expect((await api.get(notOnAgenda)).status).toBe(404);
      expect(
        (await api.patch(notOnAgenda, { version: 0, notes: 'x' })).status,
      ).toBe(404);
      const noIncident = await api.post(
        `/process-reviews/${review.id}/decisions`,
        {
          incidentId: null,
          text: 'Something',
          followup: { ownerRef: 'user:default/alice' },
        },
      );
      expect(noIncident.status).toBe(400);
      expect(noIncident.body.error.message).toContain('incidentId');
      const badOwner = await api.post(
        `/process-reviews/${review.id}/decisions`,
        {
          incidentId: incident.id,
          text: 'Something',
          followup: { ownerRef: 'user:default/nobody' },
        },
      );
      expect(badOwner.status).toBe(400);
      expect(
        (await api.get(`/process-reviews/${review.id}`)).body.decisions,
      ).toHaveLength(1);

      const markdown = (
        await api.get(`/process-reviews/${review.id}/agenda.md`)
      ).text;
      expect(markdown).toContain(
        '### Checkout failing (SEV-2, 90 min) ✔ discussed',
      );
      expect(markdown).toContain('Paging took 9 minutes.');
      expect(markdown).toContain(
        '- Page the secondary after 5 minutes without an acknowledgement (Checkout failing) → followup, by user:default/dave',
      );
    });

    it('takes feedback from 1 to 5 on resolved incidents only', async () => {
      const api = await startBackend();
      const incident = await resolved(
        api,
        'Checkout failing',
        '2026-11-10T10:00:00Z',
      );
      const six = await api.put(`/incidents/${incident.id}/feedback`, {
        rating: 6,
      });
      expect(six.status).toBe(400);
      expect(six.body.error.message).toContain('rating');
      const mine = await api.put(`/incidents/${incident.id}/feedback`, {
        rating: 5,
        comment: 'Smooth',
      });
      expect(mine.body).toMatchObject({
        count: 1,
        average: 5,
        mine: { rating: 5, comment: 'Smooth' },
      });
      const { body: open } = await api.post('/incidents', {
        title: 'Still burning',
        severity: 'SEV-3',
        startedAt: '2026-11-10T10:00:00Z',
        entityRefs: ['component:default/checkout-api'],
      });
      expect(
        (await api.put(`/incidents/${open.id}/feedback`, { rating: 3 })).status,
      ).toBe(409);
    });

    it('refuses with 403 what the permission policy denies, and stores nothing', async () => {
      const allowed = await startBackend();
      const incident = await resolved(
        allowed,
        'Checkout failing',
        new Date(Date.now() - DAY).toISOString(),
      );
      const { body: review } = await allowed.post('/process-reviews', {
        scheduledFor: new Date(Date.now() + 7 * DAY).toISOString(),
        periodSince: new Date(Date.now() - 14 * DAY).toISOString(),
      });
      const { body: request } = await allowed.post(
        `/process-reviews/${review.id}/join-requests`,
        {},
        'user:default/alice',
      );

      // The same database, now behind a policy that denies.
      const denied = await startApiTestBackend({
        knex: allowed.knex,
        permission: AuthorizeResult.DENY,
      });
      const refusals = [
        await denied.post('/process-reviews', {
          scheduledFor: new Date(Date.now() + 8 * DAY).toISOString(),
        }),
        await denied.post(
          `/process-reviews/${review.id}/join-requests/${request.id}`,
          { decision: 'approve' },
        ),
        await denied.post(`/process-reviews/${review.id}/decisions`, {
          incidentId: incident.id,
          text: 'Page faster',
        }),
        await denied.patch(
          `/process-reviews/${review.id}/agenda/${incident.id}`,
          { version: 0, notes: 'Paging took 9 minutes.' },
        ),
      ];
      expect(refusals.map(r => r.status)).toEqual([403, 403, 403, 403]);
      expect(refusals[0].body.error.message).toContain(
        'incident-followups.process-review.create',
      );
      const after = (await allowed.get(`/process-reviews/${review.id}`)).body;
      expect(after.joinRequests[0].status).toBe('pending');
      expect(after.decisions).toEqual([]);
      expect((await wholeAgenda(allowed, review.id))[0].notes).toBe('');
      // A policy that denies reading incidents hides them from the agenda too.
      expect(
        (await denied.get(`/process-reviews/${review.id}`)).body.agendaCount,
      ).toBe(0);
      expect(await wholeAgenda(denied, review.id)).toEqual([]);
      expect(
        (
          await denied.get(
            `/process-reviews/${review.id}/agenda/${incident.id}`,
          )
        ).status,
      ).toBe(404);
      expect((await denied.get('/process-reviews')).body.items).toHaveLength(1);
      // Reading and asking to join stay open to everyone.
      expect(
        (
          await denied.post(
            `/process-reviews/${review.id}/join-requests`,
            {},
            'user:default/bob',
          )
        ).status,
      ).toBe(200);
    });
  },
);
