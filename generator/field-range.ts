// The range of values a field accepts: shared by the encoder emitter (emit/encode.ts) and the
// assembler (asm/solve.ts), which must not load the emitters' ts-morph.
import type { Field } from "./model.ts";

/** Range of values a field accepts, after its shift. */
export function fieldRange(f: Field): { min: number; max: number; align: number } {
  const align = 2 ** f.shift;
  if (f.signed) return { min: -(2 ** (f.width - 1)) * align, max: (2 ** (f.width - 1) - 1) * align, align };
  return { min: 0, max: (2 ** f.width - 1) * align, align };
}
