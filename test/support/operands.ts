// fast-check arbitraries shared by the encoder and assembler property tests.
import fc from "fast-check";
import { fieldRange } from "../../generator/emit/encode.ts";
import type { Variant } from "../../generator/model.ts";

/** Random in-range values (aligned for shifted fields) for the operands a variant's encoder takes. */
export function operandValues(v: Variant): fc.Arbitrary<Record<string, number>> {
  const ops = v.entry.operands.filter((f) => !v.fixed.has(f.name));
  return fc.record(
    Object.fromEntries(
      ops.map((f) => {
        const r = fieldRange(f);
        return [
          f.name,
          fc.integer({ min: r.min / r.align, max: r.max / r.align }).map((x) => x * r.align),
        ];
      }),
    ),
  );
}
