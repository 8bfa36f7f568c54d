import { Knex } from 'knex';

/** The plugin tables that grow with the incident history. */
export const BIG_TABLES = [
  'incidents',
  'incident_entities',
  'incident_owners',
  'incident_responders',
  'incident_history',
  'followups',
  'postmortems',
];

function seqScansInPlan(node: any, found: string[]) {
  if (
    node['Node Type'] === 'Seq Scan' &&
    BIG_TABLES.includes(node['Relation Name'])
  ) {
    found.push(node['Relation Name']);
  }
  for (const child of node.Plans ?? []) seqScansInPlan(child, found);
}

let genericPlans = 0;

/**
 * The plan PostgreSQL may keep for a statement the plugin prepares, once the
 * statement has run five times on a connection: a generic plan, for any
 * values, which the server takes when it costs no more than planning each
 * run's values anew. PostgreSQL 15 has no `EXPLAIN (GENERIC_PLAN)`: the
 * statement is prepared with `plan_cache_mode` at `force_generic_plan` and
 * explained through `EXECUTE`, its values written as literals.
 */
export async function genericPlan(
  knex: Knex,
  sql: string,
  bindings: unknown[],
  format: 'json' | 'text',
): Promise<any[]> {
  const name = `bench_generic_${++genericPlans}`;
  const statement = knex
    .raw(sql, bindings as Knex.RawBinding[])
    .toSQL()
    .toNative().sql;
  const values = bindings.map(value =>
    knex.raw('?', [value as Knex.RawBinding]).toString(),
  );
  return knex.transaction(async trx => {
    await trx.raw('set local plan_cache_mode = force_generic_plan');
    await trx.raw(`prepare ${name} as ${statement}`);
    const result = await trx.raw(
      `explain (format ${format}) execute ${name}${
        values.length ? `(${values.join(', ')})` : ''
      }`,
    );
    await trx.raw(`deallocate ${name}`);
    return result.rows;
  });
}

/**
 * The big tables a statement reads in full rather than through an index:
 * sequential scans in PostgreSQL's plan (for a statement the plugin prepares,
 * in its generic plan too), `SCAN table` without an index in SQLite's.
 */
export async function fullScans(
  knex: Knex,
  sql: string,
  bindings: unknown[],
  options: { prepared?: boolean } = {},
): Promise<string[]> {
  const found: string[] = [];
  if (knex.client.config.client === 'pg') {
    const result = await knex.raw(
      `explain (format json) ${sql}`,
      bindings as Knex.RawBinding[],
    );
    seqScansInPlan(result.rows[0]['QUERY PLAN'][0].Plan, found);
    if (options.prepared) {
      const [generic] = await genericPlan(knex, sql, bindings, 'json');
      seqScansInPlan(generic['QUERY PLAN'][0].Plan, found);
    }
  } else {
    const rows = await knex.raw(
      `explain query plan ${sql}`,
      bindings as Knex.RawBinding[],
    );
    const details = (rows as Array<{ detail: string }>).map(r => r.detail);
    // `SCAN x` also reads the rows a subquery named x made, which is no table.
    const subqueries = new Set(
      details.flatMap(
        detail => /^(?:CO-ROUTINE|MATERIALIZE) (\w+)$/.exec(detail)?.[1] ?? [],
      ),
    );
    for (const detail of details) {
      const match = /^SCAN (\w+)(.*)$/.exec(detail);
      if (
        match &&
        BIG_TABLES.includes(match[1]) &&
        !subqueries.has(match[1]) &&
        !/USING (COVERING )?INDEX/.test(match[2])
      ) {
        found.push(match[1]);
      }
    }
  }
  return found;
}
