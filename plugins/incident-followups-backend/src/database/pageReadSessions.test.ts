import { createTestDatabases } from '../__testUtils__/testDatabases';
import { withPageReadSettings } from './pageReadSessions';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe('withPageReadSettings', () => {
  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));

  it.each(postgres)(
    'gives every connection of the pool the settings on %p',
    async databaseId => {
      const knex = withPageReadSettings(await databases.init(databaseId));
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
