import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";

/** Routes of the upstream module (filled in as the module grows). */
export const upstreamRoutes: FastifyPluginAsyncTypebox = async () => {};
