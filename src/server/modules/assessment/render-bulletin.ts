import PDFDocument from "pdfkit";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { escapeXml } from "../documents/docx-document.ts";
import type { DocumentFont } from "../documents/pdf-document.ts";
import type { BulletinContent } from "./assessment.types.ts";
import { bulletinBlocks } from "./draft-bulletin.ts";

export type RenderableBulletin = { title: string; regionName: string; periodLabel: string; content: BulletinContent; publishedAt: Date | null; stateLabel: string };

const MM = 72 / 25.4;
const fontBytes = new Map<string, Buffer>();

/** The bulletin as an A4 PDF, the Chinese font embedded (documents/pdf-document.ts finds it). */
export async function renderBulletinPdf(b: RenderableBulletin, font: DocumentFont, now: Date): Promise<Buffer> {
  const pdf = new PDFDocument({ size: "A4", margins: { top: 25 * MM, bottom: 25 * MM, left: 26 * MM, right: 26 * MM }, info: { Title: b.title, Creator: "Santai", CreationDate: now } });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on("end", resolve);
    pdf.on("error", reject);
  });
  let bytes = fontBytes.get(font.path);
  if (!bytes) fontBytes.set(font.path, (bytes = readFileSync(font.path)));
  pdf.registerFont("body", bytes, font.face);
  pdf.font("body");
  pdf.fontSize(18).text(b.title, { align: "center" });
  pdf.fontSize(11).fillColor("#555555").text(`${b.regionName} · ${b.periodLabel} · ${b.stateLabel}`, { align: "center" }).fillColor("#000000");
  pdf.moveDown(1);
  for (const block of bulletinBlocks(b)) {
    if (block.style === "heading") pdf.moveDown(0.4).fontSize(13.5).text(block.text, { lineGap: 4 }).moveDown(0.2);
    else pdf.fontSize(12).text(block.text, { lineGap: 6, indent: block.style === "row" ? 24 : 0 });
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const FONT = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体"/>';
const paragraph = (text: string, o: { size: number; isBold?: boolean; align?: "center"; indent?: number }) =>
  `<w:p><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/>${o.indent ? `<w:ind w:left="${o.indent}"/>` : ""}${o.align ? `<w:jc w:val="${o.align}"/>` : ""}</w:pPr><w:r><w:rPr>${FONT}${o.isBold ? "<w:b/>" : ""}<w:sz w:val="${o.size}"/><w:szCs w:val="${o.size}"/></w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

/**
 * The bulletin as a minimal Office Open XML word processing file, built like the
 * documents module's DOCX (jszip, every value XML-escaped); no extra dependency.
 */
export async function renderBulletinDocx(b: RenderableBulletin, now: Date): Promise<Buffer> {
  const body = [
    paragraph(b.title, { size: 36, isBold: true, align: "center" }),
    paragraph(`${b.regionName} · ${b.periodLabel} · ${b.stateLabel}`, { size: 21, align: "center" }),
    ...bulletinBlocks(b).map((block) =>
      block.style === "heading" ? paragraph(block.text, { size: 27, isBold: true }) : paragraph(block.text, { size: 24, indent: block.style === "row" ? 480 : 0 }),
    ),
  ].join("");
  const zip = new JSZip();
  const date = new Date(now.getTime());
  const add = (path: string, text: string) => zip.file(path, text, { date });
  add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  );
  add(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  );
  add(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1474" w:bottom="1418" w:left="1474" w:header="851" w:footer="794" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  );
  add(
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(b.title)}</dc:title><dc:creator>Santai</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now.toISOString().replace(/\.\d{3}Z$/, "Z")}</dcterms:created></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
