import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

/** The position after the last row of a page: its time and its id. */
export interface PageCursor {
  at: string;
  id: string;
}

/** A page's last position as an opaque token for the client. */
export function encodePosition(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The position a token holds, if `accept` takes it; else the client's error. */
export function decodePosition<T>(
  value: string,
  accept: (values: unknown) => T | undefined,
): T {
  let accepted: T | undefined;
  try {
    accepted = accept(JSON.parse(Buffer.from(value, 'base64url').toString()));
  } catch {
    // reported below
  }
  if (accepted === undefined) {
    throw new InputError('cursor: is not a cursor this API returned');
  }
  return accepted;
}

export function encodeCursor(cursor: PageCursor): string {
  return encodePosition([cursor.at, cursor.id]);
}

export function decodeCursor(value: string): PageCursor {
  return decodePosition(value, values => {
    if (!Array.isArray(values)) return undefined;
    const [at, id] = values;
    return typeof at === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
      typeof id === 'string'
      ? { at, id }
      : undefined;
  });
}

/** The rows after `after` in (time, id) order, ascending or descending. */
export function whereAfter(
  query: Knex.QueryBuilder,
  columns: { timeColumn: string; idColumn: string; order: 'asc' | 'desc' },
  after: PageCursor,
): Knex.QueryBuilder {
  const { timeColumn, idColumn, order } = columns;
  const at = new Date(after.at);
  const beyond = order === 'asc' ? '>' : '<';
  return query.where(q =>
    q
      .where(timeColumn, beyond, at)
      .orWhere(same =>
        same.where(timeColumn, '=', at).andWhere(idColumn, beyond, after.id),
      ),
  );
}

/**
 * Reads one page in (time, id) order, ascending or descending, continuing after
 * the cursor: keyset paging, so a page costs the same however deep it is, and rows
 * with the same time are neither skipped nor repeated.
 */
export async function readPage<TRow extends Record<string, any>>(
  query: Knex.QueryBuilder,
  options: {
    timeColumn: string;
    idColumn: string;
    order: 'asc' | 'desc';
    limit: number;
    cursor?: string;
    position: (row: TRow) => PageCursor;
    /** Runs the page's statement; by default as it is. */
    read?: (query: Knex.QueryBuilder) => Promise<TRow[]>;
  },
): Promise<{ rows: TRow[]; nextCursor: string | null }> {
  const { timeColumn, idColumn, order, limit, read = async q => q } = options;
  if (options.cursor) {
    whereAfter(query, options, decodeCursor(options.cursor));
  }
  const rows = await read(
    query
      .orderBy([
        { column: timeColumn, order },
        { column: idColumn, order },
      ])
      .limit(limit + 1),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor(options.position(last)) : null,
  };
}

/** How many rows a query matches, by a count statement of its own. */
export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const [{ count }] = await query.clone().count({ count: '*' });
  return Number(count);
}

/**
 * Counts a list, named by `list` (what it holds: its filters and who reads
 * it, not the page or the cursor): `count` at once, or a count of the same
 * list kept while the data stays the same.
 */
export type ListCounter = (
  list: unknown,
  count: () => Promise<number>,
) => Promise<number>;

/** Counts every list at once. */
export const countAtOnce: ListCounter = (_list, count) => count();

/**
 * How many rows a list holds: a first page with no page after it holds them
 * all and counts itself; any other page asks `count`, a statement of its own.
 */
export async function listTotal(
  page: { rows: unknown[]; nextCursor: string | null },
  cursor: string | undefined,
  count: () => Promise<number>,
): Promise<number> {
  return !cursor && page.nextCursor === null ? page.rows.length : count();
}
