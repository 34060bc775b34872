import JSZip from "jszip";
import type { RenderedDocument } from "./template-render.ts";
import { stampLine, verifyLine, type DocumentStamp } from "./document-stamp.ts";

/**
 * The document as a minimal Office Open XML word processing file (ECMA-376):
 * the content types, the package relationship, the document, its footer (the
 * stamp on every page) and core properties. Every value is XML-escaped; no
 * template text is ever read as markup.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
export const escapeXml = (text: string) =>
  text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const FONT = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体"/>';

/** One paragraph; line breaks inside a value become <w:br/>. Sizes in half-points. */
function paragraph(text: string, options: { align?: "center" | "right"; size: number; isBold?: boolean; spacingAfter?: number }): string {
  const runs = text
    .split("\n")
    .map((line, i) => `<w:r><w:rPr>${FONT}${options.isBold ? "<w:b/>" : ""}<w:sz w:val="${options.size}"/><w:szCs w:val="${options.size}"/></w:rPr>${i > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join("");
  const jc = options.align ? `<w:jc w:val="${options.align}"/>` : "";
  return `<w:p><w:pPr><w:spacing w:after="${options.spacingAfter ?? 120}" w:line="360" w:lineRule="auto"/>${jc}</w:pPr>${runs}</w:p>`;
}

export async function renderDocx(document: RenderedDocument, stamp: DocumentStamp, now: Date): Promise<Buffer> {
  const body = [
    paragraph(document.title, { align: "center", size: 40, isBold: true, spacingAfter: 360 }),
    ...document.blocks.map((block, i) =>
      block.style === "heading"
        ? paragraph(block.text, { size: 27, isBold: true })
        : // Room to sign above the first line of a signature block.
          (block.style === "right" && document.blocks[i - 1]?.style !== "right" ? paragraph("", { size: 24 }) : "") +
          paragraph(block.text, { size: 24, align: block.style === "right" ? "right" : undefined }),
    ),
  ].join("");
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${body}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1474" w:bottom="1588" w:left="1474" w:header="851" w:footer="794" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const footerXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr ${W}>${paragraph(stampLine(stamp), { align: "center", size: 17, spacingAfter: 0 })}${paragraph(verifyLine(stamp), { align: "center", size: 17, spacingAfter: 0 })}</w:ftr>`;
  const zip = new JSZip();
  const date = new Date(now.getTime());
  const add = (path: string, text: string) => zip.file(path, text, { date });
  add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  );
  add(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  );
  add("word/document.xml", documentXml);
  add("word/footer1.xml", footerXml);
  add(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`,
  );
  add(
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(document.title)}</dc:title><dc:creator>${escapeXml(stamp.issuingUnit)}</dc:creator><dc:subject>${escapeXml(`${stamp.ticketNo} ${stamp.code}`)}</dc:subject><dcterms:created xsi:type="dcterms:W3CDTF">${now.toISOString().replace(/\.\d+Z$/, "Z")}</dcterms:created></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
}
