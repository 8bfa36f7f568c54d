import { incidentParts, PartRow } from './incidentParts';
import {
  Incident,
  isMajorSeverity,
  PostmortemStatus,
  IncidentStatus,
  Responder,
  ResponderRole,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { IncidentRow, toIsoString, toIsoStringOrNull } from './tables';

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
