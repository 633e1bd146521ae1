// Browser client: every sound of the game, synthesized with Web Audio from oscillators and a
// noise buffer (no sound files, nothing downloaded). Run by SoundPlayer, one call per sound.

export const SOUND_NAMES = [
  "ownShot", "otherShot", "hitDealt", "hurt", "frag", "death", "respawn",
  "countdown", "matchStart", "matchEnd", "chat", "lowHealth",
] as const;
export type SoundName = (typeof SOUND_NAMES)[number];

/** What a recipe plays into: the context, its output node and start time, s (context clock). */
export interface Kit {
  ctx: BaseAudioContext;
  out: AudioNode;
  t: number;
  /** One second of white noise, made once per context. */
  noise: AudioBuffer;
  /** Sources started so far by this sound (the player sums them). */
  sources: AudioScheduledSourceNode[];
}

interface Tone {
  type: OscillatorType;
  /** Start and end frequency, Hz (an exponential glide between them). */
  from: number;
  to?: number;
  /** Delay from the sound's start and length, s. */
  at?: number;
  dur: number;
  peak: number;
}

interface Noise {
  filter: BiquadFilterType;
  freq: number;
  q?: number;
  at?: number;
  dur: number;
  peak: number;
}

/** Level envelope floor: exponential ramps cannot reach 0. */
const SILENT = 0.0001;
/** Attack time of every envelope, s: short enough to feel instant, long enough not to click. */
const ATTACK = 0.004;

function envelope(kit: Kit, at: number, dur: number, peak: number): GainNode {
  const gain = kit.ctx.createGain();
  const t = kit.t + at;
  gain.gain.setValueAtTime(SILENT, t);
  gain.gain.linearRampToValueAtTime(peak, t + ATTACK);
  gain.gain.exponentialRampToValueAtTime(SILENT, t + dur);
  gain.connect(kit.out);
  return gain;
}

function tone(kit: Kit, { type, from, to = from, at = 0, dur, peak }: Tone): void {
  const osc = kit.ctx.createOscillator();
  const t = kit.t + at;
  osc.type = type;
  osc.frequency.setValueAtTime(from, t);
  if (to !== from) osc.frequency.exponentialRampToValueAtTime(to, t + dur);
  osc.connect(envelope(kit, at, dur, peak));
  osc.start(t);
  osc.stop(t + dur + 0.01);
  kit.sources.push(osc);
}

function noise(kit: Kit, { filter, freq, q = 1, at = 0, dur, peak }: Noise): void {
  const src = kit.ctx.createBufferSource();
  const t = kit.t + at;
  src.buffer = kit.noise;
  const biquad = kit.ctx.createBiquadFilter();
  biquad.type = filter;
  biquad.frequency.setValueAtTime(freq, t);
  biquad.Q.value = q;
  src.connect(biquad).connect(envelope(kit, at, dur, peak));
  // A random offset into the buffer: repeated shots do not sound identical.
  src.start(t, Math.random() * Math.max(0, kit.noise.duration - dur));
  src.stop(t + dur + 0.01);
  kit.sources.push(src);
}

export interface Recipe {
  /** Level, 0–1, before volume and distance. */
  level: number;
  /** Played at a slightly different pitch each time (sounds heard many times a second). */
  vary?: boolean;
  play(kit: Kit): void;
}

/** Each sound and how it is made. */
export const RECIPES: Record<SoundName, Recipe> = {
  // A short "pew": a falling square chirp over a crack of band-passed noise.
  ownShot: { level: 0.32, vary: true, play: (k) => {
    tone(k, { type: "square", from: 1100, to: 240, dur: 0.09, peak: 0.5 });
    noise(k, { filter: "bandpass", freq: 2400, q: 0.8, dur: 0.05, peak: 0.6 });
  } },
  // Others' shots: the same family, lower and duller, so your own stands out.
  otherShot: { level: 0.3, vary: true, play: (k) => {
    tone(k, { type: "square", from: 760, to: 180, dur: 0.1, peak: 0.45 });
    noise(k, { filter: "lowpass", freq: 1800, dur: 0.06, peak: 0.5 });
  } },
  // Your shot connected: a bright, dry tick.
  hitDealt: { level: 0.5, vary: true, play: (k) => {
    tone(k, { type: "triangle", from: 2200, to: 1800, dur: 0.05, peak: 0.9 });
  } },
  // You were hit: a low thump with a noisy edge.
  hurt: { level: 0.6, vary: true, play: (k) => {
    tone(k, { type: "sine", from: 190, to: 55, dur: 0.18, peak: 1 });
    noise(k, { filter: "lowpass", freq: 700, dur: 0.12, peak: 0.6 });
  } },
  // You fragged someone: two rising notes.
  frag: { level: 0.42, play: (k) => {
    tone(k, { type: "square", from: 660, dur: 0.09, peak: 0.45 });
    tone(k, { type: "square", from: 990, at: 0.09, dur: 0.16, peak: 0.45 });
  } },
  // You were fragged: a long falling growl.
  death: { level: 0.5, play: (k) => {
    tone(k, { type: "sawtooth", from: 420, to: 50, dur: 0.6, peak: 0.5 });
    noise(k, { filter: "lowpass", freq: 500, dur: 0.3, peak: 0.4 });
  } },
  // Back in the arena: a rising sweep.
  respawn: { level: 0.35, play: (k) => {
    tone(k, { type: "sine", from: 300, to: 900, dur: 0.25, peak: 0.8 });
  } },
  // Countdown: a plain beep per second.
  countdown: { level: 0.35, play: (k) => {
    tone(k, { type: "sine", from: 880, dur: 0.12, peak: 0.9 });
  } },
  // The match starts: the higher, longer "go" beep.
  matchStart: { level: 0.42, play: (k) => {
    tone(k, { type: "sine", from: 1320, dur: 0.38, peak: 0.9 });
    tone(k, { type: "triangle", from: 660, dur: 0.38, peak: 0.4 });
  } },
  // The match ends: three falling notes.
  matchEnd: { level: 0.42, play: (k) => {
    tone(k, { type: "triangle", from: 880, dur: 0.16, peak: 0.8 });
    tone(k, { type: "triangle", from: 660, at: 0.16, dur: 0.16, peak: 0.8 });
    tone(k, { type: "triangle", from: 440, at: 0.32, dur: 0.4, peak: 0.8 });
  } },
  // A chat line: a soft two-note blip.
  chat: { level: 0.22, play: (k) => {
    tone(k, { type: "sine", from: 1200, dur: 0.06, peak: 0.8 });
    tone(k, { type: "sine", from: 1600, at: 0.06, dur: 0.08, peak: 0.8 });
  } },
  // Health got low: a double heartbeat.
  lowHealth: { level: 0.55, play: (k) => {
    tone(k, { type: "sine", from: 90, to: 50, dur: 0.12, peak: 1 });
    tone(k, { type: "sine", from: 80, to: 45, at: 0.2, dur: 0.14, peak: 0.8 });
  } },
};

/** One second of white noise for `ctx`. */
export function makeNoise(ctx: BaseAudioContext): AudioBuffer {
  const buffer = ctx.createBuffer(1, ctx.sampleRate, ctx.sampleRate);
  const data = buffer.getChannelData(0);
  for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
  return buffer;
}
