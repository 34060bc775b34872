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
