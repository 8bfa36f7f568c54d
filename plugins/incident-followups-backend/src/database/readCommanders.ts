import { Knex } from 'knex';

/** The incident commanders of each of the incidents, by incident id. */
export async function readCommanders(
  db: Knex,
  incidentIds: string[],
): Promise<Map<string, string[]>> {
  const rows: { incident_id: string; user_ref: string }[] = incidentIds.length
    ? await db('incident_responders')
        .whereIn('incident_id', [...new Set(incidentIds)])
        .where('role', 'incident-commander')
        .orderBy('user_ref')
        .select('incident_id', 'user_ref')
    : [];
  const result = new Map<string, string[]>();
  for (const row of rows) {
    result.set(row.incident_id, [
      ...(result.get(row.incident_id) ?? []),
      row.user_ref,
    ]);
  }
  return result;
}
