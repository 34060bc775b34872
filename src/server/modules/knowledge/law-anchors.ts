/**
 * The fragment that points at an article in the law reader (/laws/:id#第五十四条).
 * A 第X条 article is its own number, so a citation can be linked without a lookup;
 * an item or section, whose label can repeat, is its place in the law.
 */
export function anchorOf(articleNo: string, ordinal: number): string {
  return /^第[^条\s]+条(?:之[^\s]+)?$/u.test(articleNo) ? articleNo : `p${ordinal}`;
}
