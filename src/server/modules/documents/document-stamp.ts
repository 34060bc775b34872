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

/** The DOCX footer's lines (the PDF's foot says the same in four shorter lines beside the QR code). */
export const stampLine = (stamp: DocumentStamp) => `工单编号 ${stamp.ticketNo}　验证码 ${stamp.code}　生成时间 ${stamp.issuedAt}（北京时间）`;
export const verifyLine = (stamp: DocumentStamp) => `真伪核验：访问 ${stamp.verifyUrl}`;
