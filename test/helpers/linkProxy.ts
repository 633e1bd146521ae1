// Tests: a TCP proxy that delays traffic in both directions (one-way latency plus jitter),
// keeping byte order like TCP does: a late chunk holds everything behind it.

import { createServer, connect, type Server, type Socket, type AddressInfo } from "node:net";

export interface LinkOptions {
  /** One-way delay, ms, applied in each direction. */
  latencyMs: number;
  /** Extra delay drawn uniformly from [0, jitterMs], ms. */
  jitterMs?: number;
  /** Deterministic jitter source; defaults to a fixed-seed generator. */
  random?: () => number;
}

export interface LinkProxy {
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startLinkProxy(targetPort: number, options: LinkOptions): Promise<LinkProxy> {
  const random = options.random ?? seeded(1);
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, "127.0.0.1");
    sockets.add(inbound);
    sockets.add(outbound);
    pipeDelayed(inbound, outbound, options, random);
    pipeDelayed(outbound, inbound, options, random);
    const closeBoth = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on("close", closeBoth).on("error", closeBoth);
    outbound.on("close", closeBoth).on("error", closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

function pipeDelayed(from: Socket, to: Socket, options: LinkOptions, random: () => number): void {
  let lastDelivery = 0;
  from.on("data", (chunk) => {
    const now = performance.now();
    const due = Math.max(lastDelivery, now + options.latencyMs + (options.jitterMs ?? 0) * random());
    lastDelivery = due;
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, due - now);
  });
  from.on("end", () => setTimeout(() => to.end(), Math.max(0, lastDelivery - performance.now())));
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
