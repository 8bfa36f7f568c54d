import { Knex } from 'knex';

/** The rows of all `queries` (the first of them takes the others in). */
export function unionOf(queries: Knex.QueryBuilder[]): Knex.QueryBuilder {
  const [first, ...others] = queries;
  return others.length ? first.unionAll(others) : first;
}
