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
import {
  IncidentEntityRow,
  IncidentOwnerRow,
  IncidentResponderRow,
  IncidentRow,
  toIsoString,
  toIsoStringOrNull,
} from './tables';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row)) ?? [];
    list.push(row);
    map.set(key(row), list);
  }
  return map;
}

/** Turns incident rows into incidents, with their entities, responders, owners and post-mortems, in six queries. */
export async function readIncidents(
  db: Knex | Knex.Transaction,
  rows: IncidentRow[],
): Promise<Incident[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map(row => row.id);
  const [entities, responders, owners, relatedCounts, openCounts, postmortems] =
    await Promise.all([
      db<IncidentEntityRow>('incident_entities')
        .whereIn('incident_id', ids)
        .orderBy('entity_ref'),
      db<IncidentResponderRow>('incident_responders')
        .whereIn('incident_id', ids)
        .orderBy(['role', 'user_ref']),
      db<IncidentOwnerRow>('incident_owners')
        .whereIn('incident_id', ids)
        .where('direct', true)
        .orderBy('owner_ref'),
      db<IncidentRow>('incidents')
        .whereIn('primary_incident_id', ids)
        .groupBy('primary_incident_id')
        .select('primary_incident_id', db.raw('count(*) as related_count')),
      db('followups')
        .whereIn('incident_id', ids)
        .whereIn('status', ['open', 'in-progress'])
        .groupBy('incident_id')
        .select('incident_id', db.raw('count(*) as open_count')),
      db('postmortems')
        .whereIn('incident_id', ids)
        .select('id', 'incident_id', 'status', 'owner_ref'),
    ]);
  const entitiesById = groupBy(
    entities.filter(e => Boolean(e.direct)),
    e => e.incident_id,
  );
  const respondersById = groupBy(responders, r => r.incident_id);
  const ownersById = groupBy(owners, o => o.incident_id);
  const relatedById = new Map<string, number>(
    (relatedCounts as any[]).map(r => [
      r.primary_incident_id,
      Number(r.related_count),
    ]),
  );

  const openById = new Map<string, number>(
    (openCounts as any[]).map(r => [r.incident_id, Number(r.open_count)]),
  );

  const postmortemById = new Map(
    postmortems.map(p => [
      p.incident_id as string,
      {
        id: p.id as string,
        status: p.status as PostmortemStatus,
        ownerRef: p.owner_ref as string,
      },
    ]),
  );

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
    entityRefs: (entitiesById.get(row.id) ?? []).map(e => e.entity_ref),
    responders: (respondersById.get(row.id) ?? []).map(
      (r): Responder => ({
        role: r.role as ResponderRole,
        userRef: r.user_ref,
      }),
    ),
    ownerRefs: (ownersById.get(row.id) ?? []).map(o => o.owner_ref),
    ownersStale: Boolean(row.owners_stale),
    primaryIncidentId: row.primary_incident_id,
    relatedIncidentCount: relatedById.get(row.id) ?? 0,
    openFollowupCount: openById.get(row.id) ?? 0,
    postmortem: postmortemById.get(row.id) ?? null,
    postmortemRequired:
      !row.primary_incident_id &&
      isMajorSeverity((row.final_severity ?? row.severity) as Severity),
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    version: row.version,
  }));
}
