// Open runtime bugs the oracle has found and that are not fixed yet: instruction → why. Their
// mismatches are printed with the rest but do not fail the test; an instruction listed here that
// no longer mismatches fails it, so the list only shrinks. Empty is the goal (issue 14).
import type { Arch } from "./model.ts";

export const KNOWN: Record<Arch, Record<string, string>> = {
  ppc: {
    mtspr:
      "mtspr XER: QEMU keeps XER bits 3-24, the runtime clears them (reserved in the PPC440x5 manual; undecided which to follow) (31/200 cases at the time of writing)",
    icbi: "one case whose EA leaves RAM: QEMU raises a data storage interrupt, the runtime does nothing (1/200 cases at the time of writing)",
  },
  mips: {},
};
