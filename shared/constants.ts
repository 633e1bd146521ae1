// Both sides: every tunable number of the game, with its unit and reason.

/** Default simulation rate, Hz (hosts may choose 10–60 with TICK_RATE). One client input ==
 *  one fixed step == one server tick. 30 Hz keeps inputs and patches at 33 ms: half the
 *  bandwidth of 60 Hz, fine for a top-down shooter. Clients learn the rate from the server. */
export const TICK_RATE = 30;

/** Starting interpolation delay, ms (how far in the past remote players are drawn) before the
 *  client has measured the link; it then adapts (client/net/RemoteTimeline.ts). */
export const INTERP_DELAY_MS = 100;
/** Remote players are extrapolated from their last known velocity at most this far past the
 *  newest update, ms, then held. Sent with each shot (uint8) so the server judges the shot
 *  against the same extrapolated position: under a TCP retransmission (≥ 200 ms) plus jitter. */
export const EXTRAPOLATE_MAX_MS = 250;
/** Lag compensation cap, ms: a shooter can rewind targets at most this far (anti-abuse bound; 1 s
 *  is also Source's default). Covers a 300 ms RTT, one TCP retransmission of the shot (≥ 200 ms,
 *  the shot arrives that much later) and an interpolation delay that rides out the stalls of a
 *  lossy link; the client keeps its delay inside this budget (750 ms left none on `bad`). */
export const MAX_REWIND_MS = 1000;
/** Own-player error decay, ms: a misprediction fades over about one patch. */
export const CORRECTION_SMOOTH_MS = 50;
/** Own-player teleport threshold, px: a correction larger than this (respawn) pops instead of
 *  gliding across the map. Above max speed × a few ticks. */
export const CORRECTION_SNAP_PX = 96;
/** Remote-player teleport threshold, px, for the interpolator (respawns): farther than a player
 *  runs in one tick when the server applies a stall's banked inputs at once (INPUT_CATCHUP_SECONDS
 *  plus one step at top speed, ~122 px) and than an extrapolation can be wrong (out and back for
 *  EXTRAPOLATE_MAX_MS at top speed, 140 px). Below it, the picture runs or glides; above, it jumps. */
export const REMOTE_SNAP_PX = 160;

/** Player body radius, px. */
export const PLAYER_RADIUS = 16;
/** Top running speed, px/s: crosses the 1280 px arena in ~4.6 s. */
export const PLAYER_MAX_SPEED = 280;
/** Acceleration toward the wanted velocity, px/s²: full speed in ~0.1 s, responsive but not
 *  instant, so remote motion has no corners to pop on. */
export const PLAYER_ACCEL = 2800;
/** Deceleration when no key is held, px/s²: stops from full speed in ~0.08 s. */
export const PLAYER_FRICTION = 3500;

/** Health of a fresh player. */
export const MAX_HEALTH = 100;
/** Blaster damage per hit: 4 hits to frag. */
export const BLASTER_DAMAGE = 25;
/** Time between shots, s (5 shots/s). */
export const BLASTER_COOLDOWN_SECONDS = 0.2;
/** Blaster range, px: longer than the arena diagonal, walls are the real limit. */
export const BLASTER_RANGE = 1600;
/** How long a fragged player stays down before respawning, s. */
export const RESPAWN_SECONDS = 2;
/** Spawn protection after a respawn, s: no spawn kills. */
export const SPAWN_PROTECTION_SECONDS = 1;

/** Whole ticks covering `seconds` at `tickRate` Hz (rules count in ticks; hosts pick the rate). */
export function ticksFor(seconds: number, tickRate: number): number {
  return Math.max(1, Math.round(seconds * tickRate));
}

/** Players per room. */
export const MAX_PLAYERS = 8;
/** Frames a client may send per tick on average before it is closed for flooding
 *  (server/hosting/clientErrors.ts): one input per tick, plus pings and chat, with room to spare. */
export const MESSAGES_PER_TICK_LIMIT = 4;
/** Frames a client may send at once beyond that rate, in seconds of it: the burst of frames TCP
 *  delivers after a stall of the network or of the server. 5 s of the limit (600 frames at 30 Hz)
 *  covers the ~32 frames/s of an honest client held up for more than 15 s. */
export const MESSAGE_BURST_SECONDS = 5;
/** Server-side input buffer per client, s of inputs. The oldest drops on overflow. */
export const INPUT_BUFFER_SECONDS = 1;
/** Catch-up allowance of the real-time input budget, s: a client may have this much of unspent
 *  ticks banked (it sent nothing, or its inputs were held up by a TCP loss stall, ~200-400 ms) and
 *  spend them at once; beyond it, inputs are dropped. A client can never move faster than real
 *  time for longer than this (Source's command budget works the same way). */
export const INPUT_CATCHUP_SECONDS = 0.4;
/** A client whose inputs keep overrunning the budget (more dropped than it has ticks, for this
 *  long) is sending faster than real time on purpose: it is closed. */
export const INPUT_OVERRUN_SECONDS = 3;

/** Every number that follows from a tick rate, Hz. The server, the clients and the benchmark read
 *  these; none derives them again. */
export function tickTimings(tickRate: number) {
  return {
    tickRate,
    /** Fixed step, s: the same dt on server, reconciler and bots (determinism contract). */
    stepSeconds: 1 / tickRate,
    /** Fixed step, ms. */
    stepMs: 1000 / tickRate,
    /** State patch interval, ms: one patch per tick (see PATCH_MS). */
    patchMs: 1000 / tickRate,
    maxMessagesPerSecond: tickRate * MESSAGES_PER_TICK_LIMIT,
    burstMessages: tickRate * MESSAGES_PER_TICK_LIMIT * MESSAGE_BURST_SECONDS,
    inputBufferSize: ticksFor(INPUT_BUFFER_SECONDS, tickRate),
    inputCatchupTicks: ticksFor(INPUT_CATCHUP_SECONDS, tickRate),
    inputOverrunTicks: ticksFor(INPUT_OVERRUN_SECONDS, tickRate),
  };
}
export type TickTimings = ReturnType<typeof tickTimings>;

/** The default rate's timings. */
export const DEFAULT_TIMINGS = tickTimings(TICK_RATE);
/** Fixed step at the default rate, seconds. */
export const STEP_SECONDS = DEFAULT_TIMINGS.stepSeconds;
/** Fixed step at the default rate, ms. */
export const STEP_MS = DEFAULT_TIMINGS.stepMs;
/** State patch interval at the default rate, ms: one patch per tick, sent right after the step,
 *  so interpolation gets every simulated pose and the rewind history has tick resolution. */
export const PATCH_MS = DEFAULT_TIMINGS.patchMs;

/** Participants (people and bots) quick play tops a public room up to while a person plays in
 *  it: one person gets a match at once (hosts may choose 0–32 with QUICKPLAY_MIN_PLAYERS). */
export const QUICKPLAY_MIN_PLAYERS = 4;

/** Players needed before a match counts down. */
export const MIN_PLAYERS_TO_START = 2;
/** Countdown before a match, s. */
export const COUNTDOWN_SECONDS = 3;
/** Length of a match, s (a room may choose 5–1800 when created). */
export const MATCH_SECONDS = 180;
/** Frags that end a match early (a room may choose 1–100 when created). */
export const FRAG_LIMIT = 20;
/** Results screen between two matches, s. */
export const RESULTS_SECONDS = 8;

/** Spectator seats per room, besides the player seats. */
export const MAX_SPECTATORS = 8;
/** How long matchmaking holds a seat for a client that has not connected yet, s (then it is free
 *  again). A client connects within a round trip or two; 5 s leaves room for a slow mobile
 *  handshake while a hoarder cannot hold seats for long. */
export const SEAT_RESERVATION_SECONDS = 5;
/** How long a dropped player's seat is kept for them to reconnect, s. */
export const RECONNECT_SECONDS = 20;
/** How long an empty private room waits for someone to come back before it closes, s. */
export const EMPTY_PRIVATE_ROOM_SECONDS = 30;

/** Longest player name, visible characters. */
export const NAME_MAX_CHARS = 16;
/** Longest chat message, characters. */
export const CHAT_MAX_CHARS = 120;
/** Chat flood limit: at most CHAT_BURST messages, refilled at CHAT_PER_SECOND. */
export const CHAT_BURST = 5;
export const CHAT_PER_SECOND = 1;
