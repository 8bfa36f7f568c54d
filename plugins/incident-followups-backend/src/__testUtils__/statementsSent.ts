import { Knex } from 'knex';

/** What knex tells of a statement as it sends it. */
export interface SentStatement {
  sql: string;
  /** Set for a named prepared statement. */
  options?: { name?: string };
}

/** The statements knex sends on `knex` while `read` runs. */
export async function statementsSent(
  knex: Knex,
  read: () => Promise<unknown>,
): Promise<SentStatement[]> {
  const sent: SentStatement[] = [];
  const onQuery = (statement: SentStatement) => sent.push(statement);
  knex.on('query', onQuery);
  try {
    await read();
  } finally {
    knex.off('query', onQuery);
  }
  return sent;
}
