// Open runtime bugs the oracle has found and that are not fixed yet: instruction → why. Their
// mismatches are printed with the rest but do not fail the test; an instruction listed here that
// no longer mismatches fails it, so the list only shrinks. Empty is the goal (issue 14).
import type { Arch } from "./model.ts";

export const KNOWN: Record<Arch, Record<string, string>> = {
  ppc: {},
  mips: {},
};
