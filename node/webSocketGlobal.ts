// Every Node process of the project (server, bench children, tests): a global WebSocket, as
// Node 22 and browsers have. Node 20 has none, and two things need it: @colyseus/core 0.18
// compares a reconnecting client's readyState against the global WebSocket.OPEN (without it
// every reconnect ends with close code 4003), and @colyseus/sdk uses the global to connect.
// Import this module for its effect, before any server starts or client connects.

import { WebSocket as NodeWebSocket } from "ws";

(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
