import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("reads SANTAI_GATEWAY_TIMEOUT_MS (default 10 s) and refuses nonsense", () => {
    expect(loadConfig({}).gatewayTimeoutMs).toBe(10_000);
    expect(loadConfig({ SANTAI_GATEWAY_TIMEOUT_MS: "2500" }).gatewayTimeoutMs).toBe(2500);
    expect(() => loadConfig({ SANTAI_GATEWAY_TIMEOUT_MS: "0" })).toThrow(/SANTAI_GATEWAY_TIMEOUT_MS/);
    expect(() => loadConfig({ SANTAI_GATEWAY_TIMEOUT_MS: "soon" })).toThrow(/integer/);
  });
});

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
