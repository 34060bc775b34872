import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";

/**
 * Where upstream callbacks may go. A callback is a request our server makes to a
 * URL an admin typed in: pointed at this machine or the internal network it
 * would reach what the outside cannot (a database's HTTP port, a cloud's
 * metadata service at 169.254.169.254). So a callback goes only to public
 * addresses — checked when the URL is registered and again, on the address
 * actually connected to, at every send (a name's DNS record can change) — unless
 * an admin names the host in SANTAI_UPSTREAM_ALLOWED_HOSTS (a relay on this
 * machine, a partner on the private network).
 */

/** Why an address may not be called back (e.g. "a loopback address"), or null for a public one. */
export function forbiddenAddressReason(address: string): string | null {
  const plain = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const version = isIP(plain);
  if (version === 4) return ipv4Reason(plain.split(".").map(Number));
  if (version === 6) return ipv6Reason(parseIpv6(plain));
  return "not an IP address";
}

function ipv4Reason([a, b, c]: number[]): string | null {
  if (a === 0) return "an unspecified address (0.0.0.0/8)";
  if (a === 127) return "a loopback address";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "a private address";
  if (a === 100 && b >= 64 && b <= 127) return "a carrier-grade NAT address (100.64.0.0/10)";
  if (a === 169 && b === 254) return "a link-local address";
  if (a >= 224 && a <= 239) return "a multicast address";
  if (a >= 240) return "a reserved address";
  // IETF assignments, documentation and benchmarking ranges: nobody's receiver.
  if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) {
    return "a reserved address";
  }
  return null;
}

function ipv6Reason(bytes: number[]): string | null {
  const isZero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const v4 = (at: number) => bytes.slice(at, at + 4);
  if (isZero(0, 16)) return "an unspecified address (::)";
  if (isZero(0, 15) && bytes[15] === 1) return "a loopback address";
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:AABB:CCDD::) — judged as the IPv4 address.
  if (isZero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return ipv4Reason(v4(12));
  if (isZero(0, 12)) return ipv4Reason(v4(12));
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && isZero(4, 12)) return ipv4Reason(v4(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return ipv4Reason(v4(2));
  if ((bytes[0] & 0xfe) === 0xfc) return "a private address (fc00::/7)";
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80) return "a link-local address (fe80::/10)";
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0xc0) return "a private address (site-local fec0::/10)";
  if (bytes[0] === 0xff) return "a multicast address";
  // Teredo (its IPv4 is hidden), documentation, discard-only.
  if ((bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0x0d && bytes[3] === 0xb8)) return "a reserved address";
  if (bytes[0] === 0x01 && isZero(1, 8)) return "a reserved address";
  return null;
}

/** The 16 bytes of an IPv6 address (one `isIP` accepts): `::` expanded, a dotted IPv4 tail read. */
function parseIpv6(text: string): number[] {
  let head = text;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    head = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
    tail.push(...dotted[2].split(".").map(Number));
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, null];
  const groups = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const l = groups(left);
  const r = right === null ? [] : groups(right);
  const missing = 8 - tail.length / 2 - l.length - r.length;
  const words = [...l, ...(right === null ? [] : Array<number>(missing).fill(0)), ...r];
  return [...words.flatMap((w) => [w >> 8, w & 0xff]), ...tail];
}

export type CallbackPolicy = {
  /** Hosts (as written in the URL: names or addresses) an admin allows whatever their address, and over http. */
  allowedHosts: readonly string[];
  /** Every address a name resolves to; dns.lookup by default (tests pass their own). */
  resolve?: (host: string) => Promise<string[]>;
};

/** The URL's host as the allow-list names hosts: lower case, IPv6 without brackets. */
const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^\[|\]$/g, "");

const systemResolve = (host: string) =>
  new Promise<string[]>((resolve, reject) => dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))));

/**
 * Why a callback URL may not be registered, or null. https only, no
 * credentials, and the host must be — and resolve only to — public addresses,
 * unless it is on the allow-list (then http is allowed too). The URL parser has
 * already read decimal, octal and hex spellings of IPv4 (`2130706433`,
 * `0177.0.0.1`, `0x7f.1`) as the dotted address they mean.
 */
export async function callbackUrlProblem(value: string, policy: CallbackPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  const host = hostOf(url);
  const isAllowed = policy.allowedHosts.includes(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isAllowed)) return "must be https (http only to a host on SANTAI_UPSTREAM_ALLOWED_HOSTS)";
  if (isAllowed) return null;
  if (isIP(host)) {
    const reason = forbiddenAddressReason(host);
    return reason ? `must not point at ${host}, ${reason} (an admin may allow the host in SANTAI_UPSTREAM_ALLOWED_HOSTS)` : null;
  }
  let addresses: string[];
  try {
    addresses = await (policy.resolve ?? systemResolve)(host);
  } catch (error) {
    return `names a host that cannot be resolved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  for (const address of addresses) {
    const reason = forbiddenAddressReason(address);
    if (reason) return `must not point at ${host}: it resolves to ${address}, ${reason} (an admin may allow the host in SANTAI_UPSTREAM_ALLOWED_HOSTS)`;
  }
  return null;
}

/** The refusal of an address at send time; its message goes into the callback's last_error. */
export class ForbiddenAddressError extends Error {
  readonly code = "EFORBIDDENADDRESS";
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenAddressError";
  }
}

/**
 * The `lookup` for the request that sends a callback: resolves the name as
 * usual and refuses a forbidden address there, on the very addresses the socket
 * will connect to (no second resolution in between a check and the connection
 * for DNS to change). A host on the allow-list is looked up unchecked.
 */
export function guardedLookup(policy: Pick<CallbackPolicy, "allowedHosts">, lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return (callback as (e: NodeJS.ErrnoException) => void)(error);
      const addresses = found as LookupAddress[];
      if (!policy.allowedHosts.includes(hostname.toLowerCase())) {
        for (const { address } of addresses) {
          const reason = forbiddenAddressReason(address);
          if (reason) return (callback as (e: NodeJS.ErrnoException) => void)(new ForbiddenAddressError(`refused: ${hostname} resolves to ${address}, ${reason}`));
        }
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return (callback as (e: null, a: string, f: number) => void)(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Why a literal IP host may not be called now (Node connects to an address without a lookup), or null. */
export function literalHostProblem(url: URL, policy: Pick<CallbackPolicy, "allowedHosts">): string | null {
  const host = hostOf(url);
  if (policy.allowedHosts.includes(host) || !isIP(host)) return null;
  const reason = forbiddenAddressReason(host);
  return reason ? `refused: ${host} is ${reason}` : null;
}
