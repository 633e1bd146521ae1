// Unit: the pure rules of the public edge: client address (trust-proxy), origins, rate limit.

import { describe, expect, it } from "vitest";
import { NO_PROXY, parseProxyList, resolveClientAddress, type TrustProxy } from "./clientAddress.js";
import { OriginPolicy } from "./origins.js";
import { RateLimiter } from "./rateLimit.js";

function list(text: string): TrustProxy {
  const parsed = parseProxyList(text);
  if ("bad" in parsed) throw new Error(parsed.bad);
  return { kind: "list", list: parsed.list, text };
}

describe("resolveClientAddress", () => {
  it("ignores X-Forwarded-For unless trust-proxy is set", () => {
    expect(resolveClientAddress("::ffff:203.0.113.9", "198.51.100.1", NO_PROXY)).toBe("203.0.113.9");
  });

  it("with a hop count, reads that many entries from the right", () => {
    const one: TrustProxy = { kind: "hops", hops: 1 };
    // The client forged the first entry; the proxy appended the address it saw.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", one)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.3", { kind: "hops", hops: 2 })).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", undefined, one)).toBe("10.0.0.2");
  });

  it("with a list, walks back past trusted proxies only", () => {
    const trust = list("loopback, 10.0.0.0/8");
    expect(resolveClientAddress("127.0.0.1", "198.51.100.7, 10.1.2.3", trust)).toBe("198.51.100.7");
    // A request straight from an untrusted peer keeps the peer, whatever it claims.
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", trust)).toBe("203.0.113.9");
    // Garbage in the header stops the walk at the last real address.
    expect(resolveClientAddress("127.0.0.1", "evil, not-an-ip", trust)).toBe("127.0.0.1");
    expect(resolveClientAddress("::1", "2001:db8::7", trust)).toBe("2001:db8::7");
  });

  it("parses proxy lists and names the bad entry", () => {
    expect(parseProxyList("private, linklocal, ::1, 192.0.2.0/24")).not.toHaveProperty("bad");
    expect(parseProxyList("10.0.0.0/8, proxy.local")).toEqual({ bad: "proxy.local" });
    expect(parseProxyList("10.0.0.0/40")).toEqual({ bad: "10.0.0.0/40" });
  });
});

describe("OriginPolicy", () => {
  const policy = new OriginPolicy(["https://friends.example"], "https://play.example.com/game");

  it("lets non-browser clients through (no Origin header)", () => {
    expect(policy.allows(undefined, "game.example.com")).toBe(true);
  });

  it("allows the page's own origin, the public URL's and the list, and nothing else", () => {
    expect(policy.allows("http://localhost:2567", "localhost:2567")).toBe(true);
    expect(policy.allows("https://play.example.com", "10.0.0.5:2567")).toBe(true);
    expect(policy.allows("https://FRIENDS.example:443", "x")).toBe(true);
    expect(policy.allows("https://evil.example", "localhost:2567")).toBe(false);
    expect(policy.allows("http://localhost:2567.evil.example", "localhost:2567")).toBe(false);
    expect(policy.allows("null", "localhost:2567")).toBe(false);
  });

  it("allows any origin with *", () => {
    expect(new OriginPolicy("*").allows("https://evil.example", "x")).toBe(true);
  });
});

describe("RateLimiter", () => {
  it("allows a burst per key, then refills over the minute", () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take("a").allowed)).toEqual([true, true, true, false]);
    expect(limiter.take("b").allowed).toBe(true);
    const refused = limiter.take("a");
    expect(refused.retryAfterSeconds).toBe(20);
    now += 20_000;
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("forgets refilled keys and stays unlimited at 0", () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take("a");
    now += 60_000;
    limiter.prune();
    expect(limiter.size).toBe(0);
    const unlimited = new RateLimiter(0, () => now);
    for (let i = 0; i < 1000; i++) expect(unlimited.take("a").allowed).toBe(true);
  });
});
