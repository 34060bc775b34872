import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";

/**
 * How the audit log names what it records. The log stores ids (an account's uuid, a ticket's
 * uuid, a region's code); people read names and numbers. The audit module sits below every
 * other module (they all write to it), so it cannot import their queries. Instead each owning
 * module registers, for its entity types, how to name a batch of ids and how to find the ids a
 * person typed (a ticket number, a username) — the same inversion as the domain events. Wired
 * once in wiring.ts; registering the same type again replaces it.
 */

/** What an id is called: `label` for the eye ("张三", "YL-2026-000123"), `secondary` beside it (a username). */
export type SubjectName = { label: string; secondary?: string };

export type SubjectDescriber = {
  /** Names of these ids; ids it does not know are left out (a deleted record keeps its id). */
  name(tx: Tx, ids: readonly string[]): Promise<Map<string, SubjectName>>;
  /**
   * The ids a person may mean by `text` (an id, a ticket number, a username, a name): for the
   * "object" filter. The audit scope filters the entries afterwards, so this need not be
   * scoped — except where the page goes on to show the object itself (a ticket's timeline):
   * then it finds only what `actor` may read.
   */
  find?(tx: Tx, text: string, actor: Actor): Promise<string[]>;
  /** Whether `find` answers only what the actor may read (then the page may show the object itself). */
  isFindScoped?: boolean;
};

const subjects = new Map<string, SubjectDescriber>();
let actors: SubjectDescriber | undefined;

/** The owning module says how its records are named in the audit log. */
export function registerAuditSubject(entityType: string, describer: SubjectDescriber): void {
  subjects.set(entityType, describer);
}

/** The accounts module says how staff actors are named (display name, username beside it). */
export function registerAuditActors(describer: SubjectDescriber): void {
  actors = describer;
}

export const registeredSubjectTypes = (): string[] => [...subjects.keys()];
export const subjectDescriber = (entityType: string): SubjectDescriber | undefined => subjects.get(entityType);
export const actorDescriber = (): SubjectDescriber | undefined => actors;
