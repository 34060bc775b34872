import { describe, expect, it } from "vitest";
import { databaseErrorToAppError, isRepresentableDate, isRepresentableDateTime } from "./http.ts";
import { findUnsafeText } from "./text.ts";

/** What Drizzle throws: its own error, with the driver's error as `cause`. */
const drizzleError = (cause: Record<string, unknown>) => Object.assign(new Error("Failed query: insert into …"), { cause: Object.assign(new Error(String(cause.message ?? "pg")), cause) });

describe("PostgreSQL errors become 4xx, found on the error or its cause", () => {
  it.each([
    ["23505 on cause", drizzleError({ code: "23505", detail: "Key (lower(username::text))=(racer) already exists." }), "CONFLICT", "username"],
    ["23505 on the error itself", Object.assign(new Error("duplicate"), { code: "23505", detail: "Key (region_code)=(980102) already exists." }), "CONFLICT", "regionCode"],
    ["23505 on a two-column key", drizzleError({ code: "23505", detail: "Key (ticket_id, seq)=(x, 1) already exists." }), "CONFLICT", undefined],
    ["23503 on insert", drizzleError({ code: "23503", detail: 'Key (assignee_id)=(…) is not present in table "accounts".' }), "VALIDATION_FAILED", "assigneeId"],
    ["23503 on delete", drizzleError({ code: "23503", detail: 'Key (id)=(…) is still referenced from table "tickets".' }), "CONFLICT", "id"],
    ["22021 (NUL in text)", drizzleError({ code: "22021" }), "VALIDATION_FAILED", undefined],
    ["22P05 (NUL in jsonb)", drizzleError({ code: "22P05" }), "VALIDATION_FAILED", undefined],
    ["22P02", drizzleError({ code: "22P02" }), "VALIDATION_FAILED", undefined],
    ["22007", drizzleError({ code: "22007" }), "VALIDATION_FAILED", undefined],
    ["22008", drizzleError({ code: "22008" }), "VALIDATION_FAILED", undefined],
    ["22001 (too long)", drizzleError({ code: "22001" }), "VALIDATION_FAILED", undefined],
    ["22003 (out of range)", drizzleError({ code: "22003" }), "VALIDATION_FAILED", undefined],
    ["23514 (check)", drizzleError({ code: "23514", column: "display_name" }), "VALIDATION_FAILED", "displayName"],
    ["40001 (serialization)", drizzleError({ code: "40001" }), "CONFLICT", undefined],
    ["40P01 (deadlock)", drizzleError({ code: "40P01" }), "CONFLICT", undefined],
  ])("%s", (_label, error, code, field) => {
    const mapped = databaseErrorToAppError(error);
    expect(mapped?.code).toBe(code);
    expect(mapped?.status).toBeLessThan(500);
    expect(mapped?.field).toBe(field);
  });

  it("a serialization failure says to try again", () => {
    expect(databaseErrorToAppError(drizzleError({ code: "40001" }))?.toJSON()).toMatchObject({ canRetry: true });
  });

  it.each([
    ["a lost connection", drizzleError({ code: "08006" })],
    ["a plain error", new Error("boom")],
    ["a Node error code", Object.assign(new Error("x"), { code: "ECONNRESET" })],
    ["a Fastify code", Object.assign(new Error("x"), { code: "FST_ERR_X" })],
  ])("%s stays a 500", (_label, error) => {
    expect(databaseErrorToAppError(error)).toBeNull();
  });
});

describe("dates PostgreSQL and JavaScript can both hold", () => {
  it.each([
    ["2026-03-01", true],
    ["2024-02-29", true],
    ["0001-01-01", true],
    ["9999-12-31", true],
    ["0000-01-01", false],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["2026-1-01", false],
    ["+02026-01-01", false],
    ["20260101", false],
  ])("date %s → %s", (value, expected) => expect(isRepresentableDate(value)).toBe(expected));

  it.each([
    ["2026-03-01T09:00:00+08:00", true],
    ["2026-03-01t09:00:00z", true],
    ["2026-03-01T09:00:00.123456Z", true],
    ["9999-12-31T23:59:59Z", true],
    ["0001-01-01T00:00:00Z", true],
    ["2026-12-31T23:59:60Z", false],
    ["2026-03-01T24:00:00Z", false],
    ["2026-03-01T09:00:00", false],
    ["2026-03-01T09:00:00+08", false],
    ["2026-03-01T09:00:00+0800", false],
    ["2026-03-01T09:00:00+24:00", false],
    ["0000-06-01T10:00:00Z", false],
    ["0001-01-01T00:00:00+01:00", false],
    ["9999-12-31T23:59:59-01:00", false],
    ["2026-02-30T10:00:00Z", false],
    ["2026-03-01 09:00:00Z", false],
  ])("date-time %s → %s", (value, expected) => {
    expect(isRepresentableDateTime(value)).toBe(expected);
    if (expected) expect(Number.isNaN(new Date(value).getTime())).toBe(false);
  });
});

describe("text PostgreSQL cannot store", () => {
  it.each([
    ["a NUL in a nested string", { a: [{ b: "x\u0000" }] }, ["a", "0", "b"]],
    ["a lone high surrogate", { name: "\ud800" }, ["name"]],
    ["a lone low surrogate", ["ok", "\udc00x"], ["1"]],
    ["a NUL in a field name", { "na\u0000me": 1 }, ["na\\u0000me"]],
    ["a bare string", "\u0000", []],
  ])("%s is found with its path", (_label, data, path) => {
    expect(findUnsafeText(data)?.path).toEqual(path);
  });

  it.each([
    ["emoji (a surrogate pair)", { name: "😀张三" }],
    ["numbers and null", { a: 1, b: null, c: [true, 2.5] }],
    ["a Buffer", Buffer.from([0, 0xd8, 0])],
  ])("%s is fine", (_label, data) => expect(findUnsafeText(data)).toBeNull());

  it("walks a body nested 100,000 deep without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.path).toHaveLength(100_000);
  });
});
