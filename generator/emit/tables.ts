// Emits the data modules: registers.ts (register files), info.ts (per-id metadata the runtime
// and tools query), handlers.ts (one typed method per entry + dispatch) and index.ts.
import { StructureKind } from "ts-morph";
import { hex32 } from "../bits.ts";
import { compileTs, evaluate } from "../expr.ts";
import type { Isa } from "../model.ts";
import { header, printSource, propKey } from "./common.ts";
import { operandsTypeName } from "./operands.ts";

const NO_REGS = { name: () => undefined, fallback: () => "" };

export function emitRegisters(isa: Isa): string {
  const files = [...isa.regfiles.values()].sort((a, b) => a.name.localeCompare(b.name));
  return printSource("registers.ts", {
    statements: [
      header(isa, "register files"),
      `export interface RegInfo {
  readonly num: number;
  readonly name: string;
  /** Access traps in user (problem) state. */
  readonly privileged: boolean;
  readonly access: "rw" | "ro" | "wo";
  readonly doc?: string;
}`,
      `export interface RegFile {
  /** How an unnamed number prints (%d is the number). */
  readonly fallback: string;
  readonly regs: ReadonlyMap<number, RegInfo>;
}`,
      (w) => {
        w.writeLine("export const REGFILES: Readonly<Record<string, RegFile>> = {");
        w.indent(() => {
          for (const f of files) {
            w.writeLine(`${propKey(f.name)}: {`);
            w.indent(() => {
              w.writeLine(`fallback: ${JSON.stringify(f.fallback)},`);
              w.writeLine("regs: new Map<number, RegInfo>([");
              w.indent(() => {
                for (const r of [...f.regs.values()].sort((a, b) => a.num - b.num)) {
                  const doc = r.doc ? `, doc: ${JSON.stringify(r.doc)}` : "";
                  // An entry's own flag wins; otherwise the file's rule (Book E: n & 0x10).
                  const priv =
                    r.privileged ??
                    (f.privilegedIf ? Number(evaluate(f.privilegedIf, new Map([["n", r.num]]), NO_REGS)) !== 0 : false);
                  w.writeLine(
                    `[${r.num}, { num: ${r.num}, name: ${JSON.stringify(r.name)}, privileged: ${priv}, access: ${JSON.stringify(r.access ?? "rw")}${doc} }],`,
                  );
                }
              });
              w.writeLine("]),");
            });
            w.writeLine("},");
          }
        });
        w.writeLine("};");
      },
      (w) => {
        w.writeLine("/** Is register n of a file privileged? Named registers say so; others follow the file's rule. */");
        w.write("export function regPrivileged(file: string, n: number): boolean").block(() => {
          w.writeLine("const r = REGFILES[file]?.regs.get(n);");
          w.writeLine("if (r) return r.privileged;");
          for (const f of files.filter((x) => x.privilegedIf))
            w.writeLine(`if (file === ${JSON.stringify(f.name)}) return ${compileTs(f.privilegedIf!, (x) => x, () => "0")} !== 0; // ${f.privilegedIfSrc}`);
          w.writeLine("return false;");
        });
      },
      `/** Name of register n of a file, or its fallback form (or \`fallback\` when given). */
export function regName(file: string, n: number, fallback?: string): string {
  const f = REGFILES[file];
  const r = f?.regs.get(n);
  if (r) return r.name;
  return fallback ?? (f?.fallback ?? "%d").replace("%d", String(n));
}`,
    ],
  });
}

export function emitInfo(isa: Isa): string {
  return printSource("info.ts", {
    statements: [
      header(isa, "instruction metadata"),
      `export interface InsnInfo {
  readonly id: number;
  /** Variant name as in Op (mnemonic with '.' as '_'). */
  readonly name: string;
  readonly mnemonic: string;
  /** Table entry (handler method) the variant belongs to. */
  readonly entry: string;
  /** Where the entry is defined, file:line. */
  readonly source: string;
  readonly summary: string;
  readonly dialects: readonly string[];
  /** Traps when executed in user (problem) state. */
  readonly privileged: boolean;
  /** Disassemblers know it, but the core raises an illegal-instruction exception. */
  readonly illegalOnCore: boolean;
  readonly flags: readonly string[];
  /** Bytes loaded / stored, when the instruction accesses memory. */
  readonly load?: number;
  readonly store?: number;
  readonly signed: boolean;
  /** MIPS: coprocessor that must be usable. */
  readonly cop?: number;
  /** Fixed bits: a word encodes this variant when (w & mask) === match (and no override wins). */
  readonly mask: number;
  readonly match: number;
}`,
      (w) => {
        w.writeLine("/** Metadata by instruction id (index 0 is 'invalid'). */");
        w.writeLine("export const INFO: readonly InsnInfo[] = [");
        w.indent(() => {
          w.writeLine(
            `{ id: 0, name: "invalid", mnemonic: ${JSON.stringify(isa.invalid)}, entry: "invalid", source: "", summary: "Not defined by ${isa.name}", dialects: [], privileged: false, illegalOnCore: true, flags: [], signed: false, mask: 0, match: 0 },`,
          );
          for (const v of isa.variants) {
            const e = v.entry;
            const opt = [
              e.load !== undefined ? `load: ${e.load}` : "",
              e.store !== undefined ? `store: ${e.store}` : "",
              e.cop !== undefined ? `cop: ${e.cop}` : "",
            ].filter(Boolean);
            w.writeLine(
              `{ id: ${v.id}, name: ${JSON.stringify(v.name)}, mnemonic: ${JSON.stringify(v.mnemonic)}, entry: ${JSON.stringify(e.key)}, source: ${JSON.stringify(`${e.pos.file}:${e.pos.line}`)}, summary: ${JSON.stringify(e.summary)}, dialects: ${JSON.stringify(e.dialects)}, privileged: ${e.privileged}, illegalOnCore: ${e.illegalOnCore}, flags: ${JSON.stringify(e.flags)}, ${opt.map((o) => o + ", ").join("")}signed: ${e.signed}, mask: ${hex32(v.mask)}, match: ${hex32(v.match)} },`,
            );
          }
        });
        w.writeLine("];");
      },
    ],
  });
}

export function emitHandlers(isa: Isa): string {
  return printSource("handlers.ts", {
    statements: [
      header(isa, "emulation handler interface and dispatch"),
      'import { decode, Op } from "./decoder.ts";',
      {
        kind: StructureKind.Interface,
        isExported: true,
        name: "Handlers",
        typeParameters: [{ name: "R", default: "void" }],
        docs: [
          `One method per instruction entry of ${isa.name}; each receives the instruction word (decode operands with the accessors in operands.ts). A handler set must implement every method: a new table entry is a type error until it is handled.`,
        ],
        methods: [
          ...isa.entries.map((e) => ({
            name: e.key,
            docs: [
              `${e.summary || e.mnemonic}${e.privileged ? " (privileged)" : ""} — ${e.variants.map((v) => v.mnemonic).join(", ")} — operands ${operandsTypeName(e)} — ${e.pos.file}:${e.pos.line}`,
            ],
            parameters: [{ name: "w", type: "number" }],
            returnType: "R",
          })),
          { name: "invalid", docs: ["A word the ISA does not define."], parameters: [{ name: "w", type: "number" }], returnType: "R" },
        ],
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: "dispatchId",
        docs: ["Calls the handler of an already decoded instruction id."],
        typeParameters: ["R"],
        parameters: [
          { name: "h", type: "Handlers<R>" },
          { name: "id", type: "number" },
          { name: "w", type: "number" },
        ],
        returnType: "R",
        statements: (w) => {
          w.write("switch (id)").block(() => {
            for (const e of isa.entries) {
              for (const v of e.variants) w.writeLine(`case Op.${v.name}:`);
              w.indent(() => w.writeLine(`return h.${e.key}(w);`));
            }
            w.writeLine("default:");
            w.indent(() => w.writeLine("return h.invalid(w);"));
          });
        },
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: "dispatch",
        docs: ["Decodes a word and calls its handler."],
        typeParameters: ["R"],
        parameters: [
          { name: "h", type: "Handlers<R>" },
          { name: "w", type: "number" },
        ],
        returnType: "R",
        statements: "return dispatchId(h, decode(w), w);",
      },
    ],
  });
}

export function emitIndex(isa: Isa): string {
  return printSource("index.ts", {
    statements: [
      header(isa, "entry point"),
      'export { decode, Op, OP_COUNT, type OpName } from "./decoder.ts";',
      'export { disassemble } from "./disasm.ts";',
      'export { encode, EncodeError } from "./encode.ts";',
      'export { dispatch, dispatchId, type Handlers } from "./handlers.ts";',
      'export { INFO, type InsnInfo } from "./info.ts";',
      'export { REGFILES, regName, regPrivileged, type RegInfo, type RegFile } from "./registers.ts";',
      'export { implementedByCore, registerOperand, trapsInUserMode, type RegisterOperand } from "./privilege.ts";',
      'export * as operands from "./operands.ts";',
      `export const ISA = { name: ${JSON.stringify(isa.name)}, endian: ${JSON.stringify(isa.endian)}, invalid: ${JSON.stringify(isa.invalid)}, tables: ${JSON.stringify(isa.tables)} } as const;`,
    ],
  });
}
