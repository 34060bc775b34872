/**
 * Each module owns its tables (docs/architecture.md, "Modules"). Read from the
 * source, without running it:
 * - no module imports another module's *.tables.ts, nor writes SQL against a
 *   table another module owns;
 * - a module imports only the modules it may depend on (the map below, which is
 *   acyclic: where a lower module must make a higher one react, it publishes a
 *   domain event instead);
 * - platform/ imports no module.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SERVER = resolve("src/server");

/** Who may import whom. Keep in step with docs/architecture.md. */
export const ALLOWED: Record<string, string[]> = {
  audit: [],
  regions: ["audit"],
  calendar: ["audit", "regions"],
  services: ["audit", "regions"],
  accounts: ["audit", "regions", "services"],
  auth: ["audit", "regions", "accounts"],
  venues: ["audit", "regions", "accounts", "services"],
  notifications: ["services"],
  tickets: ["audit", "regions", "accounts", "services", "calendar", "notifications"],
  attachments: ["audit", "tickets"],
  // Dispatch reads "on duty" from the 12348 duty roster (hotline/queries/find-on-duty.ts).
  dispatch: ["audit", "regions", "accounts", "services", "calendar", "tickets", "hotline"],
  oversight: ["audit", "regions", "accounts", "services", "calendar", "notifications", "tickets"],
  upstream: ["audit", "regions", "tickets"],
  workbench: ["tickets", "oversight", "requests"],
  checkpoints: ["audit", "calendar", "tickets"],
  appointments: ["audit", "regions", "services", "calendar", "venues", "notifications"],
  citizens: ["audit", "regions", "notifications"],
  // A citizen's own requests on the portal: tickets seen from the applicant's side.
  requests: ["audit", "regions", "services", "notifications", "tickets", "attachments", "citizens", "oversight"],
  content: ["audit", "regions", "accounts", "services", "venues", "attachments"],
  directory: ["audit", "regions", "accounts", "services", "venues"],
  // Laws, FAQ entries and case explainers, the wording table: staff write them in their region, with the dispute categories.
  knowledge: ["audit", "regions", "accounts", "services"],
  // The consultation assistant: reads the knowledge search, the service guides and the request forms; staff routes read tickets.
  assistant: ["regions", "services", "knowledge", "content", "requests", "tickets"],
  // 文书: documents generated from a ticket (read through the tickets presenter), kept as its attachments.
  documents: ["audit", "regions", "accounts", "services", "tickets", "attachments"],
  // 法律援助: the eligibility engine (the region tree, the Beijing date, the law reader's citations) and the cases on top of
  // tickets (the ticket trail and deadlines, the calendar, the lawyer pool from accounts).
  "legal-aid": ["audit", "regions", "accounts", "calendar", "tickets", "knowledge"],
  // People's mediation on top of tickets: the trail, deadlines and intake of tickets, the mediators from accounts, citations, dispute categories from services.
  mediation: ["audit", "regions", "accounts", "calendar", "tickets", "knowledge", "services"],
  // 预登记: guided matters routed to a directory provider, each a ticket; the providers' API signs as upstream's does.
  preregistration: ["audit", "regions", "services", "tickets", "directory", "citizens", "upstream"],
  // 12348 热线: call events from phone systems signed as upstream's are (its signature helper), seats held by staff from accounts;
  // the desk takes tickets in from calls and resolves consultations citing articles (knowledge's citation check);
  // the duty roster (part 3): shifts at venues, gap warnings to supervisors through the outbox;
  // callbacks (part 4): deadlines on the region's calendar, the follow-up survey through oversight's follow-ups and rating.
  // 运营指挥中心: rollups fed by the tickets' events; drill-down and the board's live counts through tickets' queries;
  // the child regions from regions; the export audited, with the service types' names.
  analytics: ["audit", "regions", "calendar", "services", "tickets", "forecast"],
  hotline: ["audit", "regions", "accounts", "calendar", "tickets", "oversight", "knowledge", "venues", "notifications", "upstream"],
  // 需求预测: weekly demand forecasts (augurs) with the Spring Festival's moving effect, pure; analytics feeds it the rollups.
  forecast: [],
  // 矛盾纠纷预警: clusters found in ticket facts; alerts to the township office's staff (accounts) and its mediation
  // committees and their mediators (mediation's queries), in-app through the outbox.
  "early-warning": ["audit", "regions", "accounts", "tickets", "mediation", "notifications"],
  // 考核评价与通报: measures read from tickets (handling), oversight (ratings, follow-ups), venues (facilities, staff), accounts;
  // the bulletins' PDF and DOCX through the documents module's font lookup and XML escaping.
  assessment: ["audit", "regions", "accounts", "services", "calendar", "tickets", "oversight", "venues", "documents"],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const sourceFiles = filesUnder(SERVER).filter((f) => !f.endsWith(".test.ts"));
const moduleOf = (file: string): string | null => {
  const parts = relative(SERVER, file).split(sep);
  return parts[0] === "modules" && parts.length > 2 ? parts[1] : null;
};

/** Static and dynamic import specifiers of a file, resolved to absolute paths (relative ones only). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
  return specifiers.map((s) => resolve(dirname(file), s));
}

/** Table name → owning module (or "platform"), from every pgTable("name", …) definition. */
const tableOwners = new Map<string, string>();
for (const file of sourceFiles.filter((f) => f.endsWith(".tables.ts"))) {
  for (const m of readFileSync(file, "utf8").matchAll(/pgTable\(\s*"([a-z_]+)"/g)) tableOwners.set(m[1], moduleOf(file) ?? "platform");
}

describe("module boundaries", () => {
  it("knows every module directory", () => {
    const modules = readdirSync(join(SERVER, "modules")).filter((n) => statSync(join(SERVER, "modules", n)).isDirectory());
    expect(modules.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("the allowed dependencies are acyclic", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (m: string, path: string[]): void => {
      if (done.has(m)) return;
      if (visiting.has(m)) throw new Error(`cycle: ${[...path, m].join(" → ")}`);
      visiting.add(m);
      for (const dep of ALLOWED[m] ?? []) visit(dep, [...path, m]);
      visiting.delete(m);
      done.add(m);
    };
    for (const m of Object.keys(ALLOWED)) visit(m, []);
  });

  it("finds the tables it guards", () => {
    // A regression guard on the guard: if table discovery broke, the checks below would pass vacuously.
    expect(tableOwners.get("tickets")).toBe("tickets");
    expect(tableOwners.get("supervision_orders")).toBe("oversight");
    expect(tableOwners.get("notifications")).toBe("notifications");
    expect(tableOwners.size).toBeGreaterThan(15);
  });

  it("no module imports another module's tables, or a module it may not depend on", () => {
    const problems: string[] = [];
    for (const file of sourceFiles) {
      const from = moduleOf(file);
      for (const target of importsOf(file)) {
        const to = moduleOf(target);
        const rel = relative(SERVER, file);
        if (!from) {
          if (rel.startsWith(`platform${sep}`) && to) problems.push(`${rel} (platform) imports module ${to}`);
          continue;
        }
        if (!to || to === from) continue;
        if (target.endsWith(".tables.ts")) problems.push(`${rel} imports ${relative(SERVER, target)}`);
        else if (!ALLOWED[from].includes(to)) problems.push(`${rel} imports ${to} (${from} may use ${ALLOWED[from].join(", ") || "no module"})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("no module writes SQL against a table another module owns", () => {
    const problems: string[] = [];
    for (const file of sourceFiles) {
      const from = moduleOf(file);
      if (!from) continue;
      const templates = readFileSync(file, "utf8").match(/`[^`]*`/g) ?? [];
      for (const template of templates) {
        for (const m of template.matchAll(/\b(?:from|join|update|into)\s+"?([a-z_]+)"?/gi)) {
          const owner = tableOwners.get(m[1]);
          if (owner && owner !== from) problems.push(`${relative(SERVER, file)}: ${m[0]} (owned by ${owner})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
