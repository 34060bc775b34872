/** What may be attached: scans and photos of materials, and PDFs. */
export const ATTACHMENT_MEDIA_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** Word documents (DOCX), which the server generates (documents module) but no one uploads. */
export const DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** What a server-generated file may be. */
export const GENERATED_MEDIA_TYPES = ["application/pdf", DOCX_MEDIA_TYPE] as const;
export type GeneratedMediaType = (typeof GENERATED_MEDIA_TYPES)[number];

/** Content types the upload route reads as raw bytes; octet-stream lets a client that does not know the type send it. */
export const UPLOAD_CONTENT_TYPES = [...ATTACHMENT_MEDIA_TYPES, "application/octet-stream"] as const;

/** 10 MiB: a phone photo or a scanned contract, not a video. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * The file's real type from its first bytes, never from what the client
 * declared (a renamed executable stays refused): JPEG FF D8 FF, PNG 89 50 4E 47
 * 0D 0A 1A 0A, PDF "%PDF-". null for anything else.
 */
export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  return null;
}

/**
 * The name as shown and offered on download: the last path segment, trimmed, no
 * control characters. null when nothing usable is left.
 */
export function cleanFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop()!.trim();
  // eslint-disable-next-line no-control-regex
  if (base === "" || base === "." || base === ".." || /[\u0000-\u001f\u007f]/.test(base)) return null;
  return base.slice(0, 200);
}
