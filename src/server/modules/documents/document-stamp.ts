/** What every generated document carries besides its text (docs/documents.md). */
export type DocumentStamp = {
  ticketNo: string;
  /** Grouped, as printed. */
  code: string;
  /** "2026-12-02 09:41", Beijing time. */
  issuedAt: string;
  issuingUnit: string;
};

/** The footer line of every page, the same in PDF and DOCX. */
export const stampLine = (stamp: DocumentStamp) => `工单编号 ${stamp.ticketNo}　验证码 ${stamp.code}　生成时间 ${stamp.issuedAt}（北京时间）`;
export const verifyLine = (stamp: DocumentStamp) => `真伪核验：访问本平台 /verify/${stamp.code} 或在“文书核验”页输入验证码`;
