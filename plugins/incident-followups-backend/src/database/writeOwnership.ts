import { Knex } from 'knex';
import { Ownership } from './IncidentStore';

/** Replaces an incident's owners and indirect entities with the catalog's latest answer. */
export async function writeOwnership(
  tx: Knex.Transaction,
  incidentId: string,
  ownership: Ownership,
): Promise<void> {
  await tx('incident_owners').where({ incident_id: incidentId }).delete();
  const owners = [
    ...ownership.ownerRefs.map(owner_ref => ({ owner_ref, direct: true })),
    ...ownership.ancestorGroupRefs
      .filter(ref => !ownership.ownerRefs.includes(ref))
      .map(owner_ref => ({ owner_ref, direct: false })),
  ];
  if (owners.length > 0) {
    await tx('incident_owners').insert(
      owners.map(owner => ({ incident_id: incidentId, ...owner })),
    );
  }
  await tx('incident_entities')
    .where({ incident_id: incidentId, direct: false })
    .delete();
  const direct = new Set(
    (
      await tx('incident_entities')
        .where({ incident_id: incidentId })
        .select('entity_ref')
    ).map(row => row.entity_ref as string),
  );
  const indirect = ownership.indirectEntityRefs.filter(ref => !direct.has(ref));
  if (indirect.length > 0) {
    await tx('incident_entities').insert(
      indirect.map(entity_ref => ({
        incident_id: incidentId,
        entity_ref,
        direct: false,
      })),
    );
  }
}
