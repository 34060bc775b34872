import { createEventBus } from "../../platform/events.ts";
import type { Actor } from "../../policies/actor.ts";
import type { Protector } from "../../platform/personal/protect.ts";
import type { TicketRow } from "./tickets.tables.ts";
import type { TicketAction, TicketStatus } from "./tickets.state.ts";

/**
 * What the tickets module tells the modules built on it, inside the ticket's
 * transaction (see platform/events.ts). Tickets never import those modules:
 * dispatch, oversight and upstream subscribe here (wired in src/server/wiring.ts).
 */
export type TicketEvents = {
  /** A ticket was taken in: its row, deadlines and first event are written (auto-dispatch listens). */
  "ticket.created": { ticket: TicketRow; actor: Actor; now: Date; protector: Protector };
  /**
   * An authorized, valid action is about to be written. A subscriber refuses it
   * by throwing (oversight: no archiving while a follow-up is open).
   */
  "ticket.acting": { ticket: TicketRow; action: TicketAction; actor: Actor; now: Date };
  /**
   * An action was written: `before` is the row as it was (follow-ups, upstream callbacks and the analytics listen).
   * On a resolve, `withinDeadline` says whether it beat the running resolve deadline (null: none ran).
   */
  "ticket.acted": { before: TicketRow; action: TicketAction; from: TicketStatus; to: TicketStatus; actor: Actor; now: Date; protector: Protector; withinDeadline?: boolean | null };
  /**
   * The citizen's rating (满意度评价) was recorded, from any channel (portal, phone, window, the hotline's
   * follow-up survey); `hasLowScore` is oversight's one rule of a negative rating (the hotline calls back).
   */
  /** A 督办 order was issued on the ticket (oversight): by a supervisor, or automatically when overdue (逾期自动督办). The analytics count them. */
  "ticket.supervised": { ticket: TicketRow; isAutomatic: boolean; actor: Actor; now: Date };
  "ticket.rated": { ticket: TicketRow; scores: { attitude: number; speed: number; policy: number; expertise: number }; hasLowScore: boolean; actor: Actor; now: Date };
};

export const ticketHooks = createEventBus<TicketEvents>();
