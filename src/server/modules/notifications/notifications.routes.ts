import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError } from "../../platform/errors.ts";
import { canReadOutbox } from "./notifications.policy.ts";
import { NotificationListQuerySchema, NotificationSchema } from "./notifications.types.ts";
import { findNotifications } from "./queries/find-notifications.ts";

/** The outbox read model: what was (or will be) sent to citizens, in the dev channel's inbox. */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, protector, clock, config } = app.ctx;

  app.get("/api/notifications", {
    config: { access: "staff" },
    schema: {
      tags: ["notifications"],
      summary: "The outbox (the dev channel's inbox): rendered texts, delivery state, masked recipients (admins)",
      description: "A portal one-time code shows in the text only while it is valid and only for messages kept in the development channel (no SMS gateway); otherwise as ******.",
      querystring: NotificationListQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(NotificationSchema), total: Type.Integer() }) },
    },
    handler: async (request) => {
      if (!canReadOutbox(request.actor!)) throw new AppError("FORBIDDEN", "Only admins may read the notification outbox");
      // One-time codes show in clear only in the development channel (see CodeReveal).
      return findNotifications(database.db, request.actor!, protector, request.query, { now: clock.now(), isDevelopmentChannel: !config.smsGateway });
    },
  });
};
