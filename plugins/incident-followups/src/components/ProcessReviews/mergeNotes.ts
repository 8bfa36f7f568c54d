import { diff3Merge } from 'node-diff3';

const linesOf = (text: string) => (text === '' ? [] : text.split('\n'));

/**
 * Where `side` holds `base` unchanged with lines added only before or after
 * it, the lines added: diff3 reports an addition next to the other side's
 * change as one conflict, though neither touched what the other wrote.
 */
function additionsAround(
  base: string[],
  side: string[],
): { before: string[]; after: string[] } | undefined {
  for (let start = 0; start + base.length <= side.length; start++) {
    if (base.every((line, i) => side[start + i] === line)) {
      return {
        before: side.slice(0, start),
        after: side.slice(start + base.length),
      };
    }
  }
  return undefined;
}

/** A conflict where one side only added lines next to the lines the other changed. */
function resolveAdjacent(
  base: string[],
  theirs: string[],
  mine: string[],
): string[] | undefined {
  const mineAdded = additionsAround(base, mine);
  if (mineAdded) return [...mineAdded.before, ...theirs, ...mineAdded.after];
  const theirsAdded = additionsAround(base, theirs);
  if (theirsAdded) {
    return [...theirsAdded.before, ...mine, ...theirsAdded.after];
  }
  return undefined;
}

/**
 * Merges the notes two attendees wrote on the same notes (`base`), line by
 * line: what each changed apart is kept, lines one added next to lines the
 * other changed are kept beside the change, and lines both added at the same
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
      const resolved = o.length > 0 ? resolveAdjacent(o, a, b) : [...a, ...b];
      if (!resolved) return undefined;
      merged.push(...resolved);
    }
  }
  return merged.join('\n');
}
