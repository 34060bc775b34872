import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// antd's Checkbox.Group shows its value a task after the click (it copies the value into its
// own state in an effect), so a box just ticked reads unticked to a screen reader for that
// moment and a browser test can miss the click. The web app uses src/web/app/CheckboxList.tsx,
// which ticks each box from the value itself (test/browser/portal-legal-aid.test.ts shows it).
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe("checkbox lists", () => {
  it("are CheckboxList, never antd's Checkbox.Group", () => {
    const offenders = files("src/web").filter((path) => /\bCheckbox\.Group\b/.test(readFileSync(path, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "")));
    expect(offenders).toEqual([]);
  });
});
