import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const DATABASE_IDS: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'];

/**
 * The databases a store test runs on: SQLite always, PostgreSQL and MySQL when
 * their BACKSTAGE_TEST_DATABASE_*_CONNECTION_STRING is set. CI lists the ones it
 * requires in INCIDENT_FOLLOWUPS_REQUIRED_TEST_DATABASES, so that a database test
 * skipped there fails instead of passing unnoticed.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: DATABASE_IDS,
    disableDocker: true,
  });
  const required = (
    process.env.INCIDENT_FOLLOWUPS_REQUIRED_TEST_DATABASES ?? ''
  )
    .split(',')
    .map(id => id.trim())
    .filter(Boolean);
  const missing = required.filter(
    id => !databases.supports(id as TestDatabaseId),
  );
  if (missing.length > 0) {
    throw new Error(
      `Required test databases are not configured: ${missing.join(
        ', ',
      )}; set their BACKSTAGE_TEST_DATABASE_*_CONNECTION_STRING`,
    );
  }
  return databases;
}
