// Browser client: what the page's address asks for (?room=, ?name=, ?play=quick, ?net=) and what
// the browser remembers (the name in localStorage, the seat to rejoin in sessionStorage).

import { normalizeRoomCode } from "../../shared/text.js";
import type { LinkProfile } from "../net/linkSim.js";
import { parseLinkProfile } from "../net/linkSim.js";

export interface PageParams {
  /** `?room=CODE`: the room a share link points to (normalised, maybe not a valid code). */
  room: string | null;
  /** `?name=`: a name to start with (overrides the remembered one). */
  name: string | null;
  /** `?play=quick` (with a name): skip the start screen and quick-play at once. */
  quickPlay: boolean;
  /** `?net=`: play through the link simulator; `netError` says why it was not understood. */
  link: LinkProfile | null;
  netError: string | null;
  /** `?match=ID`: show that match's page (scoreboard, replay) instead of the start screen. */
  match: number | null;
}

export function readPageParams(search: string): PageParams {
  const params = new URLSearchParams(search);
  const room = params.get("room");
  const net = params.get("net");
  let link: LinkProfile | null = null;
  let netError: string | null = null;
  if (net !== null && net !== "" && net !== "none") {
    try {
      link = parseLinkProfile(net);
    } catch (error) {
      netError = `?net=: ${(error as Error).message}`;
    }
  }
  return {
    room: room ? normalizeRoomCode(room) : null,
    name: params.get("name"),
    quickPlay: params.get("play") === "quick",
    link,
    netError,
    match: /^\d{1,10}$/.test(params.get("match") ?? "") ? Number(params.get("match")) : null,
  };
}

/** The share link of room `code` for a page at `location`: same origin and path, only ?room=. */
export function shareLink(location: { origin: string; pathname: string }, code: string): string {
  return `${location.origin}${location.pathname}?room=${encodeURIComponent(code)}`;
}

/** Show `?room=CODE` in the address bar while in a room (reload and copy-paste keep working),
 *  and drop it (and ?play=) on leaving; other parameters (?net=) stay. */
export function showRoomInAddress(code: string | null): void {
  const url = new URL(window.location.href);
  url.searchParams.delete("play");
  if (code) url.searchParams.set("room", code);
  else url.searchParams.delete("room");
  window.history.replaceState(null, "", url);
}

const NAME_KEY = "skirmish.name";
const SEAT_KEY = "skirmish.seat";
const PLAYER_KEY = "skirmish.playerKey";

/** A new random player key: 22 URL-safe characters (128 bits). */
function newPlayerKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Storage can throw (disabled cookies, private modes): remembering is best-effort. */
function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** The seat this tab holds, kept per tab (sessionStorage) so a reload can take it back. */
export interface SavedSeat {
  /** `room.reconnectionToken` ("roomId:token"). */
  token: string;
  isPrivate: boolean;
}

function parseSeat(text: string | null): SavedSeat | null {
  if (!text) return null;
  const seat = JSON.parse(text) as Partial<SavedSeat>;
  return typeof seat.token === "string" ? { token: seat.token, isPrivate: seat.isPrivate === true } : null;
}

export const remembered = {
  name: (): string => attempt(() => window.localStorage.getItem(NAME_KEY) ?? "", ""),
  setName: (name: string): void => attempt(() => window.localStorage.setItem(NAME_KEY, name), undefined),
  /** This browser's player key (match records recognise the player by it; never shown). Made
   *  on first use; undefined when storage is unavailable (then the player is not on the board). */
  playerKey: (): string | undefined => attempt(() => {
    let key = window.localStorage.getItem(PLAYER_KEY);
    if (!key) {
      key = newPlayerKey();
      window.localStorage.setItem(PLAYER_KEY, key);
    }
    return key;
  }, undefined),
  seat: (): SavedSeat | null => attempt(() => parseSeat(window.sessionStorage.getItem(SEAT_KEY)), null),
  setSeat: (seat: SavedSeat | null): void => attempt(() => {
    if (seat) window.sessionStorage.setItem(SEAT_KEY, JSON.stringify(seat));
    else window.sessionStorage.removeItem(SEAT_KEY);
  }, undefined),
};
