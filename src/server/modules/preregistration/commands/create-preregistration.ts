import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { createTicket, requestFingerprint } from "../../tickets/commands/create-ticket.ts";
import type { CreateTicketInput } from "../../tickets/tickets.types.ts";
import { preregistrations, type MaterialState } from "../preregistration.tables.ts";
import { canPreregisterIn } from "../preregistration.policy.ts";
import { routePreregistration } from "../queries/route-preregistration.ts";
import { checklistKeys, type Answers, type PreregistrationService } from "../preregistration-matters.ts";

export type PreregistrationRequest = {
  service: PreregistrationService;
  matter: string;
  regionCode: string;
  answers: Answers;
  providerId?: string;
  materialsChecked?: string[];
  description?: string;
  channel: "portal" | "window";
  applicant: CreateTicketInput["applicant"];
};

const CATEGORY: Record<string, CreateTicketInput["category"]> = { labour: "劳动争议", commercial: "合同" };

/**
 * A guided pre-registration taken in: the matter's answers checked, the route
 * decided (a provider chosen among those offered, or the service centre), a
 * ticket of the service created by the ordinary intake (number, deadlines,
 * trail), and the pre-registration written beside it, 1:1. A retry with the same
 * Idempotency-Key returns the first one.
 */
export async function createPreregistration(
  tx: Tx,
  actor: Actor,
  input: PreregistrationRequest,
  now: Date,
  deps: { protector: Protector; idempotencyKey?: string },
): Promise<{ id: string; isNew: boolean }> {
  const route = await routePreregistration(tx, input.service, input.matter, input.regionCode, input.answers, now);
  if (!canPreregisterIn(actor, route.region.path)) throw new AppError("FORBIDDEN", "You may not take in pre-registrations for this region");
  const stop = route.findings.find((f) => f.level === "stop");
  if (stop) {
    const field = stop.code === "no_arbitration_agreement" ? "answers.hasArbitrationAgreement" : "answers";
    throw new AppError("VALIDATION_FAILED", `${stop.message}（${stop.lawTitle}${stop.articleNo}）`, { field });
  }
  let provider: { id: string; name: string; regionCode: string; regionPath: string } | null = null;
  if (input.providerId) {
    provider = route.providerRows.find((p) => p.id === input.providerId) ?? null;
    if (!provider) throw new AppError("VALIDATION_FAILED", "Choose one of the providers offered for this matter and region", { field: "providerId" });
  } else if (route.providerRows.length === 1) {
    provider = route.providerRows[0];
  } else if (route.providerRows.length > 1) {
    throw new AppError("VALIDATION_FAILED", `Choose one of the ${route.providerRows.length} providers offered`, { field: "providerId" });
  }
  const keys = checklistKeys(route.matter);
  const checked = new Set(input.materialsChecked ?? []);
  const unknown = (input.materialsChecked ?? []).findIndex((key) => !keys.has(key));
  if (unknown !== -1) throw new AppError("VALIDATION_FAILED", `${input.materialsChecked![unknown]} is not on the checklist of ${route.matter.code}`, { field: `materialsChecked[${unknown}]` });
  const materials: MaterialState[] = route.matter.checklist.map((item) => ({ ...item, isChecked: checked.has(item.key) }));

  const routeName = provider?.name ?? route.fallback!.name;
  const ticketInput: CreateTicketInput = {
    channel: input.channel,
    serviceType: input.service,
    category: CATEGORY[route.matter.code] ?? "其他",
    regionCode: route.region.code,
    applicant: input.applicant,
    description: [`预登记：${route.matter.name}`, `去向：${routeName}`, input.description?.trim()].filter(Boolean).join("\n"),
  };
  const ticket = await createTicket(tx, actor, ticketInput, now, {
    protector: deps.protector,
    idempotencyKey: deps.idempotencyKey,
    fingerprint: deps.idempotencyKey ? requestFingerprint(input) : undefined,
  });
  if (!ticket.isNew) {
    const [existing] = await tx.select({ id: preregistrations.id }).from(preregistrations).where(eq(preregistrations.ticketId, ticket.id)).limit(1);
    if (!existing) throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for another request", { field: "idempotency-key" });
    return { id: existing.id, isNew: false };
  }
  const [created] = await tx
    .insert(preregistrations)
    .values({
      ticketId: ticket.id,
      serviceType: input.service,
      matterCode: route.matter.code,
      answers: input.answers,
      findings: route.findings,
      regionCode: route.region.code,
      regionPath: route.region.path,
      providerId: provider?.id ?? null,
      providerName: routeName,
      routeRegionCode: provider?.regionCode ?? route.fallback!.region.code,
      routeRegionPath: provider?.regionPath ?? route.fallbackPath!,
      routeNote: provider ? "" : route.fallback!.note,
      materials,
      status: "submitted",
      materialsNeeded: [],
      declineReason: "",
      createdByKind: actor.kind,
      createdBy: actor.kind === "staff" || actor.kind === "citizen" ? actor.id : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: preregistrations.id });
  if (actor.kind === "staff") {
    await recordAudit(tx, {
      actor,
      action: "preregistration.create",
      entityType: "preregistration",
      entityId: created.id,
      at: now,
      regionPath: route.region.path,
      detail: { ticketId: ticket.id, service: input.service, matter: route.matter.code, providerId: provider?.id ?? null },
    });
  }
  return { id: created.id, isNew: true };
}
