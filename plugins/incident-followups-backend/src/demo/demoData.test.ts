import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { OWNERSHIP_REFRESH_TASK } from '../catalog/ownershipRefreshTask';

jest.setTimeout(60_000);

const examples = resolve(__dirname, '../../../../examples');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The demo catalog as the portal reads it from examples/, with the relations the catalog would add. */
function exampleCatalog(): Entity[] {
  const entities = ['org.yaml', 'entities.yaml'].flatMap(file =>
    parseAllDocuments(readFileSync(resolve(examples, file), 'utf8')).map(
      doc => doc.toJS() as Entity,
    ),
  );
  const ref = (kind: string, name: string) =>
    `${kind}:default/${name}`.toLowerCase();
  for (const entity of entities) {
    entity.metadata.namespace = 'default';
    entity.relations = [];
  }
  for (const entity of entities) {
    if (entity.kind === 'Group') {
      for (const child of (entity.spec?.children as string[]) ?? []) {
        entity.relations!.push({
          type: 'parentOf',
          targetRef: ref('group', child),
        });
      }
    }
    if (entity.kind === 'User') {
      for (const team of (entity.spec?.memberOf as string[]) ?? []) {
        entity.relations!.push({
          type: 'memberOf',
          targetRef: ref('group', team),
        });
        entities
          .find(e => e.kind === 'Group' && e.metadata.name === team)
          ?.relations!.push({
            type: 'hasMember',
            targetRef: ref('user', entity.metadata.name),
          });
      }
    }
  }
  return entities;
}

describe('the demo data in examples/', () => {
  it('loads through every seeder, once, with post-mortems in every status and a team history to chart', async () => {
    const knex = await databases.init('SQLITE_3');
    const start = async () => {
      const backend = await startApiTestBackend({
        knex,
        config: {
          incidentFollowups: {
            demoData: {
              enabled: true,
              incidentsFile: resolve(examples, 'incidents.yaml'),
            },
          },
        },
        catalog: exampleCatalog(),
      });
      await backend.scheduler.triggerTask(OWNERSHIP_REFRESH_TASK);
      const get = async (path: string) => (await backend.get(path)).body;
      return { backend, get };
    };

    const first = await start();
    const incidents = await first.get('/incidents?includeGrouped=true');
    expect(incidents.totalCount).toBe(10);
    const postmortems = await first.get('/postmortems');
    expect(
      [...new Set(postmortems.items.map((p: any) => p.status))].sort(),
    ).toEqual(['closed', 'draft', 'in-review', 'reviewed']);
    expect(postmortems.items.map((p: any) => p.meetingState)).toContain('late');

    const payments = await first.get(
      `/teams/${encodeURIComponent(
        'group:default/payments',
      )}/overview?since=2026-10-01T00:00:00Z&until=2026-11-29T23:59:59Z`,
    );
    expect(payments.incidents.total).toBeGreaterThan(0);
    expect(
      Math.max(...payments.weeks.map((w: any) => w.openActionItems)),
    ).toBeGreaterThan(0);
    expect(payments.weeks.some((w: any) => w.followupsDoneOnTime > 0)).toBe(
      true,
    );
    const [review] = (await first.get('/process-reviews')).items;
    expect(review.title).toBe('November process review');
    expect(Date.parse(review.scheduledFor)).toBeGreaterThan(Date.now());
    const agenda = await first.get(`/process-reviews/${review.id}`);
    expect(agenda.agendaCount).toBeGreaterThan(0);
    const firstPage = await first.get(`/process-reviews/${review.id}/agenda`);
    expect(firstPage.items).toHaveLength(Math.min(25, agenda.agendaCount));
    expect(agenda.periodFeedback.count).toBeGreaterThan(0);

    const followupCount = (await knex('followups').count({ n: '*' }))[0].n;
    await first.backend.stop();

    // A restart seeds again and adds nothing.
    const second = await start();
    expect(
      (await second.get('/incidents?includeGrouped=true')).totalCount,
    ).toBe(10);
    expect((await second.get('/postmortems')).totalCount).toBe(
      postmortems.totalCount,
    );
    expect((await knex('followups').count({ n: '*' }))[0].n).toBe(
      followupCount,
    );
    expect((await second.get('/process-reviews')).items).toEqual([
      expect.objectContaining({
        id: review.id,
        scheduledFor: review.scheduledFor,
      }),
    ]);
    await second.backend.stop();
  });
});
