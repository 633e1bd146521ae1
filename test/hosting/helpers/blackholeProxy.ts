// Tests: a TCP proxy whose connections can be made to vanish: traffic stops both ways and
// neither side sees a close (a player whose network died, a pulled cable).

import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";

export interface BlackholeProxy {
  url: string;
  /** From now on, drop every byte both ways and never close the client side. */
  blackhole(): void;
  close(): Promise<void>;
}

export async function startBlackholeProxy(targetPort: number): Promise<BlackholeProxy> {
  let dropping = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, "127.0.0.1");
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("error", () => undefined);
    }
    inbound.on("data", (chunk) => { if (!dropping) outbound.write(chunk); });
    outbound.on("data", (chunk) => { if (!dropping) inbound.write(chunk); });
    // While dropping, a close on one side is not passed on: the other side never learns.
    inbound.on("close", () => { if (!dropping) outbound.destroy(); });
    outbound.on("close", () => { if (!dropping) inbound.destroy(); });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    blackhole: () => { dropping = true; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
