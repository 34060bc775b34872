/**
 * Text PostgreSQL cannot store. A NUL character is refused in `text` columns
 * (22021) and in `jsonb` (22P05); an unpaired UTF-16 surrogate becomes U+FFFD
 * on the way to a `text` column (silently changing what was sent) and is refused
 * in `jsonb`. Neither is ever meant by a person, so both are refused at the edge.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` cannot be stored as text, or null when it can. */
export function unsafeTextProblem(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain a NUL character (\\u0000)";
  if (LONE_SURROGATE.test(value)) return "must not contain an unpaired surrogate (invalid Unicode)";
  return null;
}

export type UnsafeText = { path: string[]; problem: string };

/**
 * The first string (or object key) in parsed JSON, a query or params object
 * that cannot be stored, with its path. Iterative, so a deeply nested body
 * cannot overflow the stack. Objects of any prototype are walked (a parsed query
 * string has its own); numbers, booleans and Buffers are skipped.
 */
export function findUnsafeText(data: unknown): UnsafeText | null {
  // Each entry links to its parent, so the path is built only for the culprit.
  type Entry = { value: unknown; key: string; parent: Entry | null };
  const pathOf = (entry: Entry | null, last?: string): string[] => {
    const path = last === undefined ? [] : [last];
    for (let e = entry; e?.parent; e = e.parent) path.push(e.key);
    return path.reverse();
  };
  const stack: Entry[] = [{ value: data, key: "", parent: null }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value } = entry;
    if (typeof value === "string") {
      const problem = unsafeTextProblem(value);
      if (problem) return { path: pathOf(entry), problem };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: String(i), parent: entry });
    } else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const keyProblem = unsafeTextProblem(key);
        if (keyProblem) return { path: pathOf(entry, printable(key)), problem: `(a field name) ${keyProblem}` };
        stack.push({ value: child, key, parent: entry });
      }
    }
  }
  return null;
}

/** A field name fit to be echoed back: the offending characters shown escaped. */
const printable = (key: string) => key.replace(/\u0000/g, "\\u0000").replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
