import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { checkUpdate, isFinal, PREREGISTRATION_STATUSES, type PreregistrationStatus, type StatusUpdate } from "./preregistration.state.ts";

const code = (fn: () => void) => {
  try {
    fn();
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.code}:${error.field ?? ""}` : "other";
  }
};

describe("the pre-registration status machine", () => {
  it.each<[PreregistrationStatus, StatusUpdate, string]>([
    ["submitted", { status: "received" }, "ok"],
    ["submitted", { status: "accepted" }, "ok"],
    ["submitted", { status: "in_progress" }, "INVALID_TRANSITION:status"],
    ["submitted", { status: "completed" }, "INVALID_TRANSITION:status"],
    ["received", { status: "materials_needed", materialsNeeded: ["户口簿原件"] }, "ok"],
    ["received", { status: "materials_needed" }, "VALIDATION_FAILED:materialsNeeded"],
    ["received", { status: "materials_needed", materialsNeeded: ["  "] }, "VALIDATION_FAILED:materialsNeeded"],
    ["materials_needed", { status: "materials_needed", materialsNeeded: ["另一份"] }, "ok"],
    ["materials_needed", { status: "received" }, "ok"],
    ["accepted", { status: "in_progress" }, "ok"],
    ["accepted", { status: "completed" }, "ok"],
    ["in_progress", { status: "completed" }, "ok"],
    ["in_progress", { status: "declined", reason: "x" }, "INVALID_TRANSITION:status"],
    ["received", { status: "declined" }, "VALIDATION_FAILED:reason"],
    ["received", { status: "declined", reason: "不属于本机构业务范围" }, "ok"],
    ["completed", { status: "received" }, "INVALID_TRANSITION:status"],
    ["declined", { status: "accepted" }, "INVALID_TRANSITION:status"],
    ["received", { status: "received" }, "INVALID_TRANSITION:status"],
  ])("%s + %j → %s", (from, update, expected) => {
    expect(code(() => checkUpdate(from, update))).toBe(expected);
  });

  it("ends at completed and declined only", () => {
    expect(PREREGISTRATION_STATUSES.filter(isFinal)).toEqual(["completed", "declined"]);
  });
});
