import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { dialectOf } from '../database/sqlDialect';

const TABLE = 'data_versions';
/** More rows than this (one per database connection that ever wrote) are folded into one. */
const FOLD_ABOVE_ROWS = 64;

/**
 * The version of the plugin's data: the sum of `data_versions.writes`, which
 * the database's triggers raise with every committed write (see the
 * `data_versions` migration), so that it differs after any change and never
 * comes back to an earlier value.
 */
export class DataVersions {
  private folding?: Promise<void>;

  constructor(
    private readonly db: Knex,
    private readonly logger: LoggerService,
  ) {}

  async current(): Promise<string> {
    const [row] = await this.db(TABLE).select(
      this.db.raw('coalesce(sum(writes), 0) as writes'),
      this.db.raw('count(*) as writers'),
    );
    if (Number(row.writers) > FOLD_ABOVE_ROWS && !this.folding) {
      this.folding = this.fold()
        .catch(error =>
          this.logger.warn(`Could not fold the data version rows: ${error}`),
        )
        .finally(() => {
          this.folding = undefined;
        });
    }
    return String(row.writes);
  }

  /**
   * Replaces the rows of connections not writing now by one row of their sum,
   * leaving the sum as it was. Rows a writer holds are skipped, not waited
   * for, and the fold touches only the rows it has locked, each by its key:
   * on MySQL a statement that scans the table waits for a row a writer has
   * inserted and not committed. So the fold waits for no one, and a writer at
   * most for the fold's short transaction.
   * A fold `current` started is finished first: its rows, locked, would be
   * skipped as a writer's.
   */
  async fold(): Promise<void> {
    // SQLite has one writer, and one row.
    if (dialectOf(this.db) === 'sqlite') return;
    await this.folding;
    await this.db.transaction(
      async tx => {
        const rows: { writer: string; writes: string | number }[] = await tx(
          TABLE,
        )
          .select('writer', 'writes')
          .forUpdate()
          .skipLocked();
        if (rows.length < 2) return;
        const sum = rows.reduce((total, r) => total + BigInt(r.writes), 0n);
        const [kept, ...folded] = rows.map(r => r.writer);
        // One by one: MySQL may answer a delete of many keys with a scan.
        for (const writer of folded) {
          await tx(TABLE).where({ writer }).delete();
        }
        await tx(TABLE)
          .where({ writer: kept })
          .update({ writes: sum.toString() });
      },
      { isolationLevel: 'read committed' },
    );
  }
}
