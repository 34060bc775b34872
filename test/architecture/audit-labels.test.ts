/**
 * The audit log page shows every action and object type in words (issue 7, item 4). Read from
 * the source, without running it: every `recordAudit(…)` call in src/server, the action codes
 * and object types it can write, and a zh-CN and an en label for each. A new action without
 * its labels fails here; so does a call whose action this reader cannot work out (say so in a
 * literal, or a conditional of literals, or a local `const action = …` of them).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SERVER = resolve("src/server");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

type Found = { actions: Map<string, string>; entityTypes: Map<string, string>; unreadable: string[]; calls: number };

/** The string literals an expression can evaluate to, or null if it can be something else. */
function literalsOf(node: ts.Expression, file: ts.SourceFile): string[] | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literalsOf(node.expression, file);
  if (ts.isConditionalExpression(node)) {
    const a = literalsOf(node.whenTrue, file);
    const b = literalsOf(node.whenFalse, file);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isIdentifier(node)) {
    // A local const of literals (e.g. `const action = isDisabled ? "account.disable" : …`).
    let found: string[] | null = null;
    const visit = (n: ts.Node) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === node.text && n.initializer) found = literalsOf(n.initializer, file);
      ts.forEachChild(n, visit);
    };
    visit(file);
    return found;
  }
  return null;
}

function findRecordAuditCalls(): Found {
  const found: Found = { actions: new Map(), entityTypes: new Map(), unreadable: [], calls: 0 };
  for (const path of filesUnder(SERVER)) {
    const text = readFileSync(path, "utf8");
    if (!text.includes("recordAudit(")) continue;
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${relative(process.cwd(), path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      // recordAudit itself re-calls with the entry it was given (to open a transaction): not a call site.
      const isForwarding = path.endsWith("/audit/record-audit.ts");
      if (!isForwarding && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "recordAudit") {
        found.calls += 1;
        const entry = node.arguments[1];
        if (!entry || !ts.isObjectLiteralExpression(entry)) {
          found.unreadable.push(`${where(node)}: the entry is not an object literal`);
        } else {
          for (const [key, into] of [["action", found.actions], ["entityType", found.entityTypes]] as const) {
            const property = entry.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === key);
            const expression = property && ts.isPropertyAssignment(property) ? property.initializer : property && ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
            const values = expression ? literalsOf(expression, file) : null;
            if (!values) found.unreadable.push(`${where(node)}: cannot read its ${key}`);
            else for (const value of values) into.set(value, where(node));
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    // The definition itself is not a call.
    visit(file);
  }
  return found;
}

const locales = Object.fromEntries(
  ["zh-CN", "en"].map((lang) => [lang, JSON.parse(readFileSync(resolve(`src/web/locales/${lang}.json`), "utf8")) as Record<string, unknown>]),
);

/** The value at a dotted i18n key, as i18next reads it ("audit.actions.auth.login" → nested objects). */
function lookUp(resource: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), resource);
}

const found = findRecordAuditCalls();

describe("every audit action and object type has its words", () => {
  it("finds the calls it checks", () => {
    // A guard on the guard: if the reader broke, the checks below would pass vacuously.
    expect(found.calls).toBeGreaterThan(20);
    expect(found.actions.has("auth.login_failed")).toBe(true);
    expect(found.actions.has("account.disable")).toBe(true); // from a local const with a conditional
    expect(found.actions.has("calendar.create")).toBe(true); // from a conditional
  });

  it("can read the action and object type of every recordAudit call", () => {
    expect(found.unreadable).toEqual([]);
  });

  it.each(["zh-CN", "en"])("%s labels every action code written in src/server", (lang) => {
    const missing = [...found.actions].filter(([code]) => typeof lookUp(locales[lang], `audit.actions.${code}`) !== "string").map(([code, at]) => `${code} (${at})`);
    expect(missing).toEqual([]);
  });

  it.each(["zh-CN", "en"])("%s names every object type written in src/server", (lang) => {
    const missing = [...found.entityTypes].filter(([type]) => typeof lookUp(locales[lang], `audit.entities.${type}`) !== "string").map(([type, at]) => `${type} (${at})`);
    expect(missing).toEqual([]);
  });

  it.each(["zh-CN", "en"])("%s names the group of every action", (lang) => {
    const groups = new Set([...found.actions.keys()].map((code) => code.split(".")[0]));
    expect([...groups].filter((g) => typeof lookUp(locales[lang], `audit.actionGroups.${g}`) !== "string")).toEqual([]);
  });
});
