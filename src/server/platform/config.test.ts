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

describe("the language model endpoint (SANTAI_LLM_*)", () => {
  it("is off unless SANTAI_LLM_URL is set; then needs a model, takes a key and a timeout (default 8 s)", () => {
    expect(loadConfig({}).llm).toBeNull();
    expect(loadConfig({ SANTAI_LLM_URL: "http://127.0.0.1:11434/v1/", SANTAI_LLM_MODEL: "qwen2.5:7b" }).llm).toEqual({
      url: "http://127.0.0.1:11434/v1",
      model: "qwen2.5:7b",
      apiKey: null,
      timeoutMs: 8_000,
    });
    expect(loadConfig({ SANTAI_LLM_URL: "https://llm.bureau.example/v1", SANTAI_LLM_MODEL: "m", SANTAI_LLM_API_KEY: "k", SANTAI_LLM_TIMEOUT_MS: "3000" }).llm).toMatchObject({ apiKey: "k", timeoutMs: 3000 });
  });

  it("refuses a URL that is not http(s), a missing model and a bad timeout, at start", () => {
    expect(() => loadConfig({ SANTAI_LLM_URL: "llm.local", SANTAI_LLM_MODEL: "m" })).toThrow(/SANTAI_LLM_URL/);
    expect(() => loadConfig({ SANTAI_LLM_URL: "ftp://llm.local/v1", SANTAI_LLM_MODEL: "m" })).toThrow(/http or https/);
    expect(() => loadConfig({ SANTAI_LLM_URL: "http://llm.local/v1" })).toThrow(/SANTAI_LLM_MODEL/);
    expect(() => loadConfig({ SANTAI_LLM_URL: "http://llm.local/v1", SANTAI_LLM_MODEL: "m", SANTAI_LLM_TIMEOUT_MS: "0" })).toThrow(/SANTAI_LLM_TIMEOUT_MS/);
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

describe("the public address (SANTAI_PUBLIC_URL)", () => {
  it("defaults to this machine's port, drops the trailing slash, keeps a path prefix, and refuses what is not an http(s) address", () => {
    expect(loadConfig({}).publicUrl).toBe("http://localhost:3000");
    expect(loadConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(loadConfig({ SANTAI_PUBLIC_URL: "https://12348.example.gov.cn/" }).publicUrl).toBe("https://12348.example.gov.cn");
    expect(loadConfig({ SANTAI_PUBLIC_URL: " https://example.gov.cn/santai// " }).publicUrl).toBe("https://example.gov.cn/santai");
    expect(() => loadConfig({ SANTAI_PUBLIC_URL: "example.gov.cn" })).toThrow(/SANTAI_PUBLIC_URL/);
    expect(() => loadConfig({ SANTAI_PUBLIC_URL: "ftp://example.gov.cn" })).toThrow(/http or https/);
    expect(() => loadConfig({ SANTAI_PUBLIC_URL: "https://example.gov.cn/?a=1" })).toThrow(/query/);
  });
});
