// Robustness: random instruction words and random jumps never crash the host. Every run ends in
// a RunResult (stopped, fatal with a one-line message, or budget), whatever the guest does to
// its TLB, MSR, vectors or the devices.
import { describe, expect, it } from "vitest";
import { fuzzedBamboo } from "../../support/ppc-fuzz.ts";

function fuzzRun(seed: number, userMode: boolean) {
  return fuzzedBamboo(seed, userMode).kvm.run(200_000);
}

describe("fuzzed 440 guests never crash the host", () => {
  for (let seed = 1; seed <= 24; seed++) {
    it(`seed ${seed}${seed % 3 === 0 ? " (user state)" : ""}`, () => {
      const r = fuzzRun(seed * 7919, seed % 3 === 0);
      expect(["stopped", "fatal", "stalled", "budget"]).toContain(r.kind);
      if (r.kind === "fatal" || r.kind === "stalled") expect(r.message).not.toMatch(/\n/);
    });
  }
});
