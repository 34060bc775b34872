import { readFileSync } from "node:fs";

/**
 * The one source of every label people read: the web app's Chinese translation
 * file. The server uses it for what it writes in Chinese itself (Excel exports,
 * SMS texts, dispatch reasons), so a service type is called the same on the
 * screen, in the file and in the message.
 */
const zhCN = JSON.parse(readFileSync(new URL("../../web/locales/zh-CN.json", import.meta.url), "utf8")) as Record<string, unknown>;

/** The Chinese label at a dotted path (`services.legal_aid`), or `fallback` (default: the last segment). */
export function zhLabel(path: string, fallback?: string): string {
  let node: unknown = zhCN;
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : (fallback ?? path.split(".").pop()!);
}

/** Every label under a dotted path, e.g. `zhLabels("services")` → { consultation: "法律咨询", … }. */
export function zhLabels(path: string): Record<string, string> {
  let node: unknown = zhCN;
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  if (!node || typeof node !== "object") return {};
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"));
}
