// Server: which address a request comes from, honouring X-Forwarded-For only from trusted proxies.

import { BlockList, isIP } from "node:net";

/** How far X-Forwarded-For is believed (TRUST_PROXY). */
export type TrustProxy =
  | { kind: "none" }
  /** This many proxies stand in front of the server; each appends the address it saw. */
  | { kind: "hops"; hops: number }
  /** Requests from these addresses are proxies; walk X-Forwarded-For back past them. */
  | { kind: "list"; list: BlockList; text: string };

export const NO_PROXY: TrustProxy = { kind: "none" };

/** Named address ranges accepted in a TRUST_PROXY list. */
const RANGES: Record<string, Array<[string, number, "ipv4" | "ipv6"]>> = {
  loopback: [["127.0.0.0", 8, "ipv4"], ["::1", 128, "ipv6"]],
  private: [["10.0.0.0", 8, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.168.0.0", 16, "ipv4"], ["fc00::", 7, "ipv6"]],
  linklocal: [["169.254.0.0", 16, "ipv4"], ["fe80::", 10, "ipv6"]],
};

/**
 * Parse a TRUST_PROXY list: addresses, CIDR ranges and the names `loopback`, `private`,
 * `linklocal`, comma-separated. Returns the offending entry on failure.
 */
export function parseProxyList(text: string): { list: BlockList } | { bad: string } {
  const list = new BlockList();
  for (const raw of text.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    const named = RANGES[entry];
    if (named) {
      for (const [net, prefix, family] of named) list.addSubnet(net, prefix, family);
      continue;
    }
    const [address, prefixText] = entry.split("/");
    const family = isIP(address);
    if (family === 0) return { bad: raw.trim() };
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixText === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(prefixText);
    if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) return { bad: raw.trim() };
    list.addSubnet(address, prefix, type);
  }
  return { list };
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) → `127.0.0.1`. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith("::ffff:") && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket peer, or (when the peer is a trusted proxy) the address
 * the proxies recorded in X-Forwarded-For, read right to left as far as trust goes. Entries
 * that are not IP addresses end the walk: a client can prepend anything to the header.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socketAddress = normalizeAddress(peer ?? "");
  if (trust.kind === "none" || !forwardedFor) return socketAddress;
  const hops = forwardedFor.split(",").map(normalizeAddress);
  if (trust.kind === "hops") {
    // The peer is hop 1; each trusted hop lets us read one more entry from the right.
    let address = socketAddress;
    for (let i = 0; i < trust.hops && hops.length > 0; i++) {
      const next = hops.pop()!;
      if (isIP(next) === 0) break;
      address = next;
    }
    return address;
  }
  let address = socketAddress;
  while (isTrusted(trust.list, address) && hops.length > 0) {
    const next = hops.pop()!;
    if (isIP(next) === 0) break;
    address = next;
  }
  return address;
}
