import { resolvePackagePath } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  readPlannedOnce,
  statementName,
  whereAnyOf,
  withPreparedStatements,
} from './plannedOnce';

const directory = resolvePackagePath(
  '@incident-followups/plugin-incident-followups-backend',
  'migrations',
);
const databases = createTestDatabases();

async function seeded(id: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(id);
  await knex.migrate.latest({ directory });
  const now = new Date('2026-11-02T10:00:00Z');
  await knex('incidents').insert(
    ['a', 'b', 'c'].map(id_ => ({
      id: `incident-${id_}`,
      title: `Incident ${id_}`,
      description: '',
      severity: 'SEV-3',
      status: 'resolved',
      started_at: now,
      created_at: now,
      updated_at: now,
      version: 1,
    })),
  );
  return knex;
}

const byIds = (knex: Knex, ids: string[]) =>
  whereAnyOf(knex, knex('incidents').select('id'), 'id', ids).orderBy('id');

describe.each(databases.eachSupportedId())('plannedOnce on %p', databaseId => {
  it('reads the rows whose column is among the values, for any number of values', async () => {
    const knex = await seeded(databaseId);
    const ids = async (values: string[]) =>
      (await readPlannedOnce<{ id: string }>(knex, byIds(knex, values))).map(
        row => row.id,
      );

    expect(await ids(['incident-c', 'incident-a', 'missing'])).toEqual([
      'incident-a',
      'incident-c',
    ]);
    expect(await ids(['incident-b'])).toEqual(['incident-b']);
    expect(await ids([])).toEqual([]);
  });

  if (databaseId.startsWith('POSTGRES')) {
    /** The same database through one connection, whose prepared statements can be listed. */
    const oneConnection = async () => {
      const knex = await seeded(databaseId);
      return knexFactory({ ...knex.client.config, pool: { min: 1, max: 1 } });
    };

    const preparedNames = async (knex: Knex): Promise<string[]> => {
      const result = await knex.raw('select name from pg_prepared_statements');
      return result.rows.map((row: { name: string }) => row.name);
    };

    it('prepares the statement under a name of its text, one text for any number of values', async () => {
      const knex = await oneConnection();
      try {
        const short = byIds(knex, ['incident-a']);
        const long = byIds(knex, ['incident-a', 'incident-b', 'incident-c']);
        expect(long.toSQL().sql).toBe(short.toSQL().sql);

        await readPlannedOnce(knex, byIds(knex, ['incident-a']));
        await readPlannedOnce(knex, byIds(knex, ['incident-b', 'incident-c']));
        expect(await preparedNames(knex)).toEqual([
          statementName(short.toSQL().sql),
        ]);
      } finally {
        await knex.destroy();
      }
    });

    it('prepares nothing when prepared statements are turned off, or in a transaction', async () => {
      const knex = await oneConnection();
      try {
        await knex.transaction(trx =>
          readPlannedOnce(trx, byIds(trx, ['incident-a'])),
        );
        expect(await preparedNames(knex)).toEqual([]);
        withPreparedStatements(knex, false);
        const rows = await readPlannedOnce(knex, byIds(knex, ['incident-a']));
        expect(rows).toEqual([{ id: 'incident-a' }]);
        expect(await preparedNames(knex)).toEqual([]);
      } finally {
        withPreparedStatements(knex, true);
        await knex.destroy();
      }
    });

    it('reads on when a migration adds a column to a table a prepared statement reads whole', async () => {
      const knex = await oneConnection();
      try {
        const incident = () =>
          readPlannedOnce(
            knex,
            knex('incidents').select('*').where({ id: 'incident-a' }),
          );
        expect(await incident()).toHaveLength(1);
        await knex.schema.alterTable('incidents', table =>
          table.text('added_later'),
        );
        const [row] = await incident();
        expect(row).toMatchObject({ id: 'incident-a', added_later: null });
        expect(await incident()).toHaveLength(1);
      } finally {
        await knex.destroy();
      }
    });
  }
});
