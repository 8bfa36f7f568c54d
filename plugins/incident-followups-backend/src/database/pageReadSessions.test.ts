import { createTestDatabases } from '../__testUtils__/testDatabases';
import { withPageReadSettings } from './pageReadSessions';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe('withPageReadSettings', () => {
  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));

  it.each(postgres)(
    'gives every connection of the pool the settings, old and new, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Connections opened before, as Backstage's own services do.
      await Promise.all(
        Array.from({ length: 2 }, () =>
          knex.transaction(tx => tx.raw('select 1')),
        ),
      );
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

  it.each(
    databases.eachSupportedId().filter(([id]) => !id.startsWith('POSTGRES')),
  )('leaves %p as it is', async databaseId => {
    const knex = await databases.init(databaseId);
    expect(withPageReadSettings(knex)).toBe(knex);
    await expect(knex.raw('select 1')).resolves.toBeDefined();
  });
});
