/** The household figures of the self-check as people type them. Pure, so tested without a browser. */

/** Digits as typed on any keyboard of the portal's languages: full-width ０–９ and Tibetan ༠–༩ become 0–9. */
export const plainDigits = (text: string) =>
  text
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u0f20-\u0f29]/g, (c) => String(c.charCodeAt(0) - 0x0f20));
/** A whole number of people, 1–50, or undefined when left empty; NaN when typed wrong. */
export function sizeOf(text: string): number | undefined {
  const plain = plainDigits(text);
  return plain === '' ? undefined : /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
}
/** Yuan, 0 or more (commas forgiven), or undefined when left empty; NaN when typed wrong. */
export function incomeOf(text: string): number | undefined {
  const plain = plainDigits(text);
  if (plain === '') return undefined;
  return /^\d+(\.\d{1,2})?$/.test(plain) ? Number(plain) : Number.NaN;
}
