import { createTestDatabases } from '../__testUtils__/testDatabases';
import { keepCompiledStatements } from './sqliteStatements';

const databases = createTestDatabases();
const handedBack: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(handedBack.splice(0).map(handBack => handBack()));
});

/**
 * A better-sqlite3 connection of its own (from the SQLite test database's
 * pool), whose compilations are counted, by statement text.
 */
async function countedConnection() {
  const knex = await databases.init('SQLITE_3');
  const connection = await knex.client.acquireConnection();
  handedBack.push(() => knex.client.releaseConnection(connection));
  const compiled: string[] = [];
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (source: string) => {
    compiled.push(source);
    return prepare(source);
  };
  return { connection, compiled };
}

describe('keepCompiledStatements', () => {
  it('compiles each text once and gives the same answers', async () => {
    const { connection, compiled } = await countedConnection();
    keepCompiledStatements(connection, 4);
    connection.prepare('create table followups (id text, title text)').run();
    const insert = 'insert into followups (id, title) values (?, ?)';
    connection.prepare(insert).run('f1', 'Add a retry budget');
    connection.prepare(insert).run('f2', 'Write the runbook');
    const read = 'select title from followups where id = ?';
    expect(connection.prepare(read).all('f1')).toEqual([
      { title: 'Add a retry budget' },
    ]);
    expect(connection.prepare(read).all('f2')).toEqual([
      { title: 'Write the runbook' },
    ]);
    expect(compiled.filter(s => s === insert)).toHaveLength(1);
    expect(compiled.filter(s => s === read)).toHaveLength(1);
  });

  it('reads the schema as it is now with a statement kept from before', async () => {
    const { connection } = await countedConnection();
    keepCompiledStatements(connection);
    connection.prepare('create table followups (id text)').run();
    connection.prepare("insert into followups (id) values ('f1')").run();
    expect(connection.prepare('select * from followups').all()).toEqual([
      { id: 'f1' },
    ]);
    connection
      .prepare("alter table followups add column status text default 'open'")
      .run();
    expect(connection.prepare('select * from followups').all()).toEqual([
      { id: 'f1', status: 'open' },
    ]);
  });

  it('drops the least recently used statement beyond the number kept', async () => {
    const { connection, compiled } = await countedConnection();
    keepCompiledStatements(connection, 2);
    const [a, b, c] = ['select 1 as n', 'select 2 as n', 'select 3 as n'];
    connection.prepare(a).get();
    connection.prepare(b).get();
    connection.prepare(a).get(); // a is now the most recent
    connection.prepare(c).get(); // drops b
    connection.prepare(a).get();
    connection.prepare(b).get();
    expect(compiled).toEqual([a, b, c, b]);
  });
});
