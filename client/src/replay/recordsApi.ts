// Browser client: the match records API (same origin): recent matches, one match, its replay
// (decompressed in the browser), the leaderboard. The JSON's types: shared/records.ts.

import type { LeaderboardRowJson, MatchJson } from "../../../shared/records.js";
import { decodeReplayBody, replayFilePayload, type Replay } from "../../../shared/replay/format.js";

export type { LeaderboardRowJson, MatchJson, MatchPlayerJson } from "../../../shared/records.js";

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  // `npm run dev` serves the game without match records: its fallback answers with the page.
  if (!(res.headers.get("content-type") ?? "").includes("json")) throw new Error("this server keeps no match records");
  const body = await res.json().catch(() => ({})) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `${path}: HTTP ${res.status}`);
  return body;
}

export const recordsApi = {
  recent: (limit: number) => getJson<{ matches: MatchJson[] }>(`/api/matches?limit=${limit}`).then((b) => b.matches),
  match: (id: number) => getJson<MatchJson>(`/api/matches/${id}`),
  leaderboard: (period: "7d" | "all") => getJson<{ players: LeaderboardRowJson[] }>(`/api/leaderboard?period=${period}`).then((b) => b.players),
  async replay(id: number): Promise<Replay> {
    const res = await fetch(`/api/matches/${id}/replay`);
    if (!res.ok) {
      const body = await res.json().catch(() => ({})) as { error?: string };
      throw new Error(body.error ?? `replay of match ${id}: HTTP ${res.status}`);
    }
    return readReplayFile(new Uint8Array(await res.arrayBuffer()));
  },
};

/** A replay file's bytes (from the API, or a file `npm run replay -- export` wrote) → a replay. */
export async function readReplayFile(file: Uint8Array): Promise<Replay> {
  const payload = replayFilePayload(file);
  const inflated = new Blob([payload as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  let body: Uint8Array;
  try {
    body = new Uint8Array(await new Response(inflated).arrayBuffer());
  } catch {
    throw new Error("the replay file is damaged (its data does not decompress)");
  }
  return decodeReplayBody(body);
}

/** "3 min ago", "yesterday 21:04", or a date. */
export function when(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  const minutes = Math.round((now - t) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} h ago`;
  return new Date(t).toLocaleDateString();
}

export const END_REASON: Record<MatchJson["endReason"], string> = {
  time: "time up",
  frags: "frag limit",
  interrupted: "interrupted",
};
