/**
 * The screens' "Find" fields: every word typed must appear somewhere in what a row shows
 * (any order, any case), so "west craven twitter" finds the row naming all three.
 */
export function matchesWords(parts: readonly string[], query: string): boolean {
  const text = parts.join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => text.includes(word));
}
