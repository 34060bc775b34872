import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { AppError } from "../../platform/errors.ts";
import type { RenderedDocument } from "./template-render.ts";
import { pdfFootLines, type DocumentStamp } from "./document-stamp.ts";

/**
 * Where the Chinese font for PDFs may be: Debian/Ubuntu's fonts-wqy-microhei
 * first, then Fedora's and Alpine's places, then a user's fonts. The font is
 * embedded (subset) in every PDF, so a reader needs no Chinese font of its own.
 */
export const FONT_CANDIDATES = [
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
  "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
  "/usr/share/fonts/wqy-microhei.ttc",
  "/usr/local/share/fonts/wqy-microhei.ttc",
  join(homedir(), ".local/share/fonts/wqy-microhei.ttc"),
  join(homedir(), ".fonts/wqy-microhei.ttc"),
];
/** The face of the collection (wqy-microhei.ttc holds the proportional and the Mono face). */
const WQY_FACE = "WenQuanYiMicroHei";

export type DocumentFont = { path: string; face: string | undefined };

/**
 * The font to use: SANTAI_DOCUMENT_FONT when set (a .ttf/.otf, or a .ttc with
 * `#PostScriptName` after the path; a .ttc without one uses WenQuanYiMicroHei),
 * else the first candidate that exists. null when there is none.
 */
export function findDocumentFont(configured: string | null, candidates: readonly string[] = FONT_CANDIDATES): DocumentFont | null {
  if (configured) {
    const [path, face] = configured.split("#");
    if (!existsSync(path)) return null;
    return { path, face: face || (path.toLowerCase().endsWith(".ttc") ? WQY_FACE : undefined) };
  }
  const path = candidates.find((candidate) => existsSync(candidate));
  return path ? { path, face: WQY_FACE } : null;
}

/** 503 with what to do: the PDF needs a Chinese font and this server has none (DOCX does not need one). */
export function fontMissing(configured: string | null): AppError {
  const looked = configured ? `SANTAI_DOCUMENT_FONT=${configured} (no such file)` : FONT_CANDIDATES.join(", ");
  return new AppError(
    "DOCUMENT_FONT_MISSING",
    `PDF documents need a Chinese font and none was found (looked at ${looked}). Install the fonts-wqy-microhei package, or set SANTAI_DOCUMENT_FONT to a .ttf/.ttc file; DOCX documents can be generated meanwhile.`,
    { field: "format" },
  );
}

const fontBytes = new Map<string, Buffer>();
const bytesOf = (path: string) => {
  let bytes = fontBytes.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    fontBytes.set(path, bytes);
  }
  return bytes;
};

const MM = 72 / 25.4;

/** The document as an A4 PDF with the font embedded, the stamp at the foot of every page. */
export async function renderPdf(document: RenderedDocument, stamp: DocumentStamp, font: DocumentFont, now: Date): Promise<Buffer> {
  const margins = { top: 25 * MM, bottom: 28 * MM, left: 26 * MM, right: 26 * MM };
  const pdf = new PDFDocument({
    size: "A4",
    margins,
    bufferPages: true,
    info: { Title: document.title, Author: stamp.issuingUnit, Subject: `${stamp.ticketNo} ${stamp.code}`, Creator: "Santai", CreationDate: now },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on("end", resolve);
    pdf.on("error", reject);
  });
  pdf.registerFont("body", bytesOf(font.path), font.face);
  pdf.font("body");
  pdf.fontSize(20).text(document.title, { align: "center" });
  pdf.moveDown(1);
  let previous: string | null = null;
  for (const block of document.blocks) {
    // Room to sign above the first line of a signature block.
    if (block.style === "right" && previous !== "right") pdf.moveDown(1.2);
    previous = block.style;
    if (block.style === "heading") {
      pdf.moveDown(0.4).fontSize(13.5).text(block.text, { lineGap: 4 }).moveDown(0.2);
    } else {
      pdf.fontSize(12).text(block.text, { align: block.style === "right" ? "right" : "left", lineGap: 6 });
    }
  }
  const range = pdf.bufferedPageRange();
  const qr = QRCode.create(stamp.verifyUrl, { errorCorrectionLevel: "M" });
  const qrSize = 20 * MM;
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift the margin while stamping.
    pdf.page.margins.bottom = 0;
    // The QR code of the verify address at the right of the foot; the stamp's lines beside it.
    const qrX = pdf.page.width - margins.right - qrSize;
    const qrY = pdf.page.height - 5 * MM - qrSize;
    drawQrCode(pdf, qr.modules, qrX, qrY, qrSize);
    const width = pdf.page.width - margins.left - margins.right - qrSize - 3 * MM;
    const lines = pdfFootLines(stamp, i - range.start + 1, range.count);
    pdf.fontSize(8).fillColor("#444444");
    lines.forEach((line, n) => pdf.text(line, margins.left, pdf.page.height - 25 * MM + n * 10, { width, lineBreak: false }));
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * A QR code as vector squares (one rectangle per run of dark modules in a row),
 * with the quiet zone of four modules the standard asks for inside `size`.
 */
function drawQrCode(pdf: PDFKit.PDFDocument, modules: { size: number; get(row: number, column: number): number | boolean }, x: number, y: number, size: number): void {
  const quiet = 4;
  const cell = size / (modules.size + 2 * quiet);
  pdf.save().fillColor("#000000");
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let column = 0; column <= modules.size; column++) {
      const isDark = column < modules.size && Boolean(modules.get(row, column));
      if (isDark && start < 0) start = column;
      if (!isDark && start >= 0) {
        pdf.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (column - start) * cell, cell);
        start = -1;
      }
    }
  }
  pdf.fill().restore();
}
