// Emits encode.ts: one encoder function per instruction (variant), taking its operands by name
// and checking each against the field's range (and alignment, for shifted fields), and the
// `encode` object that names them as in Op.
import type { Field, Isa, Variant } from "../model.ts";
import { header, origin, chunk, verbatim, type Chunk, propKey, StructureKind, VariableDeclarationKind } from "./common.ts";

// In its own module so that the assembler (`isagen asm`) does not load ts-morph through this one.
import { fieldRange } from "../field-range.ts";
export { fieldRange };

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

export function emitEncode(isa: Isa): Chunk[] {
  const chunks: Chunk[] = [
    verbatim(`${header(isa, "encoders")}${ENCODE_ERROR}`),
    chunk({
      kind: StructureKind.VariableStatement,
      isExported: true,
      docs: ["Encoders by instruction name (as in Op); each returns the word as an unsigned number."],
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: "encode",
          initializer: (w) => {
            w.write("{").newLine();
            w.indent(() => {
              for (const v of isa.variants) w.writeLine(`${propKey(v.name)}: ${encName(v)},`);
            });
            w.write("}");
          },
        },
      ],
    }),
  ];
  for (const v of isa.variants) {
    const ops = operandsOf(v);
    chunks.push(
      chunk({
        kind: StructureKind.Function,
        name: encName(v),
        docs: [origin(v)],
        parameters: ops.length ? [{ name: "o", type: `{ ${ops.map((f) => `${f.name}: number`).join("; ")} }` }] : [],
        returnType: "number",
        statements: [
          ...ops.map((f) => {
            const r = fieldRange(f);
            return `check(${JSON.stringify(v.mnemonic)}, ${JSON.stringify(f.name)}, o.${f.name}, ${r.min}, ${r.max}, ${r.align});`;
          }),
          // The fixed bits, then each operand's bits: one short line per operand.
          ...(ops.length === 0
            ? [`return 0x${v.match.toString(16)};`]
            : [`let w = 0x${v.match.toString(16)};`, ...ops.map((f) => `w |= ${placeTs(f, `o.${f.name}`)};`), "return w >>> 0;"]),
        ],
      }),
    );
  }
  return chunks;
}

/** The encoders' error and range check (as prettier prints them: a verbatim chunk). */
const ENCODE_ERROR = `/** Thrown when an operand is outside what its field can hold. */
export class EncodeError extends RangeError {
  constructor(
    readonly insn: string,
    readonly operand: string,
    readonly value: number,
    readonly min: number,
    readonly max: number,
    readonly align: number,
  ) {
    super(
      \`\${insn}: operand \${operand} = \${value} is out of range \${min}..\${max}\${align > 1 ? \` (a multiple of \${align})\` : ""}\`,
    );
    this.name = "EncodeError";
  }
}

function check(
  insn: string,
  operand: string,
  v: number,
  min: number,
  max: number,
  align: number,
): number {
  if (!Number.isInteger(v) || v < min || v > max || v % align !== 0)
    throw new EncodeError(insn, operand, v, min, max, align);
  return v;
}`;

/** Name of a variant's encoder function. */
function encName(v: Variant): string {
  return `enc_${v.name}`;
}
