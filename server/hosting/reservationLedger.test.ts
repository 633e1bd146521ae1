// Unit: unused seat reservations per address.

import { afterEach, describe, expect, it } from "vitest";
import { ReservationLedger } from "./reservationLedger.js";

describe("ReservationLedger", () => {
  let now = 0;
  const ledgers: ReservationLedger[] = [];
  const ledger = (perAddress: number) => {
    const made = new ReservationLedger({ perAddress, seconds: 5, now: () => now });
    ledgers.push(made);
    return made;
  };
  afterEach(() => {
    for (const l of ledgers) l.close();
    now = 0;
  });

  it("counts calls in flight and unused reservations, per address, until used or lapsed", () => {
    const l = ledger(2);
    const a = l.begin("1.1.1.1")!;
    const b = l.begin("1.1.1.1")!;
    expect(l.begin("1.1.1.1")).toBeUndefined(); // two in flight already
    expect(l.begin("2.2.2.2")).toBeDefined(); // another address is not concerned
    a("s1");
    b(undefined); // the call failed: nothing held
    expect(l.held("1.1.1.1")).toBe(1);
    l.connecting("/abc/ROOM1?sessionId=s1&foo=1");
    expect(l.held("1.1.1.1")).toBe(0);
    l.begin("1.1.1.1")!("s2");
    l.begin("1.1.1.1")!("s3");
    expect(l.begin("1.1.1.1")).toBeUndefined();
    now += 5_400;
    expect(l.held("1.1.1.1")).toBe(2);
    now += 200; // past the 5 s reservation and its 0.5 s slack
    expect(l.held("1.1.1.1")).toBe(0);
    expect(l.begin("1.1.1.1")).toBeDefined();
  });

  it("limits nothing with 0", () => {
    const l = ledger(0);
    for (let i = 0; i < 100; i++) l.begin("1.1.1.1")!(`s${i}`);
    expect(l.begin("1.1.1.1")).toBeDefined();
  });
});
