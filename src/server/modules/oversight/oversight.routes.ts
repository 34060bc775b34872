import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";

/** Routes of the oversight module (filled in as the module grows). */
export const oversightRoutes: FastifyPluginAsyncTypebox = async () => {};
