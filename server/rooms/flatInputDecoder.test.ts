import { OPERATION } from "@colyseus/schema";
import { InputDecoder, InputEncoder } from "@colyseus/schema/input";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/random.js";
import { PlayerInput } from "../../shared/schema.js";
import { GLIDE_KEYS } from "../../shared/sim/glide.js";
import { flatFields, installFlatInputDecoder } from "./flatInputDecoder.js";

/** The rest of a shot's stamp (uint16 each). */
const STAMP_FIELDS = ["newest", ...GLIDE_KEYS.flatMap((k) => [k.from, k.to, k.at, k.age])] as const;
const FIELDS = ["moveX", "moveY", "aim", "fire", "lead", ...STAMP_FIELDS] as const;

/** A client as Colyseus allocates it: the schema instance and the library's decoder. */
function allocatedClient() {
  const instance = new PlayerInput();
  return { _input: instance as unknown, _inputDecoder: new InputDecoder(instance) as unknown };
}

function values(input: unknown): unknown[] {
  return FIELDS.map((f) => (input as Record<string, unknown>)[f]);
}

describe("flat input decoder", () => {
  it("reads every field of the input schema", () => {
    expect(flatFields(PlayerInput)?.map((f) => f.name)).toEqual([...FIELDS]);
  });

  it("decodes the SDK's input frames to exactly the values the schema decoder gives, and clones plain copies", () => {
    const random = seededRandom(7);
    const sent = new PlayerInput();
    const encoder = new InputEncoder(sent);
    const reference = new InputDecoder(new PlayerInput());
    const client = allocatedClient();
    expect(installFlatInputDecoder(client, PlayerInput)).toBe(true);
    const fast = client._inputDecoder as { decode(bytes: Uint8Array): unknown };
    for (let i = 0; i < 5000; i++) {
      // Change some fields (the encoder sends only what changed), edge values included.
      if (random() < 0.5) sent.moveX = [-1, 0, 1, random() * 2 - 1, 1.7, Number.NaN][Math.floor(random() * 6)];
      if (random() < 0.5) sent.moveY = random() * 2 - 1;
      if (random() < 0.7) sent.aim = random() * 7 - 0.5;
      if (random() < 0.3) sent.fire = random() < 0.5;
      if (random() < 0.2) sent.lead = Math.floor(random() * 65536);
      for (const field of STAMP_FIELDS) if (random() < 0.1) sent[field] = Math.floor(random() * 65536);
      const frame = encoder.encode().slice();
      reference.decode(frame);
      fast.decode(frame);
      expect(values(client._input), `frame ${i}`).toEqual(values(reference.instance));
    }
    const copy = (client._input as { clone(): unknown }).clone();
    expect(values(copy)).toEqual(values(client._input));
    expect(copy).not.toBe(client._input);
  });

  it("hands a frame it does not expect to the schema decoder, kept in step", () => {
    const client = allocatedClient();
    installFlatInputDecoder(client, PlayerInput);
    const fast = client._inputDecoder as { decode(bytes: Uint8Array): unknown };
    const sent = new PlayerInput();
    const encoder = new InputEncoder(sent);
    sent.moveX = 1;
    sent.aim = 1.5;
    fast.decode(encoder.encode().slice());
    // Field writes only so far: no schema decoder was made for this client.
    expect((fast as unknown as { schemaDecoder?: unknown }).schemaDecoder).toBeUndefined();
    // A DELETE of field 3 (fire): not a field write, so the schema decoder takes it.
    fast.decode(Uint8Array.from([OPERATION.DELETE | 3]));
    expect((fast as unknown as { schemaDecoder?: unknown }).schemaDecoder).toBeDefined();
    expect((client._input as { moveX: number }).moveX).toBe(1);
    expect((client._input as { aim: number }).aim).toBeCloseTo(1.5, 3);
    // An unknown field index goes the same way; the schema decoder refuses it (Colyseus drops
    // such a frame) and the values stay as they were.
    try {
      fast.decode(Uint8Array.from([OPERATION.ADD | 40, 1]));
    } catch {
      // the schema decoder's own refusal
    }
    expect((client._input as { moveX: number }).moveX).toBe(1);
  });

  it("is installed once, and not over a client without an input decoder", () => {
    const client = allocatedClient();
    expect(installFlatInputDecoder(client, PlayerInput)).toBe(true);
    expect(installFlatInputDecoder(client, PlayerInput)).toBe(false);
    expect(installFlatInputDecoder({}, PlayerInput)).toBe(false);
  });
});
