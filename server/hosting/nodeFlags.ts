// Server: the Node (V8) flags the production server runs with. `npm start` and `npm run soak` pass
// them (package.json; nodeFlags.test.ts checks they agree) and the bench starts its Skirmish server
// with them, so the README's figures are the ones a host gets.
//
// --max-semi-space-size=4 (MB): V8's young generation doubles whenever more bytes survive its
// collections than it holds, up to two 16 MB semi-spaces on 64-bit, and does not shrink again
// without a full collection. Every long-lived object (a player's socket, state and buffers) is
// born young, so connecting a few hundred players grows it to the maximum for good. Capped at 4 MB,
// scavenges run ~4 times as often (each as short: a tick's garbage dies young either way). Measured
// (docs/server-cost.md "Memory"): RSS per idle client (1000 clients) 46-49 KB → 34-36 KB, per
// client in the crowd scenario 298 → 153 KB; server CPU per client-second unchanged within the
// runs' spread (crowd: main-thread GC 1.4 % of the time instead of 0.7 %).

/** Flags for `node` (or `tsx`) that run the production server. */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4"];

/** The production flags this process was started without (command line or NODE_OPTIONS). */
export function missingNodeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ""): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)]);
  return SERVER_NODE_FLAGS.filter((flag) => !given.has(flag));
}
