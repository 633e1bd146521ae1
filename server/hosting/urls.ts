// Server: the URLs a listening server can be reached at (for the start-up banner).

import { networkInterfaces } from "node:os";

/** localhost first, then each LAN IPv4 address when bound to all interfaces. */
export function reachableUrls(host: string, port: number): string[] {
  const all = host === "0.0.0.0" || host === "::";
  if (!all) return [`http://${host.includes(":") ? `[${host}]` : host}:${port}`];
  const urls = [`http://localhost:${port}`];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === "IPv4" && !a.internal) urls.push(`http://${a.address}:${port}`);
    }
  }
  return urls;
}
