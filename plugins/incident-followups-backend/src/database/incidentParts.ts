import { Knex } from 'knex';
import { readStatementPlannedOnce } from './plannedOnce';
import { dialectOf } from './sqlDialect';
import { OPEN_FOLLOWUPS_SQL } from './whereStatusIn';

/** One row of `incidentParts`: what `kind` it is says what `a`, `b`, `c` and `n` hold. */
export interface PartRow {
  kind:
    | 'entity'
    | 'responder'
    | 'owner'
    | 'related'
    | 'open'
    | 'postmortem'
    | 'group';
  incident_id: string;
  a: string | null;
  b: string | null;
  c: string | null;
  n: number | string | null;
}

/** PostgreSQL's two statements, with and without every owning group. */
const pgStatements = new Map<boolean, { sql: string; branches: number }>();

/**
 * The statement of `incidentParts`, written out rather than built with knex:
 * compiling its forty-odd fragments, each given an id of its own, took a
 * quarter of the backend's CPU for a service tab's page. On PostgreSQL the
 * ids are one array, so the text is the same for any page; elsewhere a list
 * of `count` parameters. `branches`: how many times the ids are bound.
 */
function partsStatement(
  pg: boolean,
  count: number,
  allOwners: boolean,
): { sql: string; branches: number } {
  const known = pg ? pgStatements.get(allOwners) : undefined;
  if (known) return known;
  const ids = pg ? '= any(?)' : `in (${Array(count).fill('?').join(', ')})`;
  // The counts come first: PostgreSQL types each column of a UNION from the
  // first branches that give it a type, and a count is no text. A count per
  // incident is read from a subquery, where its GROUP BY belongs to it alone.
  const branches = [
    `select * from (select 'related' as kind, primary_incident_id as incident_id, null as a, null as b, null as c, count(*) as n from incidents where primary_incident_id ${ids} group by primary_incident_id) as related_counts`,
    `select * from (select 'open' as kind, incident_id, null as a, null as b, null as c, count(*) as n from followups where incident_id ${ids} and ${OPEN_FOLLOWUPS_SQL} group by incident_id) as open_counts`,
    `select 'entity', incident_id, entity_ref, null, null, null from incident_entities where incident_id ${ids} and direct = true`,
    `select 'responder', incident_id, role, user_ref, null, null from incident_responders where incident_id ${ids}`,
    `select 'owner', incident_id, owner_ref, null, null, null from incident_owners where incident_id ${ids} and direct = true`,
    `select 'postmortem', incident_id, id, status, owner_ref, null from postmortems where incident_id ${ids}`,
    ...(allOwners
      ? [
          `select 'group', incident_id, owner_ref, null, null, null from incident_owners where incident_id ${ids}`,
        ]
      : []),
  ];
  const statement = {
    sql: `${branches.join(' union all ')} order by kind, a, b`,
    branches: branches.length,
  };
  if (pg) pgStatements.set(allOwners, statement);
  return statement;
}

/**
 * What an incident is made of beside its row, for many incidents in one
 * statement: its entities, responders, owners, grouped incidents, open
 * followups and post-mortem, as rows of one shape (a UNION ALL) in the order
 * each list is shown. With `allOwners`, every owning group too, rolled-up
 * ones included (kind `group`).
 */
export async function incidentParts(
  db: Knex | Knex.Transaction,
  ids: string[],
  options: { allOwners?: boolean } = {},
): Promise<PartRow[]> {
  if (ids.length === 0) return [];
  const pg = dialectOf(db) === 'pg';
  const { sql, branches } = partsStatement(
    pg,
    ids.length,
    Boolean(options.allOwners),
  );
  const bound: Knex.RawBinding[] = pg ? [ids] : ids;
  return readStatementPlannedOnce<PartRow>(
    db,
    sql,
    Array.from({ length: branches }, () => bound).flat(),
  );
}
