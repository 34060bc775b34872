import { describe, expect, it } from "vitest";
import { cleanFileName, sniffMediaType } from "./media-type.ts";

describe("sniffMediaType", () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0, 0x00], "image/jpeg"],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00], "image/png"],
    [[...Buffer.from("%PDF-1.4")], "application/pdf"],
    [[0xff, 0xd8], null],
    [[0x89, 0x50, 0x4e, 0x47], null],
    [[...Buffer.from("%PDF")], null],
    [[...Buffer.from("GIF89a")], null],
    [[...Buffer.from("MZ\x90\x00")], null],
    [[...Buffer.from("<html>")], null],
    [[], null],
  ])("%j → %s", (bytes, expected) => {
    expect(sniffMediaType(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe("cleanFileName", () => {
  it.each([
    ["合同.pdf", "合同.pdf"],
    ["  a.png ", "a.png"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\x\\scan.jpg", "scan.jpg"],
    ["dir/", null],
    ["..", null],
    ["a\u0000b.png", null],
    ["line\nbreak.png", null],
  ])("%j → %j", (name, expected) => {
    expect(cleanFileName(name)).toBe(expected);
  });
});
