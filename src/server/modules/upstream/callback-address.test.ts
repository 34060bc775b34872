import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { callbackUrlProblem, forbiddenAddressReason, guardedLookup, literalHostProblem } from "./callback-address.ts";

describe("forbiddenAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fc00::1", "private"],
    ["fdff:ffff::1", "private"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::a00:1", "private"],
    ["2002:c0a8:101::1", "private"],
    ["2001:db8::1", "reserved"],
  ])("%s is %s", (address, kind) => {
    expect(forbiddenAddressReason(address)).toContain(kind);
  });

  it.each([["93.184.215.14"], ["172.32.0.1"], ["172.15.255.255"], ["100.128.0.1"], ["11.0.0.1"], ["2606:4700:4700::1111"], ["::ffff:93.184.215.14"], ["2400:3200::1"]])("%s is public", (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });
});

const publicDns = (map: Record<string, string[]>) => async (host: string) => {
  if (!(host in map)) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return map[host];
};

describe("callbackUrlProblem", () => {
  const policy = { allowedHosts: [] as string[], resolve: publicDns({ "cb.example.org": ["93.184.215.14"], "rebind.example.org": ["93.184.215.14", "10.0.0.5"], localhost: ["127.0.0.1", "::1"] }) };

  it("accepts https to a public name or address", async () => {
    expect(await callbackUrlProblem("https://cb.example.org/santai", policy)).toBeNull();
    expect(await callbackUrlProblem("https://93.184.215.14/santai", policy)).toBeNull();
  });

  it.each([
    // The URL parser reads these as 127.0.0.1 and 10.0.0.1.
    ["https://2130706433/cb", "127.0.0.1, a loopback address"],
    ["https://0177.0.0.1/cb", "127.0.0.1, a loopback address"],
    ["https://0x7f.1/cb", "127.0.0.1, a loopback address"],
    ["https://167772161/cb", "10.0.0.1, a private address"],
    ["https://012.0.0.01/cb", "10.0.0.1, a private address"],
    ["https://[::ffff:127.0.0.1]/cb", "::ffff:7f00:1, a loopback address"],
    ["https://[0:0:0:0:0:ffff:a9fe:a9fe]/latest/meta-data", "link-local"],
    ["https://localhost/cb", "localhost: it resolves to 127.0.0.1, a loopback address"],
    ["https://LOCALHOST./cb", "loopback"],
    // One public and one private address: refused.
    ["https://rebind.example.org/cb", "resolves to 10.0.0.5, a private address"],
    ["https://nowhere.invalid/cb", "cannot be resolved (ENOTFOUND)"],
    ["http://cb.example.org/cb", "must be https"],
    ["ftp://cb.example.org/cb", "must be https"],
    ["https://user:pw@cb.example.org/cb", "credentials"],
  ])("refuses %s", async (url, why) => {
    const withTrailingDot = { ...policy, resolve: async (host: string) => policy.resolve(host.replace(/\.$/, "")) };
    expect(await callbackUrlProblem(url, withTrailingDot)).toContain(why);
  });

  it("an allow-listed host is taken whatever its address, and over http", async () => {
    const allowed = { ...policy, allowedHosts: ["127.0.0.1", "relay.internal", "::1"] };
    expect(await callbackUrlProblem("http://127.0.0.1:8080/cb", allowed)).toBeNull();
    expect(await callbackUrlProblem("http://relay.internal/cb", allowed)).toBeNull();
    expect(await callbackUrlProblem("https://[::1]/cb", allowed)).toBeNull();
    // The allow-list names hosts: another name for the same address is not on it.
    expect(await callbackUrlProblem("https://localhost/cb", allowed)).toContain("loopback");
    expect(await callbackUrlProblem("https://2130706433/cb", allowed)).toBeNull(); // the parser's 127.0.0.1
  });
});

describe("at send time", () => {
  /** A resolver whose answer changes between registration and send (DNS rebinding). */
  const fakeLookup = (addresses: LookupAddress[]) =>
    ((_host: string, _options: object, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => callback(null, addresses)) as never;

  const lookupOnce = (lookup: ReturnType<typeof guardedLookup>, all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((resolve) =>
      lookup("cb.example.org", { all } as never, ((error: Error | null, result: unknown) => resolve({ error, result })) as never),
    );

  it("refuses a name that now resolves to a private address, on the addresses the socket would use", async () => {
    const lookup = guardedLookup({ allowedHosts: [] }, fakeLookup([{ address: "10.0.0.5", family: 4 }]));
    for (const all of [true, false]) {
      const { error } = await lookupOnce(lookup, all);
      expect(error?.message).toBe("refused: cb.example.org resolves to 10.0.0.5, a private address");
    }
  });

  it("passes public addresses on, in the form asked for", async () => {
    const lookup = guardedLookup({ allowedHosts: [] }, fakeLookup([{ address: "93.184.215.14", family: 4 }]));
    expect(await lookupOnce(lookup, true)).toEqual({ error: null, result: [{ address: "93.184.215.14", family: 4 }] });
    expect((await lookupOnce(lookup, false)).result).toBe("93.184.215.14");
  });

  it("an allow-listed name is not checked; a literal address is checked before connecting", async () => {
    const lookup = guardedLookup({ allowedHosts: ["cb.example.org"] }, fakeLookup([{ address: "10.0.0.5", family: 4 }]));
    expect((await lookupOnce(lookup, true)).error).toBeNull();
    expect(literalHostProblem(new URL("https://[fd00::1]/cb"), { allowedHosts: [] })).toBe("refused: fd00::1 is a private address (fc00::/7)");
    expect(literalHostProblem(new URL("http://127.0.0.1:9/cb"), { allowedHosts: ["127.0.0.1"] })).toBeNull();
    expect(literalHostProblem(new URL("https://cb.example.org/cb"), { allowedHosts: [] })).toBeNull();
  });
});
