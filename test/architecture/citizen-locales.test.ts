import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Citizen-facing screens are in zh-CN, English and Tibetan. A namespace that has Tibetan
// strings at all is one the citizen sees (the portal, sign-in, requests, laws, the assistant,
// legal aid, verification …): every zh-CN string of it must also exist in en and bo, or a
// Tibetan reader meets Chinese in the middle of a Tibetan page. The staff-only parts that
// share those namespaces are any `workbench` part (laws.workbench, content.workbench …) and the
// prefixes listed here, each with where it shows.
const STAFF_ONLY = [
  "directory.nav.", "directory.myProfile.", "directory.profiles.", "directory.providers.", // the workbench's directory pages
  "assistant.panel.", // the suggestions beside a ticket
  "appointments.staff.", // the venue's slots and day list
  "legalAid.standards.", // the province's hardship standard, kept by staff
  "legalAid.check.windowTitle", "legalAid.check.windowHint", // the window's self-check heading
];

type Tree = { [key: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(resolve(`src/web/locales/${lang}.json`), "utf8")) as Tree;
const flat = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [prefix + key] : flat(value, `${prefix}${key}.`)));
/** i18next plural forms (remaining_one, remaining_other) stand for their base key: languages have different sets of forms. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("citizen-facing strings", () => {
  const zh = load("zh-CN");
  const bo = load("bo");
  const citizenNamespaces = Object.keys(bo);
  const citizenKeys = [...new Set(flat(zh).map(base))].filter((key) => citizenNamespaces.includes(key.split(".")[0]) && !key.split(".").includes("workbench") && !STAFF_ONLY.some((p) => key.startsWith(p)));

  it("covers the portal's namespaces", () => {
    for (const ns of ["portal", "citizen", "requests", "laws", "assistant", "legalAid", "verify"]) expect(citizenNamespaces).toContain(ns);
    expect(citizenKeys.length).toBeGreaterThan(300);
  });

  for (const lang of ["en", "bo"]) {
    it(`every citizen-facing zh-CN string exists in ${lang}`, () => {
      const has = new Set(flat(load(lang)).map(base));
      expect(citizenKeys.filter((key) => !has.has(key))).toEqual([]);
    });
  }
});
