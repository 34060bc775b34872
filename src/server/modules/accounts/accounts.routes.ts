import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import { accountPolicy } from "./accounts.policy.ts";
import { AccountListQuerySchema, AccountSchema, CreateAccountSchema, ResetPasswordSchema, UpdateAccountSchema } from "./accounts.types.ts";
import { findAccounts, getAccount, presentAccount } from "./queries/find-accounts.ts";
import { createAccount, resetPassword, updateAccount } from "./commands/manage-account.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

async function loadAccountView(tx: Tx, actor: Actor, id: string) {
  const row = await getAccount(tx, id);
  if (!row) throw notFound("Account");
  accountPolicy.authorize(actor, "read", { id, regionPath: row.regionPath });
  return presentAccount(actor, row);
}

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/accounts", {
    config: staff,
    schema: { tags: ["accounts"], summary: "Staff accounts of your scope (admin, leader)", querystring: AccountListQuerySchema, response: { 200: Type.Object({ items: Type.Array(AccountSchema), total: Type.Integer() }) } },
    handler: async (request) => findAccounts(database.db, request.actor!, request.query),
  });

  app.get("/api/accounts/:id", {
    config: staff,
    schema: { tags: ["accounts"], summary: "One account", params: IdParams, response: { 200: AccountSchema } },
    handler: async (request) => loadAccountView(database.db, request.actor!, request.params.id),
  });

  app.post("/api/accounts", {
    config: staff,
    schema: { tags: ["accounts"], summary: "Create a staff account (admin)", body: CreateAccountSchema, response: { 201: AccountSchema } },
    handler: async (request, reply) => {
      const view = await database.db.transaction(async (tx) => {
        const id = await createAccount(tx, request.actor!, request.body, clock.now());
        return loadAccountView(tx, request.actor!, id);
      });
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/accounts/:id", {
    config: staff,
    schema: { tags: ["accounts"], summary: "Change roles, region, name, or disable (admin)", params: IdParams, body: UpdateAccountSchema, response: { 200: AccountSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await updateAccount(tx, request.actor!, request.params.id, request.body, clock.now());
        return loadAccountView(tx, request.actor!, request.params.id);
      }),
  });

  app.post("/api/accounts/:id/reset-password", {
    config: staff,
    schema: { tags: ["accounts"], summary: "Set a new password (admin); unlocks and signs the account out", params: IdParams, body: ResetPasswordSchema, response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      await database.db.transaction((tx) => resetPassword(tx, request.actor!, request.params.id, request.body.password, clock.now()));
      return reply.status(204).send(null);
    },
  });
};
