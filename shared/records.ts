// Both sides: the match records API's JSON, as server/records/api.ts answers it and the browser
// (client/src/replay/recordsApi.ts) reads it.

export type EndReason = "time" | "frags" | "interrupted";

/** A leaderboard's time span. */
export type Period = "7d" | "all";

export interface MatchPlayerJson {
  name: string;
  frags: number;
  deaths: number;
  shots: number;
  hits: number;
  bot: boolean;
  winner: boolean;
}

export interface MatchJson {
  id: number;
  room: string;
  /** ISO 8601. */
  startedAt: string;
  endedAt: string;
  endReason: EndReason;
  rules: { matchSeconds: number; fragLimit: number; tickRate: number };
  winner: string | null;
  players: MatchPlayerJson[];
  hasReplay: boolean;
}

export interface LeaderboardRowJson {
  name: string;
  wins: number;
  frags: number;
  deaths: number;
  /** Frags per death (frags when never fragged), 2 decimals. */
  kd: number;
  matches: number;
}
