// Small relations over the model that the decoder planner, explain and the assembler share with
// the checks (checks.ts re-exports them). Kept apart from checks.ts, which imports model.ts and
// through it the YAML loader and the schema validator, so that `isagen explain` and `isagen asm`
// start without loading those.
import type { RegfileLookup } from "./expr.ts";
import type { Entry, Isa } from "./model.ts";

export function regLookup(isa: Isa): RegfileLookup {
  return {
    name: (file, n) => isa.regfiles.get(file)?.regs.get(n)?.name,
    fallback: (file, n) => (isa.regfiles.get(file)?.fallback ?? "%d").replace("%d", String(n)),
  };
}

/** Does a win over b where both match? */
export function wins(a: Entry, b: Entry): boolean {
  return a.overrides.includes(b.key);
}

export function overlaps(a: { mask: number; match: number }, b: { mask: number; match: number }): boolean {
  return ((a.mask & b.mask & (a.match ^ b.match)) >>> 0) === 0;
}
