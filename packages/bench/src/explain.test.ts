import knexFactory, { Knex } from 'knex';
import { fullScans, genericPlan } from './explain';

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

const postgres =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

(postgres ? describe : describe.skip)('fullScans on PostgreSQL', () => {
  const database = 'bench_explain_test';
  let server: Knex;
  let knex: Knex;

  beforeAll(async () => {
    server = knexFactory({ client: 'pg', connection: postgres });
    await server.raw(`drop database if exists ${database}`);
    await server.raw(`create database ${database}`);
    knex = knexFactory({
      client: 'pg',
      connection: `${postgres}/${database}`,
    });
    await knex.schema.createTable('followups', table => {
      table.string('id').primary();
      table.string('owner_ref').index();
    });
    await knex.raw(
      `insert into followups select 'f' || n, 'user-' || (n % 1000) from generate_series(1, 20000) as n`,
    );
    await knex.raw('analyze followups');
  });

  afterAll(async () => {
    await knex.destroy();
    await server.raw(`drop database if exists ${database}`);
    await server.destroy();
  });

  // The second condition is false for the values given, and the plan for
  // them drops it; a plan for any values cannot.
  const sql = `select id from followups where owner_ref = ? or ? = 'everyone'`;
  const bindings = ['user-7', 'one'];

  it('names a table read in full only by the generic plan of a prepared statement', async () => {
    expect(await fullScans(knex, sql, bindings)).toEqual([]);
    expect(await fullScans(knex, sql, bindings, { prepared: true })).toEqual([
      'followups',
    ]);
  });

  it('explains the generic plan, with the parameters unknown', async () => {
    const plan = (await genericPlan(knex, sql, bindings, 'text'))
      .map(row => row['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain('$1');
    expect(plan).toContain('Seq Scan on followups');
  });
});
