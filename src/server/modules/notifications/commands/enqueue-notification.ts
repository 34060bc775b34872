import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { notifications } from "../notifications.tables.ts";

/** Message templates the citizen receives (texts live in notification-texts.ts). */
export type NotificationTemplate =
  | "ticket_received"
  | "ticket_accepted"
  | "ticket_rejected"
  | "ticket_assigned"
  | "ticket_suspended"
  | "ticket_resolved"
  | "rating_invitation"
  /** A portal one-time code (modules/citizens); payload `{ sealedCode, purpose, expiresAt }`, the code sealed by the protector. */
  | "one_time_code"
  /** Staff answered in the thread of a portal request (modules/requests). */
  | "ticket_message"
  /** To a supervisor, in-app (recipient: their account id): the 12348 line's roster has a gap ahead (modules/hotline). */
  | "roster_gap"
  /** To the township office and its mediators, in-app (recipient: their account id): a dispute early warning (modules/early-warning). */
  | "early_warning"
  | AppointmentTemplate;

/** 预约 (modules/appointments): confirmation, change, cancellation, the slot closed by the venue, the reminder of the day before. */
export type AppointmentTemplate = "appointment_booked" | "appointment_rescheduled" | "appointment_cancelled" | "appointment_slot_closed" | "appointment_reminder";

/**
 * Puts a message for the applicant in the outbox, in the ticket's transaction. A
 * sender delivers it after commit and retries; a failed send never undoes the change.
 * The recipient's number is stored encrypted.
 */
export async function enqueueNotification(
  tx: Tx,
  protector: Protector,
  input: { ticketId: string | null; regionPath: string | null; phone: string; template: NotificationTemplate; payload: Record<string, unknown>; now: Date; channel?: "sms" | "wechat" | "in_app" | "dev" },
): Promise<void> {
  await tx.insert(notifications).values({
    ticketId: input.ticketId,
    regionPath: input.regionPath,
    channel: input.channel ?? "sms",
    recipient: protector.encrypt(input.phone),
    template: input.template,
    payload: input.payload,
    state: "pending",
    attempts: 0,
    nextAttemptAt: input.now,
    createdAt: input.now,
  });
}
