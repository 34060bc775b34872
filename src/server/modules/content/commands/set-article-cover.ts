import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { AttachmentStore } from "../../attachments/attachment-store.ts";
import { sniffMediaType } from "../../attachments/media-type.ts";
import { articles } from "../content.tables.ts";
import { articlePolicy } from "../content.policy.ts";
import { lockArticle } from "./update-article.ts";

/** A cover is a picture: JPEG or PNG, by its bytes. */
export const COVER_MEDIA_TYPES = ["image/jpeg", "image/png"] as const;
/** 5 MiB: a photo, not a poster print. */
export const MAX_COVER_BYTES = 5 * 1024 * 1024;

/**
 * Sets (bytes) or removes (null) an article's cover image. The bytes go to the
 * attachment store (`<article id>/<uuid>`), their type sniffed from the bytes as
 * for ticket attachments, images only. The old file is deleted after the row
 * changes; a new file is removed again if the transaction fails here.
 */
export async function setArticleCover(
  tx: Tx,
  actor: Actor,
  id: string,
  cover: { bytes: Buffer; declaredType: string } | null,
  now: Date,
  deps: { store: AttachmentStore },
): Promise<{ removedKey: string | null }> {
  const row = await lockArticle(tx, id);
  articlePolicy.authorize(actor, "update", row);
  if (!cover) {
    if (!row.coverKey) return { removedKey: null };
    await tx.update(articles).set({ coverKey: null, coverMediaType: null, coverSize: null, coverSha256: null, updatedAt: now }).where(eq(articles.id, id));
    await recordAudit(tx, { actor, action: "article.cover_remove", entityType: "article", entityId: id, at: now, regionPath: row.regionPath, detail: {} });
    return { removedKey: row.coverKey };
  }
  if (cover.bytes.length === 0) throw new AppError("VALIDATION_FAILED", "The file is empty", { field: "body" });
  const mediaType = sniffMediaType(cover.bytes);
  if (mediaType !== "image/jpeg" && mediaType !== "image/png") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `The cover (sent as ${cover.declaredType}) is not a JPEG or PNG picture: its content does not match`, {
      field: "body",
      extra: { declaredType: cover.declaredType, accepted: COVER_MEDIA_TYPES },
    });
  }
  const key = `${row.id}/${randomUUID()}`;
  const sha256 = createHash("sha256").update(cover.bytes).digest("hex");
  await deps.store.put(key, cover.bytes);
  try {
    await tx.update(articles).set({ coverKey: key, coverMediaType: mediaType, coverSize: cover.bytes.length, coverSha256: sha256, updatedAt: now }).where(eq(articles.id, id));
    await recordAudit(tx, { actor, action: "article.cover_set", entityType: "article", entityId: id, at: now, regionPath: row.regionPath, detail: { mediaType, size: cover.bytes.length, sha256 } });
  } catch (error) {
    await deps.store.delete(key).catch(() => undefined);
    throw error;
  }
  return { removedKey: row.coverKey };
}
