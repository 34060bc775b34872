import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { systemActor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { createTicket } from "../../tickets/commands/create-ticket.ts";
import { getTicketRow } from "../../tickets/queries/get-ticket.ts";
import type { UpstreamCaller } from "../queries/authenticate-upstream.ts";
import type { UpstreamTicketInput } from "../upstream.types.ts";

/**
 * A ticket sent down by a platform above (channel `upstream`). The sender's
 * `externalRef` is the idempotency key, so a retried send returns the ticket made
 * the first time. The matter must lie in the client's region.
 */
export async function receiveUpstreamTicket(
  tx: Tx,
  caller: UpstreamCaller,
  input: UpstreamTicketInput,
  now: Date,
  deps: { protector: Protector },
): Promise<{ id: string; number: string; status: string; isNew: boolean }> {
  const { externalRef, ...ticket } = input;
  const region = await resolveRegion(tx, ticket.regionCode);
  if (!region.path.startsWith(caller.regionPath)) {
    throw new AppError("FORBIDDEN", `This client sends tickets for region ${caller.regionCode} and under it only`, { field: "regionCode" });
  }
  const { id, isNew } = await createTicket(tx, systemActor(`upstream:${caller.name}`), { ...ticket, channel: "upstream" }, now, {
    protector: deps.protector,
    idempotencyKey: externalRef,
    upstream: { clientId: caller.id, ref: externalRef },
  }).catch((error: unknown) => {
    // The sender's externalRef is its idempotency key: a different request under the same ref is refused by that name.
    if (error instanceof AppError && error.code === "IDEMPOTENCY_KEY_REUSED") {
      throw new AppError("IDEMPOTENCY_KEY_REUSED", `externalRef ${externalRef} was already sent with a different request`, { field: "externalRef" });
    }
    throw error;
  });
  const row = (await getTicketRow(tx, id))!;
  return { id, number: row.number, status: row.status, isNew };
}
