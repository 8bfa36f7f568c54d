import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { whereStatusIn } from './whereStatusIn';

const directory = resolvePackagePath(
  '@incident-followups/plugin-incident-followups-backend',
  'migrations',
);
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

async function planOf(knex: Knex, query: Knex.QueryBuilder) {
  const { sql, bindings } = query.toSQL();
  const rows = await knex.raw(`explain query plan ${sql}`, bindings);
  return rows.map((r: { detail: string }) => r.detail).join('\n');
}

describe('whereStatusIn', () => {
  it('lets SQLite read the open followups of an owner through their partial index', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory });
    const ofOwner = () =>
      knex('followups')
        .select('followups.id')
        .where('followups.owner_ref', 'group:default/payments');

    expect(
      await planOf(knex, whereStatusIn(ofOwner(), ['in-progress', 'open'])),
    ).toContain('followups_open_owner_incident_idx');
    // The same condition with its values bound: SQLite cannot tell it from
    // any other list of statuses, and reads every followup of the owner.
    expect(
      await planOf(
        knex,
        ofOwner().whereIn('followups.status', ['open', 'in-progress']),
      ),
    ).not.toContain('followups_open_owner_incident_idx');
  });

  it('keeps the followups in the statuses asked for', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory });
    const { sql, bindings } = whereStatusIn(knex('followups'), [
      'done',
      'wont-do',
    ]).toSQL();
    expect(sql).toContain('`followups`.`status` in (?, ?)');
    expect(bindings).toEqual(['done', 'wont-do']);
  });
});
