// Matching what people type in a menu searched as they type: case and accents aside, the
// choices starting with the text first, then those containing it, then those matching elsewhere.

/** Lower case without accents: the form names, skills and slugs are compared in. */
export function withoutAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** What the user typed, or a choice, as compared: lower case, no accents, trimmed. */
export function folded(text: string): string {
  return withoutAccents(text).trim();
}

/**
 * The `limit` best matches of `query` among `items`: those whose `name` starts with it, then
 * contains it, then whose `other` text contains it; in alphabetical order within each rank.
 */
export function bestMatches<T>(
  items: readonly T[],
  query: string,
  limit: number,
  name: (item: T) => string,
  other: (item: T) => string = () => '',
): T[] {
  const wanted = folded(query);
  const ranked: { item: T; rank: number; label: string }[] = [];
  for (const item of items) {
    const label = name(item);
    const text = folded(label);
    const rank = text.startsWith(wanted) ? 0 : text.includes(wanted) ? 1 : folded(other(item)).includes(wanted) ? 2 : 3;
    if (rank < 3) ranked.push({ item, rank, label });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label, 'fr'));
  return ranked.slice(0, limit).map((r) => r.item);
}
