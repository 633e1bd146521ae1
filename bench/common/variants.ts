// Bench (everyone): the four servers compared, in the order they run within a repetition.

export const VARIANTS = {
  skirmish: {
    label: "Skirmish",
    about: "the real `arena` room (server/app.ts createGameServer) with npm start's Node flags (server/hosting/nodeFlags.ts), quantized schema, input netcode, lag compensation",
  },
  minimal: {
    label: "Minimal Colyseus",
    about: "a plain Colyseus 0.18 room: default `t.number()` fields, inputs as `room.send`, no netcode features",
  },
  json: {
    label: "JSON broadcast",
    about: "a plain `ws` server sending the whole room state as JSON to every client every tick",
  },
  raw: {
    label: "Raw floor",
    about: "`ws` writing the same number of messages of the same sizes as Skirmish did, no game",
  },
} as const;

export type Variant = keyof typeof VARIANTS;

/** A B C D: Skirmish first, so the raw floor can replay the traffic Skirmish just produced. */
export const VARIANT_ORDER: readonly Variant[] = ["skirmish", "minimal", "json", "raw"];

export function isVariant(name: string): name is Variant {
  return Object.hasOwn(VARIANTS, name);
}

/** Colyseus variants speak the Colyseus protocol (matchmaking over HTTP, then a WebSocket). */
export function isColyseus(variant: Variant): boolean {
  return variant === "skirmish" || variant === "minimal";
}
