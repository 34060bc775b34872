import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError } from "../../platform/errors.ts";
import { canReadOutbox } from "./notifications.policy.ts";
import { NotificationListQuerySchema, NotificationSchema } from "./notifications.types.ts";
import { findNotifications } from "./queries/find-notifications.ts";

/** The outbox read model: what was (or will be) sent to citizens, in the dev channel's inbox. */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, protector } = app.ctx;

  app.get("/api/notifications", {
    config: { access: "staff" },
    schema: {
      tags: ["notifications"],
      summary: "The outbox (the dev channel's inbox): rendered texts, delivery state, masked recipients (admins)",
      querystring: NotificationListQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(NotificationSchema), total: Type.Integer() }) },
    },
    handler: async (request) => {
      if (!canReadOutbox(request.actor!)) throw new AppError("FORBIDDEN", "Only admins may read the notification outbox");
      return findNotifications(database.db, request.actor!, protector, request.query);
    },
  });
};
