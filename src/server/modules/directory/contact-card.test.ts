import { describe, expect, it } from "vitest";
import { buildVCard, escapeVCardText, mapUrlOf } from "./contact-card.ts";

describe("contact cards", () => {
  it("escapes what vCard text must escape", () => {
    expect(escapeVCardText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("writes the details given, in CRLF lines, and leaves out the empty ones", () => {
    const card = buildVCard({ name: "张律师", title: "律师", organization: "青川区公共法律服务中心", phone: "0871-1234567" });
    expect(card.split("\r\n")).toEqual([
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN;CHARSET=UTF-8:张律师",
      "N;CHARSET=UTF-8:张律师;;;;",
      "ORG;CHARSET=UTF-8:青川区公共法律服务中心",
      "TITLE;CHARSET=UTF-8:律师",
      "TEL;TYPE=WORK,VOICE:0871-1234567",
      "END:VCARD",
      "",
    ]);
    expect(card).not.toContain("EMAIL");
  });

  it("a map link only with an address, with the region's name before it", () => {
    expect(mapUrlOf("青川区", "")).toBeNull();
    expect(decodeURIComponent(mapUrlOf("青川区", "中山路 1 号")!)).toContain("keyword=青川区中山路 1 号");
    expect(decodeURIComponent(mapUrlOf("青川区", "青川区中山路 1 号")!)).toContain("keyword=青川区中山路 1 号");
  });
});
