// Server: which browser origins may open WebSockets and call the HTTP API (cross-site WebSocket
// hijacking and cross-site requests are refused).

import { normalizeOrigin } from "./config.js";

export class OriginPolicy {
  private readonly allowed: ReadonlySet<string> | "*";

  /** `allowed`: normalized origins or "*"; `publicUrl`'s origin is always allowed. */
  constructor(allowed: readonly string[] | "*", publicUrl?: string) {
    if (allowed === "*") {
      this.allowed = "*";
      return;
    }
    const set = new Set(allowed);
    const own = publicUrl ? normalizeOrigin(new URL(publicUrl).origin) : undefined;
    if (own) set.add(own);
    this.allowed = set;
  }

  /**
   * A request without an Origin header is not from a browser page (bots, curl, server-to-server)
   * and cannot be a cross-site attack, so it passes. A browser request passes when its origin is
   * the page this server served (same host as the Host header) or on the allow-list.
   */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.allowed === "*") return true;
    const normalized = normalizeOrigin(origin);
    if (normalized === undefined) return false; // "null" (sandboxed frames, file://) or garbage
    if (this.allowed.has(normalized)) return true;
    return sameHost(normalized, host);
  }

  /** Whether a page at `origin` is on another site than this server (reached as `host`). */
  isCrossOrigin(origin: string, host: string | undefined): boolean {
    const normalized = normalizeOrigin(origin);
    return normalized === undefined || !sameHost(normalized, host);
  }

  /** `ALLOWED_ORIGINS=*`. */
  allowsAnyOrigin(): boolean {
    return this.allowed === "*";
  }
}

function sameHost(normalizedOrigin: string, host: string | undefined): boolean {
  return host !== undefined && new URL(normalizedOrigin).host === host.trim().toLowerCase();
}
