// Emits privilege.ts: what the runtime asks before executing a word in user (problem) state —
// does it trap, which register does it name (for "unknown SPR n" reports), and does the core
// implement it at all.
import { compileTs, expandMacros, identifiers } from "../expr.ts";
import type { Isa } from "../model.ts";
import { chunk, fieldTs, header, type Chunk } from "./common.ts";

export function emitPrivilege(isa: Isa): Chunk[] {
  const withReg = isa.entries.filter((e) => e.register);
  const privileged = isa.entries.filter((e) => e.privileged);
  const numberTs = (e: (typeof withReg)[number]) => {
    const ex = expandMacros(e.register!.number, isa.macros);
    const fields = [...identifiers(ex)].sort().map((n) => isa.fields.get(n)!);
    const decl = fields.map((f) => `const ${f.name} = ${fieldTs(f)};`).join(" ");
    return { decl, expr: compileTs(ex, (n) => n, () => "0") };
  };
  return [
    chunk(
      header(isa, "privilege and implementation queries") + 'import { decode, Op } from "./decoder.ts";',
      'import { INFO } from "./info.ts";',
      'import { REGFILES, regPrivileged } from "./registers.ts";',
      `/** A register an instruction names: its file, number, name (when the file has one) and privilege. */
export interface RegisterOperand {
  readonly file: string;
  readonly n: number;
  readonly name?: string;
  readonly privileged: boolean;
}`,
      `function operand(file: string, n: number): RegisterOperand {
  const name = REGFILES[file]?.regs.get(n)?.name;
  return name === undefined ? { file, n, privileged: regPrivileged(file, n) } : { file, n, name, privileged: regPrivileged(file, n) };
}`,
      (w) => {
        w.writeLine("/** The register the instruction names (mfspr/mtspr: the SPR), or undefined. */");
        w.write("export function registerOperand(w: number): RegisterOperand | undefined").block(() => {
          w.write("switch (decode(w))").block(() => {
            for (const e of withReg) {
              for (const v of e.variants) w.writeLine(`case Op.${v.name}:`);
              const { decl, expr } = numberTs(e);
              w.write("").block(() => {
                w.writeLine(`// ${e.key} — ${e.pos.file}:${e.pos.line}`);
                w.writeLine(decl);
                w.writeLine(`return operand(${JSON.stringify(e.register!.file)}, ${expr});`);
              });
            }
            w.writeLine("default:");
            w.indent(() => w.writeLine("return undefined;"));
          });
        });
        w.blankLine();
        w.writeLine(
          "/** Does this word trap when executed in user (problem) state? True for privileged instructions and for instructions naming a privileged register. */",
        );
        w.write("export function trapsInUserMode(w: number): boolean").block(() => {
          w.write("switch (decode(w))").block(() => {
            for (const e of privileged) for (const v of e.variants) w.writeLine(`case Op.${v.name}: // ${e.pos.file}:${e.pos.line}`);
            if (privileged.length) w.indent(() => w.writeLine("return true;"));
            for (const e of withReg.filter((x) => !x.privileged)) {
              for (const v of e.variants) w.writeLine(`case Op.${v.name}:`);
              w.indent(() => w.writeLine("return registerOperand(w)!.privileged;"));
            }
            w.writeLine("default:");
            w.indent(() => w.writeLine("return false;"));
          });
        });
        w.blankLine();
        w.writeLine("/** Does the core implement this word? False for undefined words and for instructions only disassemblers know. */");
        w.write("export function implementedByCore(w: number): boolean").block(() => {
          w.writeLine("const id = decode(w);");
          w.writeLine("return id !== Op.invalid && !INFO[id].illegalOnCore;");
        });
      },
    ),
  ];
}
