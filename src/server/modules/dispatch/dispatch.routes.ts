import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";

/** Routes of the dispatch module (filled in as the module grows). */
export const dispatchRoutes: FastifyPluginAsyncTypebox = async () => {};
