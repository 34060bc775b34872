import { normalizeText } from "./segmenter.ts";

/** A piece of a snippet: matched words are marked, never sent as HTML. */
export type SnippetPart = { text: string; isMatch: boolean };

/**
 * The part of an article around its matches (about `size` characters), split into
 * marked and unmarked parts. Matching is on the normalized text (full-width and
 * case folded), which keeps every character's place, so the parts are the
 * article's own characters.
 */
export function highlight(text: string, words: readonly string[], size = 160): SnippetPart[] {
  const folded = normalizeText(text);
  const marks = new Array<boolean>(text.length).fill(false);
  // Same length after folding (true for CJK and full-width ASCII): otherwise show the start unmarked.
  if (folded.length === text.length) {
    for (const word of [...words].sort((a, b) => b.length - a.length)) {
      if (!word) continue;
      for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) marks.fill(true, at, at + word.length);
    }
  }
  // The window with the most marked characters.
  let start = 0;
  if (text.length > size) {
    let best = -1;
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      if (marks[i]) count++;
      if (i >= size && marks[i - size]) count--;
      if (i >= size - 1 && count > best) {
        best = count;
        start = i - size + 1;
      }
    }
    // Start at a sentence when one begins shortly before the window.
    const sentence = Math.max(text.lastIndexOf("。", start), text.lastIndexOf("\n", start));
    if (sentence >= 0 && start - sentence < 40) start = sentence + 1;
  }
  const end = Math.min(text.length, start + size);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "…", isMatch: false });
  for (let i = start; i < end; ) {
    let j = i;
    while (j < end && marks[j] === marks[i]) j++;
    parts.push({ text: text.slice(i, j), isMatch: marks[i] });
    i = j;
  }
  if (end < text.length) parts.push({ text: "…", isMatch: false });
  return parts;
}
