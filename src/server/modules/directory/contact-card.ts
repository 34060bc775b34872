/**
 * Contact cards (名片) as vCard 3.0 text (RFC 2426), which phones import from a
 * scanned QR code. Pure: the routes turn the text into the QR code.
 */
export type ContactCard = {
  name: string;
  /** e.g. 律师, 公证处 */
  title?: string;
  organization?: string;
  phone?: string;
  email?: string;
  address?: string;
  note?: string;
};

/** RFC 2426 §4: backslash, comma, semicolon and line breaks are escaped in text values. */
export function escapeVCardText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/;/g, "\\;").replace(/\r\n|\r|\n/g, "\\n");
}

/** The vCard of a card; empty details are left out. Lines end in CRLF, as the format wants. */
export function buildVCard(card: ContactCard): string {
  const e = escapeVCardText;
  const lines = ["BEGIN:VCARD", "VERSION:3.0", `FN;CHARSET=UTF-8:${e(card.name)}`, `N;CHARSET=UTF-8:${e(card.name)};;;;`];
  if (card.organization) lines.push(`ORG;CHARSET=UTF-8:${e(card.organization)}`);
  if (card.title) lines.push(`TITLE;CHARSET=UTF-8:${e(card.title)}`);
  if (card.phone) lines.push(`TEL;TYPE=WORK,VOICE:${e(card.phone)}`);
  if (card.email) lines.push(`EMAIL;TYPE=INTERNET:${e(card.email)}`);
  if (card.address) lines.push(`ADR;TYPE=WORK;CHARSET=UTF-8:;;${e(card.address)};;;;`);
  if (card.note) lines.push(`NOTE;CHARSET=UTF-8:${e(card.note)}`);
  lines.push("END:VCARD");
  return `${lines.join("\r\n")}\r\n`;
}

/** A map search for an address (高德地图's URI API, which opens the app on a phone); null without an address. */
export function mapUrlOf(regionName: string, address: string): string | null {
  if (!address.trim()) return null;
  const keyword = address.includes(regionName) ? address : `${regionName}${address}`;
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(keyword)}`;
}
