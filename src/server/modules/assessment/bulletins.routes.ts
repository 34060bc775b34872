import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Actor } from "../../policies/actor.ts";
import { getRegion } from "../regions/queries/find-regions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findDocumentFont, fontMissing } from "../documents/pdf-document.ts";
import {
  BulletinActionSchema,
  BulletinListQuerySchema,
  BulletinSchema,
  EditBulletinSchema,
  GenerateBulletinSchema,
  PublicBulletinQuerySchema,
  PublicBulletinSchema,
} from "./assessment.types.ts";
import { bulletinPolicy } from "./assessment.policy.ts";
import { loadRegion, periodOf, requireAssessmentRole } from "./assessment.routes.ts";
import { editBulletin, generateBulletin, transitionBulletinRecord } from "./commands/bulletin-commands.ts";
import { findBulletins, findPublishedBulletins, getBulletinRow, presentBulletins, type BulletinRow } from "./queries/find-bulletins.ts";
import { renderBulletinDocx, renderBulletinPdf, type RenderableBulletin } from "./render-bulletin.ts";
import { parsePeriod } from "./period.ts";
import type { Tx } from "../../platform/db/index.ts";

const staff = { access: "staff" } as const;
const open = { access: "public" } as const;
const tags = ["assessment"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const STATE_LABELS = { draft: "草稿", reviewed: "已审核", published: "已发布" } as const;

/** 通报: generated from the rankings, edited, reviewed, published; PDF and DOCX; published ones on the portal. */
export const bulletinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, config } = app.ctx;

  const one = async (tx: Tx, actor: Actor, id: string) => {
    const row = await getBulletinRow(tx, id);
    if (!row) throw notFound("Bulletin");
    bulletinPolicy.authorize(actor, "read", row);
    return (await presentBulletins(tx, actor, [row]))[0];
  };

  const renderable = async (tx: Tx, row: BulletinRow): Promise<RenderableBulletin> => {
    const region = await getRegion(tx, row.regionCode);
    return { title: row.title, regionName: region?.name ?? row.regionCode, periodLabel: parsePeriod(row.period)?.label ?? row.period, content: row.content, publishedAt: row.publishedAt, stateLabel: STATE_LABELS[row.state] };
  };

  const sendFile = (reply: FastifyReply, row: BulletinRow, bytes: Buffer, ext: "pdf" | "docx") =>
    reply
      .header("content-type", ext === "pdf" ? "application/pdf" : DOCX_TYPE)
      .header("content-disposition", `attachment; filename="bulletin-${row.period}.${ext}"; filename*=UTF-8''${encodeURIComponent(row.title)}.${ext}`)
      .send(bytes);

  const pdfOf = async (row: BulletinRow) => {
    const font = findDocumentFont(config.documentFont);
    if (!font) throw fontMissing(config.documentFont);
    return renderBulletinPdf(await renderable(database.db, row), font, clock.now());
  };

  app.post("/api/assessment/bulletins", {
    config: staff,
    schema: { tags, summary: "Generate a bulletin (draft) for a region and period from its rankings", body: GenerateBulletinSchema, response: { 201: BulletinSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const period = periodOf(request.body.period);
      const view = await database.db.transaction(async (tx) => {
        const region = await loadRegion(tx, actor, request.body.regionCode, "manage");
        return one(tx, actor, await generateBulletin(tx, actor, region, period, clock.now()));
      });
      return reply.status(201).send(view);
    },
  });

  app.get("/api/assessment/bulletins", {
    config: staff,
    schema: { tags, summary: "Bulletins in your scope, newest first", querystring: BulletinListQuerySchema, response: { 200: Type.Object({ items: Type.Array(BulletinSchema) }) } },
    handler: async (request) => {
      const actor = request.actor!;
      requireAssessmentRole(actor);
      const region = request.query.regionCode ? await loadRegion(database.db, actor, request.query.regionCode, "read") : null;
      return { items: await findBulletins(database.db, actor, { regionPath: region?.path, state: request.query.state, limit: request.query.limit }) };
    },
  });

  app.get("/api/assessment/bulletins/:id", {
    config: staff,
    schema: { tags, summary: "One bulletin with what you may do with it", params: IdParams, response: { 200: BulletinSchema } },
    handler: async (request) => {
      requireAssessmentRole(request.actor!);
      return one(database.db, request.actor!, request.params.id);
    },
  });

  app.patch("/api/assessment/bulletins/:id", {
    config: staff,
    schema: { tags, summary: "Edit a draft's text", params: IdParams, body: EditBulletinSchema, response: { 200: BulletinSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      requireAssessmentRole(actor);
      return database.db.transaction(async (tx) => {
        await editBulletin(tx, actor, request.params.id, request.body, clock.now());
        return one(tx, actor, request.params.id);
      });
    },
  });

  app.post("/api/assessment/bulletins/:id/actions", {
    config: staff,
    schema: { tags, summary: "review (draft → reviewed), return (reviewed → draft) or publish (reviewed → published; leaders and admins); 409 from any other state", params: IdParams, body: BulletinActionSchema, response: { 200: BulletinSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      requireAssessmentRole(actor);
      return database.db.transaction(async (tx) => {
        await transitionBulletinRecord(tx, actor, request.params.id, request.body.action, clock.now());
        return one(tx, actor, request.params.id);
      });
    },
  });

  for (const ext of ["pdf", "docx"] as const) {
    app.get(`/api/assessment/bulletins/:id/${ext}`, {
      config: staff,
      schema: { tags, summary: `The bulletin as ${ext.toUpperCase()} (any state, for review)`, params: IdParams, produces: [ext === "pdf" ? "application/pdf" : DOCX_TYPE] },
      handler: async (request, reply) => {
        const actor = request.actor!;
        requireAssessmentRole(actor);
        const row = await getBulletinRow(database.db, request.params.id);
        if (!row) throw notFound("Bulletin");
        bulletinPolicy.authorize(actor, "read", row);
        const bytes = ext === "pdf" ? await pdfOf(row) : await renderBulletinDocx(await renderable(database.db, row), clock.now());
        const auditAction = ext === "pdf" ? "assessment.bulletin.download_pdf" : "assessment.bulletin.download_docx";
        await recordAudit(database.db, { actor, action: auditAction, entityType: "assessment_bulletin", entityId: row.id, at: clock.now(), regionPath: row.regionPath });
        return sendFile(reply, row, bytes, ext);
      },
    });
  }

  app.get("/api/public/bulletins", {
    config: open,
    schema: { tags, summary: "Published bulletins of a region and the regions above it (the portal)", querystring: PublicBulletinQuerySchema, response: { 200: Type.Object({ items: Type.Array(PublicBulletinSchema) }) } },
    handler: async (request) => {
      const region = await getRegion(database.db, request.query.regionCode);
      if (!region) throw new AppError("UNKNOWN_REGION", `No region ${request.query.regionCode}`, { field: "regionCode" });
      const rows = await findPublishedBulletins(database.db, region.path);
      const items = await Promise.all(rows.map(async (row) => ({ row, r: await renderable(database.db, row) })));
      return {
        items: items.map(({ row, r }) => ({
          id: row.id,
          region: { code: row.regionCode, name: r.regionName },
          period: row.period,
          periodLabel: r.periodLabel,
          title: row.title,
          publishedAt: row.publishedAt!.toISOString(),
          content: row.content,
          pdfUrl: `/api/public/bulletins/${row.id}/pdf`,
        })),
      };
    },
  });

  app.get("/api/public/bulletins/:id/pdf", {
    config: open,
    schema: { tags, summary: "A published bulletin as PDF", params: IdParams, produces: ["application/pdf"] },
    handler: async (request, reply) => {
      const row = await getBulletinRow(database.db, request.params.id);
      // A draft is not there for the public.
      if (!row || row.state !== "published") throw notFound("Bulletin");
      return sendFile(reply, row, await pdfOf(row), "pdf");
    },
  });
};
