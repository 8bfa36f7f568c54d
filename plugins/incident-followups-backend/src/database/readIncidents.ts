import { whereStatusIn } from './whereStatusIn';
import {
  Incident,
  isMajorSeverity,
  PostmortemStatus,
  IncidentStatus,
  Responder,
  ResponderRole,
  Severity,
  OPEN_FOLLOWUP_STATUSES,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { IncidentRow, toIsoString, toIsoStringOrNull } from './tables';

/** One row of `incidentParts`: what `kind` it is says what `a`, `b`, `c` and `n` hold. */
interface PartRow {
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

/**
 * What an incident is made of beside its row, for many incidents in one
 * statement: its entities, responders, owners, grouped incidents, open
 * followups and post-mortem, as rows of one shape (a UNION ALL) in the order
 * each list is shown. With `allOwners`, every owning group too, rolled-up
 * ones included (kind `group`).
 */
async function incidentParts(
  db: Knex | Knex.Transaction,
  ids: string[],
  options: { allOwners?: boolean } = {},
): Promise<PartRow[]> {
  const part = (
    kind: PartRow['kind'],
    table: string,
    idColumn: string,
    columns: string[],
    n: string | null = null,
  ) =>
    db(table)
      .select(
        db.raw('? as kind', [kind]),
        db.raw('?? as incident_id', [idColumn]),
        ...['a', 'b', 'c'].map((alias, i) =>
          columns[i]
            ? db.raw('?? as ??', [columns[i], alias])
            : db.raw(`null as ${alias}`),
        ),
        db.raw(`${n ?? 'null'} as n`),
      )
      .whereIn(idColumn, ids);
  // A count per incident, read from a subquery: knex writes a branch's
  // GROUP BY after the whole UNION.
  const counted = (
    kind: PartRow['kind'],
    table: string,
    idColumn: string,
    where: (query: Knex.QueryBuilder) => Knex.QueryBuilder = query => query,
  ): Knex.QueryBuilder =>
    db
      .select('*')
      .from(
        where(part(kind, table, idColumn, [], 'count(*)'))
          .groupBy(idColumn)
          .as('counted'),
      );
  // The counts come first: PostgreSQL types each column of a UNION from the
  // first branches that give it a type, and a count is no text.
  const parts: Knex.QueryBuilder[] = [
    counted('related', 'incidents', 'primary_incident_id'),
    counted('open', 'followups', 'incident_id', query =>
      whereStatusIn(query, OPEN_FOLLOWUP_STATUSES),
    ),
    part('entity', 'incident_entities', 'incident_id', ['entity_ref']).where(
      'direct',
      true,
    ),
    part('responder', 'incident_responders', 'incident_id', [
      'role',
      'user_ref',
    ]),
    part('owner', 'incident_owners', 'incident_id', ['owner_ref']).where(
      'direct',
      true,
    ),
    part('postmortem', 'postmortems', 'incident_id', [
      'id',
      'status',
      'owner_ref',
    ]),
  ];
  if (options.allOwners) {
    parts.push(part('group', 'incident_owners', 'incident_id', ['owner_ref']));
  }
  const [first, ...rest] = parts;
  const rows: PartRow[] = await first
    .unionAll(rest)
    .orderBy(['kind', 'a', 'b']);
  return rows;
}

function groupParts(rows: PartRow[]) {
  const byKey = new Map<string, PartRow[]>();
  for (const row of rows) {
    const key = `${row.kind} ${row.incident_id}`;
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  return (kind: PartRow['kind'], id: string) =>
    byKey.get(`${kind} ${id}`) ?? [];
}

const count = (rows: PartRow[]) => Number(rows[0]?.n ?? 0);

function postmortemOf(rows: PartRow[]): Incident['postmortem'] {
  const [p] = rows;
  return p
    ? { id: p.a!, status: p.b as PostmortemStatus, ownerRef: p.c! }
    : null;
}

/** Turns incident rows into incidents, with their entities, responders, owners and post-mortems, in one more query. */
export async function readIncidents(
  db: Knex | Knex.Transaction,
  rows: IncidentRow[],
): Promise<Incident[]> {
  if (rows.length === 0) {
    return [];
  }
  const parts = groupParts(
    await incidentParts(
      db,
      rows.map(row => row.id),
    ),
  );
  return assemble(rows, parts);
}

/** One incident as `readIncidents` reads it, with every group that owns it (rolled-up ones too). */
export async function readIncidentWithGroups(
  db: Knex | Knex.Transaction,
  row: IncidentRow,
): Promise<{ incident: Incident; owningGroupRefs: string[] }> {
  const parts = groupParts(
    await incidentParts(db, [row.id], { allOwners: true }),
  );
  return {
    incident: assemble([row], parts)[0],
    owningGroupRefs: parts('group', row.id).map(p => p.a!),
  };
}

function assemble(
  rows: IncidentRow[],
  parts: ReturnType<typeof groupParts>,
): Incident[] {
  return rows.map(row => ({
    id: row.id,
    title: row.title,
    description: row.description,
    severity: row.severity as Severity,
    finalSeverity: row.final_severity as Severity | null,
    status: row.status as IncidentStatus,
    startedAt: toIsoString(row.started_at),
    acknowledgedAt: toIsoStringOrNull(row.acknowledged_at),
    resolvedAt: toIsoStringOrNull(row.resolved_at),
    source: {
      type: row.source_type,
      externalId: row.source_external_id,
      url: row.source_url,
    },
    entityRefs: parts('entity', row.id).map(e => e.a!),
    responders: parts('responder', row.id).map(
      (r): Responder => ({
        role: r.a as ResponderRole,
        userRef: r.b!,
      }),
    ),
    ownerRefs: parts('owner', row.id).map(o => o.a!),
    ownersStale: Boolean(row.owners_stale),
    primaryIncidentId: row.primary_incident_id,
    relatedIncidentCount: count(parts('related', row.id)),
    openFollowupCount: count(parts('open', row.id)),
    postmortem: postmortemOf(parts('postmortem', row.id)),
    postmortemRequired:
      !row.primary_incident_id &&
      isMajorSeverity((row.final_severity ?? row.severity) as Severity),
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    version: row.version,
  }));
}
