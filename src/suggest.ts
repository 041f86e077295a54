/**
 * "Did you mean ...": the known words closest to a mistyped one. Pure and small, since the
 * launch path uses it too.
 */

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const row = rows[i]!;
      const above = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Whether `word` looks like a slip for `known`: the start of it (two letters or more), or
 * at most two edits away while sharing more than 40% of the longer word (so that "hi" is
 * not taken for "ls", though both are two edits apart). Case is ignored.
 */
export function isCloseTo(word: string, known: string): boolean {
  const w = word.toLowerCase();
  const k = known.toLowerCase();
  if (w === k) return true;
  if (w.length >= 2 && k.startsWith(w)) return true;
  const distance = editDistance(w, k);
  const longer = Math.max(w.length, k.length);
  return distance <= 2 && (longer - distance) / longer > 0.4;
}

/** The known words closest to `word`: those it starts, else those fewest edits away (in the order given). */
export function closest(word: string, known: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const found = [...new Set(known)]
    .filter((k) => isCloseTo(word, k))
    .map((k) => ({ k, d: k.toLowerCase().startsWith(w) ? 0 : editDistance(w, k.toLowerCase()) }));
  const best = Math.min(...found.map(({ d }) => d));
  return found.filter(({ d }) => d === best).map(({ k }) => k);
}

/** "did you mean a?" / "did you mean a or b?" for at most three suggestions; empty for none. */
export function didYouMean(suggestions: readonly string[], render: (s: string) => string = (s) => s): string {
  const shown = suggestions.slice(0, 3).map(render);
  if (shown.length === 0) return '';
  const list = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)!}`;
  return `did you mean ${list}?`;
}
