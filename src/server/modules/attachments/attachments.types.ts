import { Type, type Static } from "@sinclair/typebox";

export const AttachmentSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  ticketId: Type.String({ format: "uuid" }),
  fileName: Type.String(),
  mediaType: Type.String({ description: "from the file's own bytes, not from what the uploader declared" }),
  size: Type.Integer({ description: "bytes" }),
  sha256: Type.String({ description: "hex SHA-256 of the bytes, to prove the file unchanged" }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});
export type AttachmentView = Static<typeof AttachmentSchema>;

export const UploadQuerySchema = Type.Object(
  { fileName: Type.String({ minLength: 1, maxLength: 200, description: "the name to show and to offer on download" }) },
  { additionalProperties: false },
);
