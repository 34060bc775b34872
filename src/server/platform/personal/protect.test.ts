import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { toKey } from "../keys.ts";
import { createProtector, presentSealed, UNREADABLE_MARKER, UnreadableError } from "./protect.ts";

const keyA = toKey(Buffer.alloc(32, 1));
const keyB = toKey(Buffer.alloc(32, 2));
const ring = (current: typeof keyA, ...retired: (typeof keyA)[]) => ({ data: current, dataKeys: [current, ...retired] });

/** The format before key ids, as the earlier version wrote it. */
function sealV1(key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

describe("sealed values", () => {
  it("round-trips, names its key, and differs each time", () => {
    const protector = createProtector(ring(keyA));
    const sealed = protector.encrypt("13812345678");
    expect(sealed).toMatch(new RegExp(`^v2\\.${keyA.id}\\.[A-Za-z0-9_-]+$`));
    expect(sealed).not.toContain("13812345678");
    expect(protector.encrypt("13812345678")).not.toBe(sealed);
    expect(protector.decrypt(sealed)).toBe("13812345678");
    expect(protector.keyIdOf(sealed)).toBe(keyA.id);
    expect(protector.isCurrent(sealed)).toBe(true);
  });

  it("a retired key still opens what it sealed; the current one seals", () => {
    const old = createProtector(ring(keyA)).encrypt("张三的电话");
    const rotated = createProtector(ring(keyB, keyA));
    expect(rotated.decrypt(old)).toBe("张三的电话");
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.keyIdOf(rotated.encrypt("x"))).toBe(keyB.id);
  });

  it("opens the old format (v1, no key id) with whichever key sealed it", () => {
    const protector = createProtector(ring(keyB, keyA));
    expect(protector.decrypt(sealV1(keyA.key, "11010519491231002X"))).toBe("11010519491231002X");
    expect(protector.keyIdOf(sealV1(keyA.key, "x"))).toBeNull();
    expect(protector.isCurrent(sealV1(keyB.key, "x"))).toBe(false);
  });

  it("a key it does not have is a clear error naming the key, not garbage", () => {
    const sealed = createProtector(ring(keyA)).encrypt("13812345678");
    const other = createProtector(ring(keyB));
    expect(() => other.decrypt(sealed)).toThrow(UnreadableError);
    expect(() => other.decrypt(sealed)).toThrow(`sealed under key ${keyA.id}, which this server does not have`);
    expect(() => other.decrypt(sealV1(keyA.key, "x"))).toThrow(/old format \(v1\) opens with no key/);
    expect(() => other.decrypt("plain text")).toThrow(UnreadableError);
  });

  it("an altered value, or a key id swapped in, does not open", () => {
    const protector = createProtector(ring(keyA, keyB));
    const sealed = protector.encrypt("13812345678");
    const body = sealed.split(".")[2];
    const flipped = `v2.${keyA.id}.${body.slice(0, -2)}${body.at(-2) === "A" ? "B" : "A"}${body.at(-1)}`;
    expect(() => protector.decrypt(flipped)).toThrow(/altered/);
    // The prefix is authenticated: the same body claimed for another key fails.
    expect(() => protector.decrypt(`v2.${keyB.id}.${body}`)).toThrow(/altered/);
  });

  it("tryDecrypt answers null and reports once per key; presentSealed shows the marker", () => {
    const onUnreadable = vi.fn();
    const sealed = createProtector(ring(keyA)).encrypt("13812345678");
    const other = createProtector(ring(keyB), { onUnreadable });
    expect(other.tryDecrypt(sealed)).toBeNull();
    expect(other.tryDecrypt(sealed)).toBeNull();
    expect(onUnreadable).toHaveBeenCalledTimes(1);
    expect(onUnreadable.mock.calls[0][0].message).not.toContain("13812345678");
    expect(presentSealed(other, sealed, (v) => v)).toBe(UNREADABLE_MARKER);
    expect(presentSealed(other, null, (v) => v)).toBeNull();
    expect(presentSealed(createProtector(ring(keyA)), sealed, (v) => `${v.slice(0, 3)}…`)).toBe("138…");
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => createProtector(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe("lookup hashes", () => {
  it("are keyed by the data key, as the earlier version made them; a search matches under every key", () => {
    const legacy = createHmac("sha256", createHmac("sha256", keyA.key).update("santai/lookup").digest()).update("13812345678").digest("base64url");
    expect(createProtector(ring(keyA)).lookupHash("13812345678")).toBe(legacy);
    const rotated = createProtector(ring(keyB, keyA));
    expect(rotated.lookupHash("13812345678")).not.toBe(legacy);
    expect(rotated.lookupHashes("13812345678")).toEqual([rotated.lookupHash("13812345678"), legacy]);
  });

  it("normalise case and spaces (ID numbers end in x or X)", () => {
    const protector = createProtector(ring(keyA));
    expect(protector.lookupHash(" 11010519491231002x ")).toBe(protector.lookupHash("11010519491231002X"));
  });
});

describe("sealed files", () => {
  const scan = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1000)]);

  it("round-trip with the key id in a readable header; the body is not the plain bytes", () => {
    const protector = createProtector(ring(keyA));
    const stored = protector.sealBytes(scan);
    expect(stored.subarray(0, 26).toString("ascii")).toBe(`SANTAI-SEALED-v2.${keyA.id}.`);
    expect(stored.includes(scan.subarray(4, 100))).toBe(false);
    expect(protector.bytesKeyIdOf(stored)).toBe(keyA.id);
    expect(Buffer.compare(protector.openBytes(stored), scan)).toBe(0);
  });

  it("a file stored before sealing (no header) is read as it is", () => {
    const protector = createProtector(ring(keyA));
    expect(protector.bytesKeyIdOf(scan)).toBeNull();
    expect(protector.openBytes(scan)).toBe(scan);
  });

  it("a file under a key the server lacks, or altered, is a clear error", () => {
    const stored = createProtector(ring(keyA)).sealBytes(scan);
    expect(() => createProtector(ring(keyB)).openBytes(stored)).toThrow(`sealed under key ${keyA.id}`);
    const altered = Buffer.from(stored);
    altered[altered.length - 1] ^= 1;
    expect(() => createProtector(ring(keyA)).openBytes(altered)).toThrow(/altered/);
  });
});
