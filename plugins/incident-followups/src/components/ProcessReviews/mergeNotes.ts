import { diff3Merge } from 'node-diff3';

const linesOf = (text: string) => (text === '' ? [] : text.split('\n'));

/**
 * Merges the notes two attendees wrote on the same notes (`base`), line by
 * line: what each changed apart is kept, and lines both added at the same
 * place are kept one after the other, theirs (saved first) first. Undefined
 * when both changed the same lines.
 */
export function mergeNotes(
  base: string,
  theirs: string,
  mine: string,
): string | undefined {
  const merged: string[] = [];
  const regions = diff3Merge(linesOf(theirs), linesOf(base), linesOf(mine), {
    excludeFalseConflicts: true,
  });
  for (const region of regions) {
    if (region.ok) {
      merged.push(...region.ok);
    } else if (region.conflict) {
      const { a, o, b } = region.conflict;
      if (o.length > 0) return undefined;
      merged.push(...a, ...b);
    }
  }
  return merged.join('\n');
}
