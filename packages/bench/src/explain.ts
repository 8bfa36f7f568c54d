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

/**
 * The big tables a statement reads in full rather than through an index:
 * sequential scans in PostgreSQL's plan, `SCAN table` without an index in SQLite's.
 */
export async function fullScans(
  knex: Knex,
  sql: string,
  bindings: unknown[],
): Promise<string[]> {
  const found: string[] = [];
  if (knex.client.config.client === 'pg') {
    const result = await knex.raw(
      `explain (format json) ${sql}`,
      bindings as Knex.RawBinding[],
    );
    seqScansInPlan(result.rows[0]['QUERY PLAN'][0].Plan, found);
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
