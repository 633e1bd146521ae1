// Unit: which CORS headers a request gets, for a listed origin and for ALLOWED_ORIGINS=*.

import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { corsHeaders } from "./cors.js";
import { OriginPolicy } from "./origins.js";

const HOST = "play.example.com";
const request = (url: string, origin?: string) =>
  ({ url, headers: { host: HOST, ...(origin ? { origin } : {}) } }) as unknown as IncomingMessage;

describe("corsHeaders", () => {
  it("echoes a listed origin with credentials, only on the API routes", () => {
    const listed = new OriginPolicy(["https://friends.example"]);
    expect(corsHeaders(request("/matchmake/joinById/ABCDE", "https://friends.example"), listed)).toEqual({
      vary: "Origin", "access-control-allow-origin": "https://friends.example", "access-control-allow-credentials": "true",
    });
    expect(corsHeaders(request("/rooms?x=1", "https://friends.example"), listed)["access-control-allow-origin"]).toBe("https://friends.example");
    expect(corsHeaders(request("/roomsx", "https://friends.example"), listed)).toEqual({});
    expect(corsHeaders(request("/", "https://friends.example"), listed)).toEqual({});
    expect(corsHeaders(request("/matchmake/create/arena", `https://${HOST}`), listed)).toEqual({ vary: "Origin" });
    expect(corsHeaders(request("/matchmake/create/arena"), listed)).toEqual({ vary: "Origin" });
  });

  it("answers * without credentials when any origin is allowed", () => {
    const any = new OriginPolicy("*");
    const headers = corsHeaders(request("/matchmake/joinOrCreate/arena", "https://anyone.example"), any);
    expect(headers["access-control-allow-origin"]).toBe("*");
    expect(headers["access-control-allow-credentials"]).toBeUndefined();
  });
});
