import { Knex } from 'knex';

/** Appends changes to an incident's history; values are kept as JSON. */
export async function writeHistory(
  tx: Knex.Transaction,
  incidentId: string,
  actorRef: string,
  at: Date,
  changes: { field: string; from: unknown; to: unknown }[],
): Promise<void> {
  if (changes.length === 0) {
    return;
  }
  await tx('incident_history').insert(
    changes.map(change => ({
      incident_id: incidentId,
      changed_at: at,
      actor_ref: actorRef,
      field: change.field,
      from_value:
        change.from === undefined ? null : JSON.stringify(change.from),
      to_value: change.to === undefined ? null : JSON.stringify(change.to),
    })),
  );
}
