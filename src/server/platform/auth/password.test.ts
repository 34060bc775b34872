import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { assertPasswordAllowed, dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./password.ts";

describe("passwordProblem", () => {
  it.each([
    ["abcdef12", "zhangsan"],
    ["correct horse", "zhangsan"], // letters and a symbol (space)
    ["12345678!", "zhangsan"],
    ["a".repeat(127) + "1", "zhangsan"], // 128 characters
    ["Secret-2024", ""], // no username to compare with
  ])("accepts %j for %j", (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it.each([
    ["abc12", "zhangsan", /at least 8/],
    ["abcde1!", "zhangsan", /at least 8/],
    ["a".repeat(128) + "1", "zhangsan", /at most 128/],
    ["abcdefgh", "zhangsan", /two kinds/],
    ["12345678", "zhangsan", /two kinds/],
    ["!@#$%^&*", "zhangsan", /two kinds/],
    ["zhangsan1", "zhangsan", /username/],
    ["my-ZhangSan-9", "zhangsan", /username/], // case-insensitive
  ])("refuses %j for %j", (password, username, reason) => {
    expect(passwordProblem(password, username)).toMatch(reason);
  });

  it("assertPasswordAllowed throws PASSWORD_POLICY naming the field", () => {
    expect.assertions(3);
    try {
      assertPasswordAllowed("short", "zhangsan", "newPassword");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("PASSWORD_POLICY");
      expect((error as AppError).field).toBe("newPassword");
    }
  });
});

describe("hashPassword / verifyPassword", () => {
  it("round-trips, and a wrong password does not verify", async () => {
    const hash = await hashPassword("Secret-2024");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain("Secret-2024");
    expect(await verifyPassword(hash, "Secret-2024")).toBe(true);
    expect(await verifyPassword(hash, "Secret-2025")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("Secret-2024"), hashPassword("Secret-2024")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(b, "Secret-2024")).toBe(true);
  });

  it.each(["", "not-a-hash", "$argon2id$v=19$m=19456,t=2,p=1$garbage", "$2b$10$abcdefghijklmnopqrstuv"])(
    "returns false (does not throw) for the garbage hash %j",
    async (garbage) => {
      await expect(verifyPassword(garbage, "Secret-2024")).resolves.toBe(false);
    },
  );

  it("the dummy hash (for unknown usernames) is a real hash that rejects ordinary passwords", async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy).toMatch(/^\$argon2id\$/);
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword(dummy, "Secret-2024")).toBe(false);
  });
});
