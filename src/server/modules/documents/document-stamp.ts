/** What every generated document carries besides its text (docs/documents.md). */
export type DocumentStamp = {
  ticketNo: string;
  /** Grouped, as printed. */
  code: string;
  /** "2026-12-02 09:41", Beijing time. */
  issuedAt: string;
  issuingUnit: string;
  /** The absolute address that verifies it: `${publicUrl}/verify/{code}` (config SANTAI_PUBLIC_URL). */
  verifyUrl: string;
};

const ticketPart = (stamp: DocumentStamp) => `工单编号 ${stamp.ticketNo}　验证码 ${stamp.code}`;
const issuedPart = (stamp: DocumentStamp) => `生成时间 ${stamp.issuedAt}（北京时间）`;

/** The DOCX footer's lines. */
export const stampLine = (stamp: DocumentStamp) => `${ticketPart(stamp)}　${issuedPart(stamp)}`;
export const verifyLine = (stamp: DocumentStamp) => `真伪核验：访问 ${stamp.verifyUrl}`;

/** The PDF foot says the same in four shorter lines, beside the QR code, with the page. */
export const pdfFootLines = (stamp: DocumentStamp, page: number, pages: number) => [
  ticketPart(stamp),
  `${issuedPart(stamp)}　第 ${page}/${pages} 页`,
  "真伪核验：扫描右侧二维码或访问",
  stamp.verifyUrl,
];
