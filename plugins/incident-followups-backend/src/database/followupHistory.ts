/** A followup column and the name it has in the incident's history. */
const TRACKED: [column: string, key: string][] = [
  ['title', 'title'],
  ['status', 'status'],
  ['wont_do_reason', 'reason'],
  ['priority', 'priority'],
  ['owner_ref', 'owner'],
  ['due_at', 'due'],
  ['ticket_url', 'ticket'],
];

function comparable(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return column === 'due_at' ? new Date(value as string).toISOString() : value;
}

/**
 * What one followup write changed, as one line of the incident's history: the
 * followup's title, and each changed value before and after.
 */
export function followupHistory(
  row: Record<string, unknown>,
  update: Record<string, unknown>,
): { field: string; from: unknown; to: unknown }[] {
  const from: Record<string, unknown> = { title: row.title };
  const to: Record<string, unknown> = { title: update.title ?? row.title };
  let changed = false;
  for (const [column, key] of TRACKED) {
    if (!(column in update)) continue;
    const before = comparable(column, row[column]);
    const after = comparable(column, update[column]);
    if (before === after) continue;
    changed = true;
    from[key] = before;
    to[key] = after;
  }
  return changed ? [{ field: 'followup', from, to }] : [];
}
