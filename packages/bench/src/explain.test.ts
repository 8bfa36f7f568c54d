import knexFactory, { Knex } from 'knex';
import { fullScans } from './explain';

describe('fullScans on SQLite', () => {
  let knex: Knex;

  beforeAll(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await knex.schema.createTable('followups', table => {
      table.string('id').primary();
      table.string('owner_ref').index();
      table.string('status');
    });
  });

  afterAll(() => knex.destroy());

  it('names a big table read in full', async () => {
    expect(
      await fullScans(knex, 'select * from followups where status = ?', [
        'open',
      ]),
    ).toEqual(['followups']);
  });

  it('does not take the rows of a subquery named like a table for that table', async () => {
    // A common table expression read twice: SQLite expands it into both
    // places as a co-routine named followups, and scans that.
    const ofOwner = knex
      .from('followups')
      .where('owner_ref', 'a')
      .select('id', 'status')
      .unionAll(knex.from('followups').where('id', 'b').select('id', 'status'));
    const counts = knex
      .with('flow', knex.from(ofOwner.as('followups')).select('*'))
      .from('flow')
      .where('status', 'open')
      .count({ count: '*' })
      .unionAll(knex.from('flow').where('status', 'done').count('*'))
      .toSQL();
    expect(await fullScans(knex, counts.sql, [...counts.bindings])).toEqual([]);
  });
});
