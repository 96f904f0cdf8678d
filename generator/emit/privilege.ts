// Emits privilege.ts: what the runtime asks before executing a word in user (problem) state —
// does it trap, which register does it name (for "unknown SPR n" reports), and does the core
// implement it at all.
import { compileTs, expandMacros, identifiers } from "../expr.ts";
import type { Isa } from "../model.ts";
import { fieldTs, header, Lines, verbatim, type Chunk } from "./common.ts";

export function emitPrivilege(isa: Isa): Chunk[] {
  const withReg = isa.entries.filter((e) => e.register);
  const privileged = isa.entries.filter((e) => e.privileged);
  const numberTs = (e: (typeof withReg)[number]) => {
    const ex = expandMacros(e.register!.number, isa.macros);
    const fields = [...identifiers(ex)].sort().map((n) => isa.fields.get(n)!);
    return { fields, expr: compileTs(ex, (n) => n, () => "0") };
  };
  const reg = new Lines()
    .doc(0, "The register the instruction names (mfspr/mtspr: the SPR), or undefined.")
    .code(0, "export function registerOperand(w: number): RegisterOperand | undefined {")
    .code(1, "switch (decode(w)) {");
  for (const e of withReg) {
    e.variants.forEach((v, i) => reg.code(2, `case Op.${v.name}:${i === e.variants.length - 1 ? " {" : ""}`));
    if (e.variants.length === 0) reg.unformatted();
    const { fields, expr } = numberTs(e);
    reg.comment(3, `${e.key} — ${e.pos.file}:${e.pos.line}`);
    for (const f of fields) reg.code(3, `const ${f.name} = ${reg.expr(fieldTs(f), true)};`);
    reg.code(3, `return ${reg.expr(`operand(${reg.str(e.register!.file)}, ${expr})`, true)};`);
    reg.code(2, "}");
  }
  reg.code(2, "default:").code(3, "return undefined;").code(1, "}").code(0, "}");

  const traps = new Lines()
    .doc(0, "Does this word trap when executed in user (problem) state? True for privileged instructions and for instructions naming a privileged register.")
    .code(0, "export function trapsInUserMode(w: number): boolean {")
    .code(1, "switch (decode(w)) {");
  for (const e of privileged) for (const v of e.variants) traps.code(2, `case Op.${v.name}:`, `// ${e.pos.file}:${e.pos.line}`);
  if (privileged.length) traps.code(3, "return true;");
  for (const e of withReg.filter((x) => !x.privileged)) {
    for (const v of e.variants) traps.code(2, `case Op.${v.name}:`);
    traps.code(3, "return registerOperand(w)!.privileged;");
  }
  traps.code(2, "default:").code(3, "return false;").code(1, "}").code(0, "}");

  return [
    verbatim(
      header(isa, "privilege and implementation queries") +
        `import { decode, Op } from "./decoder.ts";
import { INFO } from "./info.ts";
import { REGFILES, regPrivileged } from "./registers.ts";
/** A register an instruction names: its file, number, name (when the file has one) and privilege. */
export interface RegisterOperand {
  readonly file: string;
  readonly n: number;
  readonly name?: string;
  readonly privileged: boolean;
}

function operand(file: string, n: number): RegisterOperand {
  const name = REGFILES[file]?.regs.get(n)?.name;
  return name === undefined
    ? { file, n, privileged: regPrivileged(file, n) }
    : { file, n, name, privileged: regPrivileged(file, n) };
}`,
    ),
    reg.chunk(),
    traps.chunk(),
    verbatim(`/** Does the core implement this word? False for undefined words and for instructions only disassemblers know. */
export function implementedByCore(w: number): boolean {
  const id = decode(w);
  return id !== Op.invalid && !INFO[id].illegalOnCore;
}`),
  ];
}
