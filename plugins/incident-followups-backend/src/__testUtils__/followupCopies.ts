/** The columns of `followups` that `team_followups` and `commander_followups` copy. */
export const COPIED_FOLLOWUP_COLUMNS = [
  'id',
  'incident_id',
  'type',
  'status',
  'owner_ref',
  'due_at',
  'created_at',
  'completed_at',
];

/**
 * Copies of followups as sorted, comparable strings, whatever each database
 * returns for dates and booleans: `key` gives what each copy is for.
 */
export function normalizedCopies(
  rows: Record<string, unknown>[],
  key: (row: Record<string, unknown>) => unknown[],
) {
  return rows
    .map(row =>
      JSON.stringify([
        ...key(row),
        ...COPIED_FOLLOWUP_COLUMNS.map(c => {
          const value = row[c];
          if (value === null || value === undefined) return null;
          return c.endsWith('_at')
            ? new Date(value as any).toISOString()
            : value;
        }),
      ]),
    )
    .sort();
}
