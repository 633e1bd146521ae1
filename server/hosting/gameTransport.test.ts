import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { gameSocketClass, TrafficTally, WriteBatcher } from "./gameTransport.js";

const turn = () => new Promise((resolve) => setImmediate(resolve));

interface Pair {
  client: WebSocket;
  server: WebSocket;
  /** Writes the server's TCP socket handed to the kernel (write or writev calls). */
  writes(): number;
  tally: TrafficTally;
  close(): Promise<void>;
}

/** A real ws connection over loopback whose server side sends through a WriteBatcher. */
async function pair(): Promise<Pair> {
  const http: Server = createServer();
  const tally = new TrafficTally();
  const batcher = new WriteBatcher(tally);
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false, WebSocket: gameSocketClass(batcher, tally) });
  let writes = 0;
  const accepted = new Promise<WebSocket>((resolve) => {
    wss.on("connection", (ws, req) => {
      const socket = req.socket as Socket & { _writev: (...a: unknown[]) => unknown; _write: (...a: unknown[]) => unknown };
      for (const method of ["_writev", "_write"] as const) {
        const original = socket[method].bind(socket);
        socket[method] = (...args: unknown[]) => {
          writes++;
          return original(...args);
        };
      }
      resolve(ws);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  await new Promise((resolve, reject) => client.once("open", resolve).once("error", reject));
  const server = await accepted;
  return {
    client, server, tally, writes: () => writes,
    close: async () => {
      client.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

let open: Pair | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe("WriteBatcher", () => {
  it("sends everything of one event-loop turn in one write, and the client reads the same frames in order", async () => {
    open = await pair();
    const { client, server } = open;
    const received: number[] = [];
    client.on("message", (data: Buffer) => received.push(data.readUInt16LE(1)));
    const TURNS = 20;
    const PER_TURN = 4; // a patch and three events, say
    const before = open.writes();
    for (let t = 0; t < TURNS; t++) {
      for (let i = 0; i < PER_TURN; i++) {
        const frame = Buffer.alloc(3 + (i * 37) % 200);
        frame[0] = 13; // a ROOM_DATA frame
        frame.writeUInt16LE(t * PER_TURN + i, 1);
        server.send(frame);
      }
      await turn();
      await turn();
    }
    const deadline = Date.now() + 5000;
    while (received.length < TURNS * PER_TURN && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(received).toEqual(Array.from({ length: TURNS * PER_TURN }, (_, i) => i));
    expect(open.writes() - before).toBe(TURNS);
    expect(open.tally.socketWrites).toBe(TURNS);
    expect(open.tally.sentMessages[2]).toBe(TURNS * PER_TURN);
  });

  it("frames every payload size exactly (7-bit, 16-bit and 64-bit lengths)", async () => {
    open = await pair();
    const { client, server } = open;
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];
    const received: Buffer[] = [];
    client.on("message", (data: Buffer) => received.push(data));
    const sent = sizes.map((size, i) => Buffer.alloc(size, i + 1));
    for (const frame of sent) server.send(frame);
    const deadline = Date.now() + 5000;
    while (received.length < sizes.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(received.map((b) => b.length)).toEqual(sizes);
    expect(received.every((b, i) => b.equals(sent[i]))).toBe(true);
  });

  it("what ws writes itself (ping, close) leaves after the messages sent before it", async () => {
    open = await pair();
    const { client, server } = open;
    const events: string[] = [];
    client.on("ping", () => events.push("ping"));
    client.on("message", (data: Buffer) => events.push(`message ${data[1]}`));
    const closed = new Promise<[number, string]>((resolve) => client.once("close", (code, reason) => resolve([code, reason.toString()])));
    server.send(Buffer.from([13, 1]));
    server.ping();
    server.send(Buffer.from([13, 2]));
    server.send(Buffer.from([13, 3]));
    server.close(4100, "bye");
    expect(await closed).toEqual([4100, "bye"]);
    expect(events).toEqual(["message 1", "ping", "message 2", "message 3"]);
  });

  it("without batching the same frames take a write each (the test can tell the difference)", async () => {
    open = await pair();
    const { server } = open;
    const before = open.writes();
    const raw = (server as unknown as { _socket: Socket })._socket;
    for (let i = 0; i < 4; i++) {
      raw.write(Buffer.from([0x82, 1, i])); // a complete binary frame, straight to the socket
    }
    await turn();
    expect(open.writes() - before).toBe(4);
  });

  it("tallies frames received by kind", async () => {
    open = await pair();
    const got = new Promise((resolve) => open!.server.once("message", resolve));
    open.client.send(Buffer.from([19, 1, 2])); // ROOM_INPUT_RELIABLE
    await got;
    expect(Array.from(open.tally.receivedMessages)).toEqual([1, 0, 0]);
  });
});
