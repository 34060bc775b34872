import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("log configuration", () => {
  it.each([
    [{}, "info"],
    [{ LOG_LEVEL: "debug" }, "debug"],
    [{ SANTAI_LOG_LEVEL: "warn", LOG_LEVEL: "debug" }, "warn"],
    [{ SANTAI_LOG_LEVEL: "ERROR" }, "error"],
    [{ SANTAI_LOG: "0" }, "silent"],
    [{ SANTAI_LOG: "off", LOG_LEVEL: "debug" }, "silent"],
    [{ SANTAI_LOG: "1" }, "info"],
    [{ LOG_LEVEL: "silent" }, "silent"],
  ])("%o → %s (logging is on unless turned off)", (env, level) => {
    expect(loadConfig(env).logLevel).toBe(level);
  });

  it("refuses a level pino does not know, at start", () => {
    expect(() => loadConfig({ LOG_LEVEL: "verbose" })).toThrow(/SANTAI_LOG_LEVEL must be one of/);
  });
});
