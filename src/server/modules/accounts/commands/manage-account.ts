import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { assertPasswordAllowed, hashPassword } from "../../../platform/auth/password.ts";
import { revokeSessionsOf } from "../../../platform/auth/session.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { accounts } from "../accounts.tables.ts";
import { accountPolicy, canCreateAccountIn } from "../accounts.policy.ts";
import type { CreateAccountInput, UpdateAccountInput } from "../accounts.types.ts";

/** Creates a staff account bound to a region of the actor's scope. */
export async function createAccount(tx: Tx, actor: Actor, input: CreateAccountInput, now: Date): Promise<string> {
  const region = await resolveRegion(tx, input.regionCode);
  if (actor.kind !== "system" && !canCreateAccountIn(actor, region.path)) {
    throw new AppError("FORBIDDEN", "You may not create accounts in this region");
  }
  assertPasswordAllowed(input.password, input.username);
  const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = lower(${input.username})`).limit(1);
  if (taken) throw new AppError("CONFLICT", `The username ${input.username} is taken`, { field: "username" });
  const [created] = await tx
    .insert(accounts)
    .values({
      username: input.username,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
      regionCode: region.code,
      regionPath: region.path,
      ...(input.skills ? { skills: input.skills } : {}),
      ...(input.languages ? { languages: input.languages } : {}),
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: accounts.id });
  await recordAudit(tx, { actor, action: "account.create", entityType: "account", entityId: created.id, at: now, regionPath: region.path, detail: { username: input.username, roles: input.roles, regionCode: region.code } });
  return created.id;
}

async function lockAccount(tx: Tx, id: string) {
  const [row] = await tx
    .select()
    .from(accounts)
    .where(eq(accounts.id, id))
    .for("update")
    .limit(1);
  if (!row) throw notFound("Account");
  return { account: row, regionPath: row.regionPath };
}

/** Changes display name, roles, region or the disabled flag. Disabling ends the account's sessions. */
export async function updateAccount(tx: Tx, actor: Actor, id: string, input: UpdateAccountInput, now: Date): Promise<void> {
  const current = await lockAccount(tx, id);
  const record = { id, regionPath: current.regionPath };
  accountPolicy.authorize(actor, "update", record);
  if (input.isDisabled !== undefined && input.isDisabled !== current.account.isDisabled) accountPolicy.authorize(actor, "disable", record);
  let regionPath = current.regionPath;
  if (input.regionCode && input.regionCode !== current.account.regionCode) {
    const region = await resolveRegion(tx, input.regionCode);
    if (!canCreateAccountIn(actor, region.path)) throw new AppError("FORBIDDEN", "You may not move accounts to this region");
    regionPath = region.path;
  }
  await tx
    .update(accounts)
    .set({
      ...(input.displayName ? { displayName: input.displayName.trim() } : {}),
      ...(input.roles ? { roles: input.roles } : {}),
      ...(input.regionCode ? { regionCode: input.regionCode, regionPath } : {}),
      ...(input.isDisabled !== undefined ? { isDisabled: input.isDisabled } : {}),
      ...(input.skills ? { skills: input.skills } : {}),
      ...(input.languages ? { languages: input.languages } : {}),
      updatedAt: now,
    })
    .where(eq(accounts.id, id));
  if (input.isDisabled) await revokeSessionsOf(tx, "staff", id, now);
  const action = input.isDisabled === true ? "account.disable" : input.isDisabled === false ? "account.enable" : "account.update";
  await recordAudit(tx, { actor, action, entityType: "account", entityId: id, at: now, regionPath, detail: { ...input } });
}

/** Sets a new password (admin), unlocks the account and ends its sessions. */
export async function resetPassword(tx: Tx, actor: Actor, id: string, password: string, now: Date): Promise<void> {
  const current = await lockAccount(tx, id);
  accountPolicy.authorize(actor, "resetPassword", { id, regionPath: current.regionPath });
  assertPasswordAllowed(password, current.account.username);
  await tx
    .update(accounts)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null, updatedAt: now })
    .where(eq(accounts.id, id));
  await revokeSessionsOf(tx, "staff", id, now);
  await recordAudit(tx, { actor, action: "account.reset_password", entityType: "account", entityId: id, at: now, regionPath: current.regionPath });
}

/**
 * Creates several accounts that share one password hash (the demo data: hashing
 * once keeps the first start fast). For seeding by the system, not for people.
 */
export async function createAccountsWithHash(
  tx: Tx,
  actor: Actor,
  rows: { username: string; displayName: string; roles: CreateAccountInput["roles"]; regionCode: string; skills?: string[]; languages?: string[] }[],
  passwordHash: string,
  now: Date,
): Promise<Map<string, string>> {
  if (actor.kind !== "system") throw new AppError("FORBIDDEN", "Only the system seeds accounts");
  const values = [];
  for (const row of rows) {
    const region = await resolveRegion(tx, row.regionCode);
    values.push({ ...row, regionPath: region.path, passwordHash, passwordChangedAt: now, createdAt: now, updatedAt: now });
  }
  const created = await tx.insert(accounts).values(values).returning({ id: accounts.id, username: accounts.username });
  return new Map(created.map((a) => [a.username, a.id]));
}

/** Records the outcome of sign-in attempts on the account: locked until when (null: unlocked). */
export async function setSignInState(tx: Tx, id: string, state: { lockedUntil: Date | null }): Promise<void> {
  await tx.update(accounts).set({ lockedUntil: state.lockedUntil, failedLoginCount: 0 }).where(eq(accounts.id, id));
}
