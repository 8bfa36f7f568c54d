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

  it.each(ids('MYSQL'))('leaves %p as it is', async databaseId => {
    const knex = await databases.init(databaseId);
    expect(withPageReadSettings(knex)).toBe(knex);
    await expect(knex.raw('select 1')).resolves.toBeDefined();
  });
});
