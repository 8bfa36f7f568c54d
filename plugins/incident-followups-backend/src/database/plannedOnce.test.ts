import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
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

/** The names of the statements prepared on the connection of `trx`. */
async function preparedNames(trx: Knex.Transaction): Promise<string[]> {
  const result = await trx.raw('select name from pg_prepared_statements');
  return result.rows.map((row: { name: string }) => row.name);
}

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
    it('prepares the statement under a name of its text, one text for any number of values', async () => {
      const knex = await seeded(databaseId);
      const short = byIds(knex, ['incident-a']);
      const long = byIds(knex, ['incident-a', 'incident-b', 'incident-c']);
      expect(long.toSQL().sql).toBe(short.toSQL().sql);

      const names = await knex.transaction(async trx => {
        await readPlannedOnce(trx, byIds(knex, ['incident-a']));
        await readPlannedOnce(trx, byIds(knex, ['incident-b', 'incident-c']));
        return preparedNames(trx);
      });
      expect(names).toEqual([statementName(short.toSQL().sql)]);
    });

    it('prepares nothing when prepared statements are turned off', async () => {
      const knex = withPreparedStatements(await seeded(databaseId), false);
      const names = await knex.transaction(async trx => {
        const rows = await readPlannedOnce(trx, byIds(knex, ['incident-a']));
        expect(rows).toEqual([{ id: 'incident-a' }]);
        return preparedNames(trx);
      });
      expect(names).toEqual([]);
      withPreparedStatements(knex, true);
    });
  }
});
