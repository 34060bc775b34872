import { describe, expect, it } from "vitest";
import { serviceSettingsProblem } from "./settings-rules.ts";

const item = (key: string) => ({ key, name: key });
const rule = (step: string, amount: number, unit: "hours" | "working_days" = "working_days") => ({ step, amount, unit });

describe("service settings", () => {
  it.each([
    ["valid", { checklist: [item("id_card"), item("proof")], deadlines: [rule("accept", 1), rule("resolve", 7)] }, null],
    ["empty is fine", { checklist: [], deadlines: [] }, null],
    ["duplicate key", { checklist: [item("id_card"), item("proof"), item("id_card")], deadlines: [] }, "checklist[2].key"],
    ["duplicate step", { checklist: [], deadlines: [rule("accept", 1), rule("accept", 2)] }, "deadlines[1].step"],
    ["too many working days", { checklist: [], deadlines: [rule("resolve", 251)] }, "deadlines[0].amount"],
    ["many hours are fine", { checklist: [], deadlines: [rule("resolve", 720, "hours")] }, null],
    ["accept longer than resolve", { checklist: [], deadlines: [rule("resolve", 3), rule("accept", 5)] }, "deadlines[1].amount"],
    ["different units are not compared", { checklist: [], deadlines: [rule("accept", 24, "hours"), rule("resolve", 3)] }, null],
  ])("%s", (_case, input, field) => {
    expect(serviceSettingsProblem(input)?.field ?? null).toBe(field);
  });
});
