import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const WRITERS = 20;

/**
 * The writers whose first save lost (409) read again and save on top of what
 * is there, as the editor's merge does, until their save goes through.
 */
async function retryLosers(
  first: { status: number }[],
  saveAgain: (writer: number) => Promise<{ status: number }>,
) {
  const losers = first
    .map((response, writer) => ({ response, writer }))
    .filter(({ response }) => response.status === 409)
    .map(({ writer }) => writer);
  await Promise.all(
    losers.map(async writer => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const saved = await saveAgain(writer);
        if (saved.status === 200) return;
        expect(saved.status).toBe(409);
      }
      throw new Error(`writer ${writer} never got through`);
    }),
  );
}

describe.each(databases.eachSupportedId())(
  'concurrent writers on %p',
  databaseId => {
    async function setup() {
      const api = await startApiTestBackend({
        knex: await databases.init(databaseId),
      });
      const { body: incident } = await api.post('/incidents', {
        title: 'Checkout failing',
        severity: 'SEV-1',
        status: 'resolved',
        finalSeverity: 'SEV-1',
        startedAt: '2026-11-02T09:14:00Z',
        resolvedAt: '2026-11-02T11:00:00Z',
        entityRefs: ['component:default/checkout-api'],
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
      });
      return { api, incident };
    }

    it(`lets one of ${WRITERS} simultaneous saves of a post-mortem win, answers 409 to the others, and loses nothing when they retry`, async () => {
      const { api, incident } = await setup();
      const { body: created } = await api.post(
        `/incidents/${incident.id}/postmortem`,
        { ownerRef: 'user:default/alice' },
      );
      const rowOf = (writer: number) => ({
        id: `writer-${writer}`,
        at: '2026-11-02T10:00:00.000Z',
        event: `Note from writer ${writer}`,
        link: null,
      });

      // Everyone saves on the version they read: one wins.
      const first = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          api.patch(`/postmortems/${created.id}`, {
            version: created.version,
            content: { timeline: [...created.content.timeline, rowOf(writer)] },
          }),
        ),
      );
      const statuses = first.map(r => r.status).sort();
      expect(statuses.filter(s => s === 200)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(WRITERS - 1);

      await retryLosers(first, async writer => {
        const { body: current } = await api.get(`/postmortems/${created.id}`);
        return api.patch(`/postmortems/${created.id}`, {
          version: current.version,
          content: { timeline: [...current.content.timeline, rowOf(writer)] },
        });
      });

      const { body: final } = await api.get(`/postmortems/${created.id}`);
      const rows = final.content.timeline
        .map((row: any) => row.id)
        .filter((id: string) => id.startsWith('writer-'))
        .sort();
      expect(rows).toEqual(
        Array.from({ length: WRITERS }, (_, w) => `writer-${w}`).sort(),
      );
      expect(final.version).toBe(created.version + WRITERS);
    });

    it(`lets one of ${WRITERS} simultaneous changes to a followup win, with 409 for the others`, async () => {
      const { api, incident } = await setup();
      const { body: followups } = await api.get(
        `/incidents/${incident.id}/followups`,
      );
      const step = followups.items.find((f: any) => f.status === 'open');
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          api.patch(`/followups/${step.id}`, {
            version: step.version,
            status: writer % 2 ? 'done' : 'in-progress',
          }),
        ),
      );
      const winners = results.filter(r => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter(r => r.status === 409)).toHaveLength(WRITERS - 1);
      const { body: after } = await api.get(
        `/incidents/${incident.id}/followups`,
      );
      const stored = after.items.find((f: any) => f.id === step.id);
      expect(stored).toMatchObject({
        version: step.version + 1,
        status: winners[0].body.status,
      });
    });

    it(`loses none of ${WRITERS} simultaneous notes on a followup: one wins, the others get 409 and get through on what they read again`, async () => {
      const { api, incident } = await setup();
      const { body: followups } = await api.get(
        `/incidents/${incident.id}/followups`,
      );
      const step = followups.items.find((f: any) => f.status === 'open');
      const noteOf = (writer: number) => `Note from writer ${writer}`;
      const withNote = (description: string, writer: number) =>
        [description, noteOf(writer)].filter(Boolean).join('\n');

      const first = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          api.patch(`/followups/${step.id}`, {
            version: step.version,
            description: withNote(step.description, writer),
          }),
        ),
      );
      const statuses = first.map(r => r.status);
      expect(statuses.filter(s => s === 200)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(WRITERS - 1);

      await retryLosers(first, async writer => {
        const { body: list } = await api.get(
          `/incidents/${incident.id}/followups`,
        );
        const current = list.items.find((f: any) => f.id === step.id);
        return api.patch(`/followups/${step.id}`, {
          version: current.version,
          description: withNote(current.description, writer),
        });
      });

      const { body: after } = await api.get(
        `/incidents/${incident.id}/followups`,
      );
      const stored = after.items.find((f: any) => f.id === step.id);
      const notes = stored.description
        .split('\n')
        .filter((line: string) => line.startsWith('Note from writer'))
        .sort();
      expect(notes).toEqual(
        Array.from({ length: WRITERS }, (_, w) => noteOf(w)).sort(),
      );
      expect(stored.version).toBe(step.version + WRITERS);
    });
  },
);
