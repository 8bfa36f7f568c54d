import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { withPageReadSettings } from './pageReadSessions';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** Two connections opened before the settings, as Backstage's own services do. */
async function openConnections(knex: Knex) {
  await Promise.all(
    Array.from({ length: 2 }, () => knex.transaction(tx => tx.raw('select 1'))),
  );
}

describe('withPageReadSettings', () => {
  const ids = (prefix: string) =>
    databases.eachSupportedId().filter(([id]) => id.startsWith(prefix));

  it.each(ids('POSTGRES'))(
    'gives every connection of the pool the settings, old and new, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await openConnections(knex);
      withPageReadSettings(knex);
      const sessions = await Promise.all(
        Array.from({ length: 4 }, () =>
          knex.transaction(async tx => [
            (
              await tx.raw('show max_parallel_workers_per_gather')
            ).rows[0].max_parallel_workers_per_gather,
            (await tx.raw('show random_page_cost')).rows[0].random_page_cost,
          ]),
        ),
      );
      expect(sessions).toEqual(Array(4).fill(['0', '1.1']));
    },
  );

  it.each(ids('POSTGRES'))(
    'sends no query to a connection still busy with the settings on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Every query on each new connection, and whether one was sent while
      // another was under way on the same connection.
      const overlaps: string[] = [];
      knex.client.pool.on('createSuccess', (_id: number, connection: any) => {
        let busy = 0;
        const query = connection.query.bind(connection);
        connection.query = (config: any, ...rest: any[]) => {
          const text = typeof config === 'string' ? config : config.text;
          if (busy > 0) overlaps.push(text);
          busy += 1;
          const done = () => {
            busy -= 1;
          };
          const callback = rest[rest.length - 1];
          if (typeof callback === 'function') {
            rest[rest.length - 1] = (...result: unknown[]) => {
              done();
              callback(...result);
            };
            return query(config, ...rest);
          }
          const result = query(config, ...rest);
          result.then(done, done);
          return result;
        };
      });
      await openConnections(knex);
      withPageReadSettings(knex);
      const costs = await Promise.all(
        Array.from({ length: 4 }, () => knex.raw('show random_page_cost')),
      );
      expect(costs.map(c => c.rows[0].random_page_cost)).toEqual(
        Array(4).fill('1.1'),
      );
      expect(overlaps).toEqual([]);
    },
  );

  it.each(ids('SQLITE'))(
    'gives the connection a larger page cache on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await openConnections(knex);
      withPageReadSettings(knex);
      const [row] = await knex.raw('pragma cache_size');
      expect(row.cache_size).toBe(-65536);
    },
  );

  it.each(ids('SQLITE'))(
    'compiles a statement once per connection on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      withPageReadSettings(knex);
      const connection = await knex.client.acquireConnection();
      try {
        const read = knex
          .select(knex.raw('? as n', [1]))
          .connection(connection);
        const { sql } = read.toSQL();
        expect(await read.clone()).toEqual([{ n: 1 }]);
        const kept = connection.prepare(sql);
        expect(await read.clone()).toEqual([{ n: 1 }]);
        expect(connection.prepare(sql)).toBe(kept);
      } finally {
        await knex.client.releaseConnection(connection);
      }
    },
  );

  it.each(ids('MYSQL'))('leaves %p as it is', async databaseId => {
    const knex = await databases.init(databaseId);
    expect(withPageReadSettings(knex)).toBe(knex);
    await expect(knex.raw('select 1')).resolves.toBeDefined();
  });
});
