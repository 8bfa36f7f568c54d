import { Knex } from 'knex';

const LOCK_WAIT_MS = 500;
const LOCK_ATTEMPTS = 120;
const LOCK_TABLE = 'knex_migrations_lock';

/**
 * knex inserts its lock row once it has found the lock table empty: two
 * replicas creating the table together can insert one each, and knex then
 * refuses the lock forever (it takes it only by changing exactly one row).
 * Nobody can hold a lock of two rows, so the first one is kept.
 */
async function removeDuplicateLockRows(db: Knex) {
  if (!(await db.schema.hasTable(LOCK_TABLE))) return;
  const rows: { index: number }[] = await db(LOCK_TABLE)
    .select('index')
    .orderBy('index');
  if (rows.length > 1) {
    await db(LOCK_TABLE).where('index', '>', rows[0].index).delete();
  }
}

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
      if (locked) await removeDuplicateLockRows(db);
      await new Promise(resolve => setTimeout(resolve, LOCK_WAIT_MS));
    }
  }
}
