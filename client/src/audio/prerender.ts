// Browser client: renders every recipe once into a buffer (OfflineAudioContext, off the main
// thread), so a sound in play is one buffer source and a gain instead of a graph of oscillators
// and filters built per shot. Run by SoundPlayer once the audio context exists.

import { RECIPES, SOUND_NAMES, type SoundName } from "./recipes.js";

/** Render length, s: longer than the longest recipe (the match-end notes, 0.72 s). */
const RENDER_SECONDS = 1;
/** Samples quieter than this end a sound (the envelopes' floor is 0.0001). */
const SILENCE = 0.0002;

/** Every sound at `sampleRate`, trimmed of its trailing silence. `noise` is the recipes' noise
 *  buffer (buffers are not tied to a context). */
export async function renderSounds(sampleRate: number, noise: AudioBuffer): Promise<Map<SoundName, AudioBuffer>> {
  const buffers = new Map<SoundName, AudioBuffer>();
  for (const name of SOUND_NAMES) {
    const offline = new OfflineAudioContext(1, Math.ceil(RENDER_SECONDS * sampleRate), sampleRate);
    RECIPES[name].play({ ctx: offline, out: offline.destination, t: 0, noise, sources: [] });
    buffers.set(name, trimSilence(await offline.startRendering()));
  }
  return buffers;
}

function trimSilence(buffer: AudioBuffer): AudioBuffer {
  const data = buffer.getChannelData(0);
  let end = data.length;
  while (end > 1 && Math.abs(data[end - 1]) < SILENCE) end--;
  const trimmed = new AudioBuffer({ numberOfChannels: 1, length: end, sampleRate: buffer.sampleRate });
  trimmed.copyToChannel(data.subarray(0, end), 0);
  return trimmed;
}
