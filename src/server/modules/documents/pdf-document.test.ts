/**
 * The PDF's foot: the absolute verify address as text and as a QR code. The QR
 * code is drawn as vector rectangles, one per run of dark modules in a row: the
 * page's content stream must hold exactly the runs of the address's QR symbol.
 */
import { inflateSync } from "node:zlib";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { pdfText } from "../../../../test/helpers/pdf-text.ts";
import { findDocumentFont, renderPdf } from "./pdf-document.ts";
import { verificationUrl } from "./verification-code.ts";

const font = findDocumentFont(null);

/** Dark runs per row of the symbol: what drawQrCode turns into rectangles. */
function darkRuns(text: string): number {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  let runs = 0;
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column) && (column === 0 || !modules.get(row, column - 1))) runs++;
    }
  }
  return runs;
}

/** The decompressed content streams of a PDF, joined. */
function contentStreams(bytes: Buffer): string {
  const text = bytes.toString("latin1");
  const parts: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf("endstream", start);
    try {
      parts.push(inflateSync(bytes.subarray(start, end)).toString("latin1"));
    } catch {
      // Not a deflated stream (a font subset stored otherwise): not page content.
    }
  }
  return parts.join("\n");
}

describe.skipIf(!font)("the PDF's verification foot", () => {
  it("prints the absolute verify address and draws its QR code on every page", async () => {
    const url = verificationUrl("https://12348.example.gov.cn/", "K7QM3XTD9PWB2H4N");
    expect(url).toBe("https://12348.example.gov.cn/verify/K7QM-3XTD-9PWB-2H4N");
    const long = Array.from({ length: 80 }, (_, i) => ({ style: "paragraph" as const, text: `第${i + 1}段：申请人因用人单位拖欠工资申请法律援助。` }));
    const bytes = await renderPdf(
      { title: "受理通知书", blocks: long },
      { ticketNo: "990102-20261201-0001", code: "K7QM-3XTD-9PWB-2H4N", issuedAt: "2026-12-01 10:00", issuingUnit: "测试县法律援助中心", verifyUrl: url },
      font!,
      new Date("2026-12-01T02:00:00Z"),
    );
    const text = await pdfText(bytes);
    const pages = text.split("\n");
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain(url);
    const rectangles = contentStreams(bytes).match(/ re\b/g)?.length ?? 0;
    expect(rectangles).toBe(darkRuns(url) * pages.length);
  });
});
