import { Knex } from 'knex';

const LOCK_WAIT_MS = 500;
const LOCK_ATTEMPTS = 120;

/**
 * Brings the database to the newest migration, also when several replicas start
 * together: knex refuses (MigrationLocked) rather than waits while another one
 * migrates, and creates its own bookkeeping tables outside the lock, so a loser
 * of either race tries again; a real failure fails again and is thrown.
 */
export async function migrateToLatest(db: Knex, directory: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({ directory });
      return;
    } catch (error) {
      const locked = (error as Error).name === 'MigrationLocked';
      if (attempt >= (locked ? LOCK_ATTEMPTS : 2)) throw error;
      await new Promise(resolve => setTimeout(resolve, LOCK_WAIT_MS));
    }
  }
}
