import type { FieldProblem } from "../../platform/errors.ts";

type SettingsInput = {
  checklist: readonly { key: string; name: string }[];
  deadlines: readonly { step: string; amount: number; unit: "hours" | "working_days" }[];
};

/** A year has about 250 working days; a longer limit is a typo. */
export const MAX_WORKING_DAYS = 250;

/** Why a service type's settings cannot be saved (schema checks aside), or null. */
export function serviceSettingsProblem(input: SettingsInput): FieldProblem | null {
  const keys = new Set<string>();
  for (const [i, item] of input.checklist.entries()) {
    if (keys.has(item.key)) return { field: `checklist[${i}].key`, message: `the key ${item.key} appears twice` };
    keys.add(item.key);
  }
  const steps = new Map<string, (typeof input.deadlines)[number]>();
  for (const [i, rule] of input.deadlines.entries()) {
    if (steps.has(rule.step)) return { field: `deadlines[${i}].step`, message: `the step ${rule.step} has two limits` };
    if (rule.unit === "working_days" && rule.amount > MAX_WORKING_DAYS) return { field: `deadlines[${i}].amount`, message: `at most ${MAX_WORKING_DAYS} working days` };
    steps.set(rule.step, rule);
  }
  const accept = steps.get("accept");
  const resolve = steps.get("resolve");
  // Both limits run from intake, so accepting cannot be allowed longer than resolving.
  if (accept && resolve && accept.unit === resolve.unit && accept.amount > resolve.amount) {
    const i = input.deadlines.findIndex((rule) => rule.step === "accept");
    return { field: `deadlines[${i}].amount`, message: "the accept limit is longer than the resolve limit" };
  }
  return null;
}

