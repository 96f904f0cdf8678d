// Emits encode.ts: one encoder per instruction (variant), taking its operands by name and
// checking each against the field's range (and alignment, for shifted fields).
import type { Field, Isa, Variant } from "../model.ts";
import { header, origin, printSource, propKey } from "./common.ts";

/** Range of values a field accepts, after its shift. */
export function fieldRange(f: Field): { min: number; max: number; align: number } {
  const align = 2 ** f.shift;
  if (f.signed) return { min: -(2 ** (f.width - 1)) * align, max: (2 ** (f.width - 1) - 1) * align, align };
  return { min: 0, max: (2 ** f.width - 1) * align, align };
}

/** TS placing the (already range-checked) value `v` of field f into its bits. */
function placeTs(f: Field, v: string): string {
  const raw = f.shift ? `(${v} / ${2 ** f.shift})` : v;
  const masked = `(${raw} & 0x${(2 ** f.width - 1).toString(16)})`;
  if (f.pieces.length === 1) return f.pieces[0].lo ? `(${masked} << ${f.pieces[0].lo})` : masked;
  const parts: string[] = [];
  let below = 0;
  for (let i = f.pieces.length - 1; i >= 0; i--) {
    const p = f.pieces[i];
    const take = below ? `((${masked} >>> ${below}) & 0x${(2 ** p.width - 1).toString(16)})` : `(${masked} & 0x${(2 ** p.width - 1).toString(16)})`;
    parts.push(p.lo ? `(${take} << ${p.lo})` : take);
    below += p.width;
  }
  return `(${parts.join(" | ")})`;
}

function operandsOf(v: Variant): Field[] {
  return v.entry.operands.filter((f) => !v.fixed.has(f.name));
}

export function emitEncode(isa: Isa): string {
  return printSource("encode.ts", {
    statements: [
      header(isa, "encoders"),
      `/** Thrown when an operand is outside what its field can hold. */
export class EncodeError extends RangeError {
  constructor(readonly insn: string, readonly operand: string, readonly value: number, readonly min: number, readonly max: number, readonly align: number) {
    super(\`\${insn}: operand \${operand} = \${value} is out of range \${min}..\${max}\${align > 1 ? \` (a multiple of \${align})\` : ""}\`);
    this.name = "EncodeError";
  }
}`,
      `function check(insn: string, operand: string, v: number, min: number, max: number, align: number): number {
  if (!Number.isInteger(v) || v < min || v > max || v % align !== 0) throw new EncodeError(insn, operand, v, min, max, align);
  return v;
}`,
      (w) => {
        w.writeLine(`/** Encoders by instruction name (as in Op); each returns the word as an unsigned number. */`);
        w.writeLine("export const encode = {");
        w.indent(() => {
          for (const v of isa.variants) {
            const ops = operandsOf(v);
            w.writeLine(`/** ${origin(v)} */`);
            const param = ops.length ? `o: { ${ops.map((f) => `${f.name}: number`).join("; ")} }` : "";
            w.write(`${propKey(v.name)}(${param}): number`).block(() => {
              for (const f of ops) {
                const r = fieldRange(f);
                w.writeLine(`check(${JSON.stringify(v.mnemonic)}, ${JSON.stringify(f.name)}, o.${f.name}, ${r.min}, ${r.max}, ${r.align});`);
              }
              const parts = [`0x${v.match.toString(16)}`, ...ops.map((f) => placeTs(f, `o.${f.name}`))];
              w.writeLine(`return (${parts.join(" | ")}) >>> 0;`);
            });
            w.write(",").newLine();
          }
        });
        w.writeLine("};");
      },
    ],
  });
}
