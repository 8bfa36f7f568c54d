import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  "the incident's history on %p",
  databaseId => {
    it('shows who changed its followups and its post-mortem, one line per editing session', async () => {
      const api = await startApiTestBackend({
        knex: await databases.init(databaseId),
      });
      const alice = 'user:default/alice';
      const { body: incident } = await api.post('/incidents', {
        title: 'Checkout failing',
        severity: 'SEV-2',
        status: 'resolved',
        finalSeverity: 'SEV-2',
        startedAt: '2026-11-02T09:14:00Z',
        resolvedAt: '2026-11-02T10:00:00Z',
        entityRefs: ['component:default/checkout-api'],
        responders: [{ role: 'scribe', userRef: alice }],
      });
      const item = await api.post(
        `/incidents/${incident.id}/followups`,
        { title: 'Alert on 5xx', kind: 'preparedness', priority: 'P1' },
        alice,
      );
      expect(item.status).toBe(201);
      const done = await api.patch(
        `/followups/${item.body.id}`,
        { version: item.body.version, status: 'done' },
        alice,
      );
      expect(done.status).toBe(200);

      const { body: pm } = await api.post(
        `/incidents/${incident.id}/postmortem`,
        { ownerRef: alice },
      );
      let version = pm.version;
      // Three autosaves by Alice: one line naming both sections she touched.
      for (const content of [
        { overview: 'Card payments failed.' },
        { overview: 'Card payments failed for 90 minutes.' },
        { resolution: 'Rolled back the config.' },
      ]) {
        const saved = await api.patch(
          `/postmortems/${pm.id}`,
          { version, content },
          alice,
        );
        expect(saved.status).toBe(200);
        version = saved.body.version;
      }
      const moved = await api.post(`/postmortems/${pm.id}/transitions`, {
        version,
        to: 'in-review',
      });
      expect(moved.status).toBe(200);

      const { body: detail } = await api.get(`/incidents/${incident.id}`);
      const lines = detail.history
        .filter(
          (c: any) => !['created', 'ownersAtResolution'].includes(c.field),
        )
        .map((c: any) => [c.actorRef, c.field, c.from, c.to]);
      expect(lines).toEqual([
        [
          alice,
          'actionItemAdded',
          null,
          { title: 'Alert on 5xx', priority: 'P1' },
        ],
        [
          alice,
          'followup',
          { title: 'Alert on 5xx', status: 'open' },
          { title: 'Alert on 5xx', status: 'done' },
        ],
        ['user:default/dave', 'postmortemCreated', null, alice],
        // The commander's step ticks itself, and says who did it.
        [
          'user:default/dave',
          'followup',
          {
            title: 'Create the post-mortem and assign it an owner',
            status: 'open',
          },
          {
            title: 'Create the post-mortem and assign it an owner',
            status: 'done',
          },
        ],
        [alice, 'postmortemContent', null, ['Overview', 'Resolution']],
        ['user:default/dave', 'postmortemStatus', 'draft', 'in-review'],
      ]);
    });
  },
);
