// Server: validation of what a client may pass when it creates or joins an arena.

import { z } from "zod";

/** Printable name, 1–16 visible characters, no control characters. */
export const PlayerName = z
  .string()
  .trim()
  .min(1, "name must have at least 1 visible character")
  .max(16, "name must be at most 16 characters")
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), "name must not contain control characters");

/** Options of `joinOrCreate` / `create` / `join` (Colyseus hands the same object to both
 *  onCreate and onJoin). Unknown keys are refused, so a typo is reported, not ignored. */
export const ArenaOptions = z.object({
  name: PlayerName.optional(),
  /** Server-side lag compensation for a new room (default on). Off only for netcode
   *  experiments: the bots' hit-registration control run. */
  lagCompensation: z.boolean().optional(),
  /** Whether hits deal damage in a new room (default on). Off only for netcode experiments:
   *  the bots' hit-registration scenario counts hits on a target that must not die. */
  damage: z.boolean().optional(),
}).strict();
export type ArenaOptions = z.infer<typeof ArenaOptions>;

/** Parse or throw an Error whose message says what was wrong, field by field. */
export function parseOrExplain<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues
    .map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message)
    .join("; ");
  throw new Error(`invalid ${what}: ${details}`);
}
