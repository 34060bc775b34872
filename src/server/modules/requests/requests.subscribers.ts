import { ticketHooks } from "../tickets/tickets.events.ts";
import { enqueueNotification } from "../notifications/commands/enqueue-notification.ts";

/**
 * A request made on the portal invites its applicant to rate it when it is
 * resolved (the `rating_invitation` template): they rate online, under 我的申请,
 * or by number, phone and code. Requests from other channels are rated on the
 * follow-up call.
 */
export function subscribeRequests(): void {
  ticketHooks.subscribe("ticket.acted", "requests.rating_invitation", async (tx, { before, to, now, protector }) => {
    if (to !== "resolved" || before.channel !== "portal" || !before.applicantPhoneEnc) return;
    const phone = protector.tryDecrypt(before.applicantPhoneEnc);
    if (!phone) return;
    await enqueueNotification(tx, protector, { ticketId: before.id, regionPath: before.regionPath, phone, template: "rating_invitation", payload: { number: before.number }, now });
  });
}
