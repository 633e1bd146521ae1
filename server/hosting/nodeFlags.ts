// Server: the Node (V8) flags the production server runs with. `npm start` and `npm run soak` pass
// them (package.json; nodeFlags.test.ts checks they agree) and the bench starts its Skirmish server
// with them, so the README's figures are the ones a host gets.
//
// --max-semi-space-size=4 (MB): V8's young generation doubles whenever more bytes survive its
// scavenges than it holds, up to Node's default of 16 MB per semi-space on 64-bit. Every long-lived
// object (a player's socket, state and buffers) is born young, so a few hundred joins grow it to
// the maximum, where it stayed in every measured window. Capped at 4 MB, scavenges run about
// four times as often, each as short (a tick's garbage dies young either way). Measured in
// docs/server-cost.md "Memory": RSS per idle client (1000 clients) about 13 KB lower, server CPU
// unchanged within the runs' spread.

/** Flags for `node` (or `tsx`) that run the production server. */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4"];

/** A flag's option name, as V8 reads it (`--max_semi_space_size=8` names --max-semi-space-size). */
function optionName(flag: string): string {
  return flag.split("=")[0]!.replace(/_/g, "-");
}

/** The production flags whose option this process was started without (command line or
 *  NODE_OPTIONS). An option given with another value is the host's choice, not missing. */
export function missingNodeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ""): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].map(optionName));
  return SERVER_NODE_FLAGS.filter((flag) => !given.has(optionName(flag)));
}

/** `node` arguments that start the production server as npm start does (tsx as an import hook;
 *  run from the repository's root). */
export function serverNodeArgs(nodeFlags: readonly string[] = SERVER_NODE_FLAGS): string[] {
  return [...nodeFlags, "--import", "tsx", "server/main.ts"];
}
