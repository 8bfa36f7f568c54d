import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { DataVersions } from './DataVersions';

jest.setTimeout(60_000);

const databases = createTestDatabases();

async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseIncidentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const versions = new DataVersions(knex, mockServices.logger.mock());
  const create = (title: string) =>
    store.createIncident(
      createIncidentRequestSchema.parse({
        title,
        severity: 'SEV-2',
        status: 'triggered',
        startedAt: '2026-11-02T09:14:00Z',
        entityRefs: ['component:default/checkout-api'],
      }),
      {
        ownership: {
          ownerRefs: ['group:default/payments'],
          ancestorGroupRefs: [],
          indirectEntityRefs: [],
          stale: false,
        },
        actorRef: 'user:default/dave',
      },
    );
  const { incident } = await create('Checkout failing');
  const { incident: other } = await create('Search slow');
  return { knex, versions, incidentId: incident.id, otherId: other.id };
}

const rename = (db: Knex, id: string, title: string) =>
  db('incidents').where({ id }).update({ title });

describe('DataVersions', () => {
  it.each(databases.eachSupportedId())(
    'changes with every committed insert, update and delete, and not with a rolled back one, on %p',
    async databaseId => {
      const { knex, versions, incidentId } = await setUp(databaseId);
      const seen = [await versions.current()];
      const expectNew = async () => {
        const version = await versions.current();
        expect(seen).not.toContain(version);
        seen.push(version);
      };

      await rename(knex, incidentId, 'Checkout down');
      await expectNew();
      await knex('incident_history').insert({
        incident_id: incidentId,
        field: 'title',
        actor_ref: 'user:default/dave',
        changed_at: new Date(),
        from_value: JSON.stringify('Checkout down'),
        to_value: JSON.stringify('Checkout failing'),
      });
      await expectNew();
      await knex('incident_entities')
        .where({ incident_id: incidentId })
        .delete();
      await expectNew();

      // A statement that writes no row changes nothing.
      const unchanged = await versions.current();
      await knex('incidents').where({ id: 'no such incident' }).update({
        title: 'Nothing',
      });
      await knex('followups').where({ id: 'no such followup' }).delete();
      expect(await versions.current()).toBe(unchanged);

      const before = await versions.current();
      await expect(
        knex.transaction(async tx => {
          await rename(tx, incidentId, 'Never');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await versions.current()).toBe(before);
      expect(Number(before)).toBeGreaterThan(Number(seen[0]));
    },
  );

  it.each(
    databases.eachSupportedId().filter(([id]) => !id.startsWith('SQLITE')),
  )(
    'is raised by concurrent writers without one waiting for the other, and shows a write when it commits, on %p',
    async databaseId => {
      const { knex, versions, incidentId, otherId } = await setUp(databaseId);
      const start = await versions.current();
      const slow = await knex.transaction();
      try {
        await rename(slow, incidentId, 'Written first, committed last');
        // Not committed: not seen.
        expect(await versions.current()).toBe(start);
        // Another connection writes another incident and commits while the first is open.
        await rename(knex, otherId, 'Written and committed meanwhile');
        const meanwhile = await versions.current();
        expect(meanwhile).not.toBe(start);
        await slow.commit();
        const after = await versions.current();
        expect([start, meanwhile]).not.toContain(after);
      } finally {
        if (!slow.isCompleted()) await slow.rollback();
      }
    },
  );

  it.each(
    databases.eachSupportedId().filter(([id]) => !id.startsWith('SQLITE')),
  )(
    'folds the rows of idle connections into one, keeping the sum, and skips a row a writer holds, on %p',
    async databaseId => {
      const { knex, versions, incidentId } = await setUp(databaseId);
      await knex('data_versions').insert(
        Array.from({ length: 70 }, (_, i) => ({
          writer: `gone-${i}`,
          writes: i + 1,
        })),
      );
      const sum = await versions.current();
      const writing = await knex.transaction();
      try {
        await rename(writing, incidentId, 'Held');

        await versions.fold();
        // The folded row, and the writer's if it had one before, which it holds.
        const rows = await knex('data_versions').select('writer');
        expect(rows.length).toBeLessThanOrEqual(2);
        expect(await versions.current()).toBe(sum);
        await writing.commit();
        expect(Number(await versions.current())).toBeGreaterThan(Number(sum));
      } finally {
        if (!writing.isCompleted()) await writing.rollback();
      }
    },
  );

  it.each(
    databases.eachSupportedId().filter(([id]) => !id.startsWith('SQLITE')),
  )(
    'folds without waiting for a writer whose first row is not committed yet, on %p',
    async databaseId => {
      const { knex, versions, incidentId } = await setUp(databaseId);
      // No connection has a row yet: the writer's trigger inserts its first.
      await knex('data_versions').delete();
      await knex('data_versions').insert(
        Array.from({ length: 70 }, (_, i) => ({
          writer: `gone-${i}`,
          writes: i + 1,
        })),
      );
      const writing = await knex.transaction();
      try {
        await rename(writing, incidentId, 'Held');
        // Before the fold deleted by key, MySQL's delete scanned the table
        // and waited for the writer's row until its lock wait timed out.
        await versions.fold();
        expect(await knex('data_versions').select('writer')).toHaveLength(1);
        expect(await versions.current()).toBe(String((70 * 71) / 2));
        await writing.commit();
        expect(Number(await versions.current())).toBeGreaterThan((70 * 71) / 2);
      } finally {
        if (!writing.isCompleted()) await writing.rollback();
      }
    },
  );

  it('watches every table but the bookkeeping no kept answer reads', async () => {
    const { knex } = await setUp('SQLITE_3');
    const names = async (sql: string) =>
      (await knex.raw(sql)).map((row: { name: string }) => row.name).sort();
    const tables: string[] = await names(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
    );
    const watched = new Set<string>(
      await names(
        "select distinct tbl_name as name from sqlite_master where type = 'trigger' and name like 'data_versions_%'",
      ),
    );
    // A new table is either read by a kept answer (add it to the migration's
    // WATCHED_TABLES, in a new migration) or listed here with the reason.
    expect(tables.filter(table => !watched.has(table))).toEqual([
      // Kept by triggers of followups and incident_responders, both watched.
      'commander_followups',
      'data_versions',
      'followup_reminders',
      'followup_tickets',
      'incident_source_services',
      'knex_migrations',
      'knex_migrations_lock',
      'postmortem_chat_proposals',
      // Kept by triggers of followups and incident_owners, both watched.
      'team_followups',
    ]);
  });
});
