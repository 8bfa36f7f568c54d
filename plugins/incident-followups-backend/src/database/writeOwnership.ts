import { Knex } from 'knex';
import { Ownership } from './IncidentStore';

/** Replaces an incident's owners and indirect entities with the catalog's latest answer. */
export async function writeOwnership(
  tx: Knex.Transaction,
  incidentId: string,
  ownership: Ownership,
): Promise<void> {
  const owners = new Map<string, boolean>([
    ...ownership.ancestorGroupRefs.map(ref => [ref, false] as const),
    ...ownership.ownerRefs.map(ref => [ref, true] as const),
  ]);
  // Only what changed is written: the triggers of `team_followups` copy each
  // followup of the incident for every owner row written, and every write
  // makes the kept answers (see `data_versions`) count anew.
  const current = await tx('incident_owners')
    .where({ incident_id: incidentId })
    .select('owner_ref', 'direct');
  const gone = current
    .filter(row => !owners.has(row.owner_ref))
    .map(row => row.owner_ref as string);
  if (gone.length > 0) {
    await tx('incident_owners')
      .where({ incident_id: incidentId })
      .whereIn('owner_ref', gone)
      .delete();
  }
  const known = new Map<string, boolean>(
    current.map(row => [row.owner_ref, Boolean(row.direct)]),
  );
  for (const [ownerRef, direct] of owners) {
    if (known.has(ownerRef) && known.get(ownerRef) !== direct) {
      await tx('incident_owners')
        .where({ incident_id: incidentId, owner_ref: ownerRef })
        .update({ direct });
    }
  }
  const added = [...owners].filter(([ownerRef]) => !known.has(ownerRef));
  if (added.length > 0) {
    await tx('incident_owners').insert(
      added.map(([owner_ref, direct]) => ({
        incident_id: incidentId,
        owner_ref,
        direct,
      })),
    );
  }
  const entities = await tx('incident_entities')
    .where({ incident_id: incidentId })
    .select('entity_ref', 'direct');
  const direct = new Set(
    entities.filter(row => row.direct).map(row => row.entity_ref as string),
  );
  const indirect = new Set(
    ownership.indirectEntityRefs.filter(ref => !direct.has(ref)),
  );
  const indirectNow = new Set(
    entities.filter(row => !row.direct).map(row => row.entity_ref as string),
  );
  const indirectGone = [...indirectNow].filter(ref => !indirect.has(ref));
  if (indirectGone.length > 0) {
    await tx('incident_entities')
      .where({ incident_id: incidentId, direct: false })
      .whereIn('entity_ref', indirectGone)
      .delete();
  }
  const indirectAdded = [...indirect].filter(ref => !indirectNow.has(ref));
  if (indirectAdded.length > 0) {
    const { started_at } = await tx('incidents')
      .where({ id: incidentId })
      .first('started_at');
    await tx('incident_entities').insert(
      indirectAdded.map(entity_ref => ({
        incident_id: incidentId,
        entity_ref,
        direct: false,
        started_at,
      })),
    );
  }
}
