import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  ApiTestBackend,
  startApiTestBackend,
} from '../__testUtils__/startApiTestBackend';
import { resolvedIncident } from '../__testUtils__/resolvedIncident';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const publish = jest.fn().mockResolvedValue(undefined);

describe.each(databases.eachSupportedId())(
  'followups API on %p',
  databaseId => {
    async function startBackend(options: { userInfo?: UserInfoService } = {}) {
      return startApiTestBackend({
        knex: await databases.init(databaseId),
        publish,
        ...options,
      });
    }

    it('gives each role its checklist when the incident is resolved, once', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api);
      const { body } = await api.get(`/incidents/${incident.id}/followups`);
      const steps = body.items.map((f: any) => [
        f.role,
        f.ownerRef,
        f.status,
        f.autoCompletion,
      ]);
      expect(steps).toEqual(
        expect.arrayContaining([
          ['incident-commander', 'user:default/dave', 'done', 'resolved'],
          [
            'incident-commander',
            'user:default/dave',
            'open',
            'postmortem-owner-assigned',
          ],
          ['scribe', 'user:default/bob', 'open', null],
          ['subject-matter-expert', null, 'open', null],
          ['customer-liaison', null, 'open', 'status-page-updated'],
        ]),
      );
      expect(body.totalCount).toBe(10);
      expect(incident.openFollowupCount).toBe(9);

      // Reopening and resolving again adds nothing twice.
      await api.patch(`/incidents/${incident.id}`, {
        version: incident.version,
        status: 'acknowledged',
      });
      await api.patch(`/incidents/${incident.id}`, {
        version: incident.version + 1,
        status: 'resolved',
      });
      expect(
        (await api.get(`/incidents/${incident.id}/followups`)).body.totalCount,
      ).toBe(10);
    });

    it("lists a person's followups with the unassigned steps of incidents they commanded", async () => {
      const api = await startBackend();
      await resolvedIncident(api);
      const dave = (
        await api.get(
          '/followups?assigneeRef=user:default/dave&status=open,in-progress',
        )
      ).body;
      expect(
        dave.items.map((f: any) => f.ownerRef ?? 'unassigned').sort(),
      ).toEqual([
        'unassigned',
        'unassigned',
        'unassigned',
        'user:default/dave',
        'user:default/dave',
        'user:default/dave',
      ]);
      const bob = (await api.get('/followups?assigneeRef=user:default/bob'))
        .body;
      expect(bob.totalCount).toBe(3);

      // The most urgent first, however old: soonest due, undated last.
      const urgent = (
        await api.get(
          '/followups?assigneeRef=user:default/dave&status=open,in-progress&order=urgency&limit=4',
        )
      ).body;
      expect(urgent.totalCount).toBe(6);
      expect(urgent.items).toHaveLength(4);
      const byDue = [...dave.items].sort(
        (a: any, b: any) =>
          (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
          a.id.localeCompare(b.id),
      );
      expect(byDue.some((f: any) => f.dueAt === null)).toBe(true);
      expect(urgent.items.map((f: any) => f.id)).toEqual(
        byDue.slice(0, 4).map((f: any) => f.id),
      );
      const rest = (
        await api.get(
          `/followups?assigneeRef=user:default/dave&status=open,in-progress&order=urgency&limit=4&cursor=${urgent.nextCursor}`,
        )
      ).body;
      expect(rest.items.map((f: any) => f.id)).toEqual(
        byDue.slice(4).map((f: any) => f.id),
      );
      expect(rest).toMatchObject({ totalCount: 6, nextCursor: null });
      // One by one: through the undated ones and ties of due date alike.
      const oneByOne: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: any = (
          await api.get(
            `/followups?assigneeRef=user:default/dave&status=open,in-progress&order=urgency&limit=1${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          )
        ).body;
        expect(page.totalCount).toBe(6);
        oneByOne.push(...page.items.map((f: any) => f.id));
        cursor = page.nextCursor;
      }
      expect(oneByOne).toEqual(byDue.map((f: any) => f.id));
      expect(
        (
          await api.get(
            '/followups?assigneeRef=user:default/nobody&order=urgency',
          )
        ).body,
      ).toMatchObject({ items: [], totalCount: 0 });
      // The list's other conditions hold for each kind of followup of theirs:
      // one of their own done, one unassigned step of their incident done.
      const doneOfDave = async () =>
        (
          await api.get(
            '/followups?assigneeRef=user:default/dave&status=done&order=urgency',
          )
        ).body;
      const doneBefore = await doneOfDave();
      expect(doneBefore.items.every((f: any) => f.status === 'done')).toBe(
        true,
      );
      const ownDone = dave.items.find((f: any) => f.ownerRef);
      const stepDone = dave.items.find((f: any) => !f.ownerRef);
      for (const f of [ownDone, stepDone]) {
        expect(
          (
            await api.patch(`/followups/${f.id}`, {
              version: f.version,
              status: 'done',
            })
          ).status,
        ).toBe(200);
      }
      const done = await doneOfDave();
      expect(done.items.map((f: any) => f.id).sort()).toEqual(
        [
          ...doneBefore.items.map((f: any) => f.id),
          ownDone.id,
          stepDone.id,
        ].sort(),
      );
      expect(done.totalCount).toBe(doneBefore.totalCount + 2);
      const paged = await api.get(
        `/followups?assigneeRef=user:default/dave&order=urgency&cursor=${encodeURIComponent(
          'x',
        )}`,
      );
      expect(paged.status).toBe(400);
      expect(paged.body.error.message).toContain('cursor');
      expect(
        (await api.get('/followups?assigneeRef=group:default/payments')).status,
      ).toBe(400);
    });

    /** An action item of the resolved incident, owned by Payments as its service is. */
    async function paymentsActionItem(api: ApiTestBackend) {
      const incident = await resolvedIncident(api);
      const created = await api.post(`/incidents/${incident.id}/followups`, {
        title: 'Alert on gateway 5xx rate',
        kind: 'preparedness',
        priority: 'P1',
      });
      expect(created.body.ownerRef).toBe('group:default/payments');
    }

    it("lists the action items of a person's teams among that person's followups", async () => {
      const api = await startBackend();
      await paymentsActionItem(api);

      // Alice is in Payments (and SRE); Bob is in SRE only.
      const titles = async (userRef: string) =>
        (await api.get(`/followups?assigneeRef=${userRef}`)).body.items.map(
          (f: any) => f.title,
        );
      expect(await titles('user:default/alice')).toEqual([
        'Alert on gateway 5xx rate',
      ]);
      expect(await titles('user:default/bob')).not.toContain(
        'Alert on gateway 5xx rate',
      );
    });

    it("takes a person's groups from their sign-in for their own list, from the catalog for anyone else's", async () => {
      // Bob signed in as a member of Payments; the catalog has him in SRE only.
      const api = await startBackend({
        userInfo: {
          async getUserInfo(credentials) {
            const { userEntityRef } = credentials.principal as {
              userEntityRef: string;
            };
            return {
              userEntityRef,
              ownershipEntityRefs: [userEntityRef, 'Group:default/Payments'],
            };
          },
        },
      });
      await paymentsActionItem(api);
      const titles = async (caller: string) =>
        (
          await api.get('/followups?assigneeRef=user:default/bob', caller)
        ).body.items.map((f: any) => f.title);
      expect(await titles('user:default/bob')).toContain(
        'Alert on gateway 5xx rate',
      );
      expect(await titles('user:default/dave')).not.toContain(
        'Alert on gateway 5xx rate',
      );
    });

    it('adds action items with the owning team and due date by policy, and tracks their status', async () => {
      const api = await startBackend();
      const incident = await resolvedIncident(api);
      const created = await api.post(`/incidents/${incident.id}/followups`, {
        title: 'Alert on gateway 5xx rate',
        kind: 'preparedness',
        priority: 'P1',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        type: 'action-item',
        ownerRef: 'group:default/payments',
        status: 'open',
        kind: 'preparedness',
        priority: 'P1',
      });
      const days = (Date.parse(created.body.dueAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(14);
      expect(days).toBeLessThanOrEqual(16);

      const noReason = await api.patch(`/followups/${created.body.id}`, {
        version: 1,
        status: 'wont-do',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain(
        'wontDoReason: is required',
      );

      const done = await api.patch(
        `/followups/${created.body.id}`,
        { version: 1, status: 'done' },
        api.as('user:default/alice'),
      );
      expect(done.body).toMatchObject({
        status: 'done',
        completedBy: 'user:default/alice',
        version: 2,
      });
      expect(done.body.completedAt).not.toBeNull();
      const stale = await api.patch(`/followups/${created.body.id}`, {
        version: 1,
        status: 'open',
      });
      expect(stale.status).toBe(409);
      // Pages showing the incident hear of each change.
      expect(publish).toHaveBeenLastCalledWith({
        recipients: { type: 'broadcast' },
        channel: `incident-followups:incident:${incident.id}`,
        message: { incidentId: incident.id, what: 'followups' },
      });
      const reopened = await api.patch(`/followups/${created.body.id}`, {
        version: 2,
        status: 'open',
      });
      expect(reopened.body).toMatchObject({
        status: 'open',
        completedBy: null,
        completedAt: null,
      });
    });

    it.each([
      [
        { title: 'x', kind: 'fix', priority: 'P1' },
        'request/body/kind must be equal to one of the allowed values: prevention, preparedness, postmortem-step, process',
      ],
      [
        { title: 'x', kind: 'process', priority: 'P9' },
        'request/body/priority must be equal to one of the allowed values: P0, P1, P2, P3',
      ],
      [
        { title: '', kind: 'process', priority: 'P1' },
        'request/body/title must NOT have fewer than 1 characters',
      ],
      [
        { title: '   ', kind: 'process', priority: 'P1' },
        'title: must not be empty',
      ],
      [
        {
          title: 'x',
          kind: 'process',
          priority: 'P1',
          ownerRef: 'component:default/checkout-api',
        },
        'is not a user or group ref',
      ],
      [
        {
          title: 'x',
          kind: 'process',
          priority: 'P1',
          ownerRef: 'user:default/ghost',
        },
        "ownerRef: 'user:default/ghost' is not in the catalog",
      ],
    ])(
      'rejects a bad action item with 400 naming the field (%#)',
      async (body, message) => {
        const api = await startBackend();
        const incident = await resolvedIncident(api);
        const res = await api.post(`/incidents/${incident.id}/followups`, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
        expect(
          (await api.get(`/incidents/${incident.id}/followups`)).body
            .totalCount,
        ).toBe(10);
      },
    );
  },
);
