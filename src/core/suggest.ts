/** "Did you mean …": the nearest known values to one that is not known, by edit distance. */

/** Edit distance (Levenshtein): insertions, deletions and substitutions of one character each. */
export const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

/** The `count` candidates closest to `value`, nearest first (ties in alphabetical order). */
export const closest = (
  value: string,
  candidates: Iterable<string>,
  count = 3,
  maxDistance = Infinity,
): string[] =>
  [...candidates]
    .map((candidate) => ({ candidate, d: editDistance(value, candidate) }))
    .filter((entry) => entry.d <= maxDistance)
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((entry) => entry.candidate)
