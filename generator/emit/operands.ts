// Emits operands.ts: one accessor per field (sign extension, shifts and split pieces done),
// and per instruction entry a typed operand record with its decoder.
import type { StatementStructures } from "ts-morph";
import { describeMask } from "../bits.ts";
import type { Entry, Isa } from "../model.ts";
import { isPlainKey } from "../tsformat.ts";
import { fieldTs, header, chunk, type Chunk, Lines, StructureKind } from "./common.ts";

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
);

/** Identifier for a field accessor: the field name, with '_' added when it is a JS keyword. */
export function accessorName(field: string): string {
  return RESERVED.has(field) ? `${field}_` : field;
}

export function operandsTypeName(e: Entry): string {
  return e.key.replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase()) + "Operands";
}

export function emitOperands(isa: Isa): Chunk[] {
  // The accessors in one chunk, then one chunk per entry.
  const statements: (string | StatementStructures)[] = [header(isa, "operand accessors")];
  const used = new Set<string>();
  for (const e of isa.entries) for (const f of e.operands) used.add(f.name);
  for (const f of [...isa.fields.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!used.has(f.name)) continue;
    const props = [
      `bits ${describeMask(f.mask, isa.bitOrder)} (${isa.bitOrder === "msb0" ? "MSB-0" : "LSB-0"})`,
      f.signed ? "sign-extended" : "",
      f.shift ? `shifted left ${f.shift}` : "",
    ].filter(Boolean);
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: accessorName(f.name),
      docs: [`${f.doc ? f.doc + ": " : ""}${props.join(", ")} — ${f.pos.file}:${f.pos.line}`],
      parameters: [{ name: "w", type: "number" }],
      returnType: "number",
      statements: `return ${fieldTs(f)};`,
    });
  }
  const chunks = [chunk(...statements)];
  for (const e of isa.entries) chunks.push(entryOperands(e));
  return chunks;
}

/** An entry's operand record and its decoder. */
function entryOperands(e: Entry): Chunk {
  const name = operandsTypeName(e);
  const out = new Lines().doc(0, `Operands of ${e.key} — ${e.pos.file}:${e.pos.line}`);
  if (e.operands.length === 0) out.code(0, `export interface ${name} {}`);
  else {
    out.code(0, `export interface ${name} {`);
    for (const f of e.operands) out.code(1, `readonly ${f.name}: number;`);
    out.code(0, "}");
  }
  out.blank().code(0, `export function ${e.key}Operands(${e.operands.length ? "w" : "_w"}: number): ${name} {`);
  const props = e.operands.map((f) => {
    if (!isPlainKey(f.name)) out.unformatted();
    return `${f.name}: ${out.expr(fieldTs(f), true)}`;
  });
  const flat = props.length ? `return { ${props.join(", ")} };` : "return {};";
  // As prettier: on one line when it fits, else one property per line.
  if (2 + flat.length <= 100) out.code(1, flat);
  else {
    out.code(1, "return {");
    for (const p of props) out.code(2, `${p},`);
    out.code(1, "};");
  }
  return out.code(0, "}").chunk();
}
