import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { IncidentRow } from './tables';
import { writeHistory } from './writeHistory';

type LockedRow = Pick<IncidentRow, 'id' | 'primary_incident_id'>;

/**
 * Reads incidents with a row lock, in id order so that two groupings never
 * deadlock. SQLite has no row locks; its transactions run one at a time anyway.
 */
async function lockIncidents(
  tx: Knex.Transaction,
  ids: string[],
): Promise<Map<string, LockedRow>> {
  const query = tx<IncidentRow>('incidents')
    .whereIn('id', ids)
    .orderBy('id')
    .select('id', 'primary_incident_id');
  if (!tx.client.config.client.includes('sqlite')) {
    query.forUpdate();
  }
  const rows = await query;
  const byId = new Map(rows.map(row => [row.id, row]));
  for (const id of ids) {
    if (!byId.has(id)) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
  }
  return byId;
}

async function bump(tx: Knex.Transaction, ids: string[], now: Date) {
  await tx('incidents')
    .whereIn('id', ids)
    .update({ version: tx.raw('version + 1'), updated_at: now });
}

/**
 * Groups incidents under a primary one. A primary cannot itself be grouped, and a
 * grouped incident cannot have incidents of its own: one level only, so no cycles.
 */
export async function groupIncidents(
  tx: Knex.Transaction,
  primaryId: string,
  childIds: string[],
  actorRef: string,
): Promise<void> {
  if (childIds.includes(primaryId)) {
    throw new InputError(
      `incidentIds: incident ${primaryId} cannot be grouped under itself`,
    );
  }
  const rows = await lockIncidents(tx, [primaryId, ...childIds]);
  const primary = rows.get(primaryId)!;
  if (primary.primary_incident_id) {
    throw new ConflictError(
      `Incident ${primaryId} is itself grouped under ${primary.primary_incident_id}; group the incidents under that primary instead`,
    );
  }
  for (const childId of childIds) {
    const current = rows.get(childId)!.primary_incident_id;
    if (current && current !== primaryId) {
      throw new ConflictError(
        `Incident ${childId} is already grouped under ${current}; ungroup it there first`,
      );
    }
  }
  const withOwnChildren = await tx<IncidentRow>('incidents')
    .whereIn('primary_incident_id', childIds)
    .groupBy('primary_incident_id')
    .select('primary_incident_id', tx.raw('count(*) as related_count'));
  if (withOwnChildren.length > 0) {
    const [first] = withOwnChildren as any[];
    throw new ConflictError(
      `Incident ${
        first.primary_incident_id
      } is a primary incident with ${Number(
        first.related_count,
      )} incident(s) grouped under it; a grouped incident cannot have its own, so ungroup those first`,
    );
  }

  const toGroup = childIds.filter(id => !rows.get(id)!.primary_incident_id);
  if (toGroup.length === 0) {
    return;
  }
  const now = new Date();
  await tx('incidents')
    .whereIn('id', toGroup)
    .update({ primary_incident_id: primaryId });
  await bump(tx, [primaryId, ...toGroup], now);
  await writeHistory(
    tx,
    primaryId,
    actorRef,
    now,
    toGroup.map(id => ({ field: 'relatedIncidents', from: null, to: id })),
  );
  for (const id of toGroup) {
    await writeHistory(tx, id, actorRef, now, [
      { field: 'primaryIncident', from: null, to: primaryId },
    ]);
  }
}

/** Takes one incident out of its primary's group. */
export async function ungroupIncident(
  tx: Knex.Transaction,
  primaryId: string,
  childId: string,
  actorRef: string,
): Promise<void> {
  const rows = await lockIncidents(tx, [primaryId, childId]);
  if (rows.get(childId)!.primary_incident_id !== primaryId) {
    throw new NotFoundError(
      `Incident ${childId} is not grouped under ${primaryId}`,
    );
  }
  const now = new Date();
  await tx('incidents')
    .where({ id: childId })
    .update({ primary_incident_id: null });
  await bump(tx, [primaryId, childId], now);
  await writeHistory(tx, primaryId, actorRef, now, [
    { field: 'relatedIncidents', from: childId, to: null },
  ]);
  await writeHistory(tx, childId, actorRef, now, [
    { field: 'primaryIncident', from: primaryId, to: null },
  ]);
}
