import { describe, expect, it } from "vitest";
import { pickSpawn } from "./spawn.js";

const SPAWNS = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 0, y: 100 }, { x: 100, y: 100 }];

describe("pickSpawn", () => {
  it("rotates through the spawn points in an empty arena", () => {
    expect([0, 1, 2, 3, 4].map((turn) => pickSpawn(SPAWNS, [], turn))).toEqual([...SPAWNS, SPAWNS[0]]);
  });

  it("picks the point farthest from every living opponent", () => {
    expect(pickSpawn(SPAWNS, [{ x: 5, y: 5 }], 0)).toEqual({ x: 100, y: 100 });
    expect(pickSpawn(SPAWNS, [{ x: 95, y: 5 }, { x: 5, y: 95 }], 0)).toEqual({ x: 0, y: 0 });
  });

  it("breaks ties by turn, deterministically", () => {
    const opponents = [{ x: 50, y: 50 }]; // every point equally far
    expect(pickSpawn(SPAWNS, opponents, 1)).toEqual(SPAWNS[1]);
    expect(pickSpawn(SPAWNS, opponents, 1)).toEqual(pickSpawn(SPAWNS, opponents, 1));
  });
});
