// Emits decoder.ts: instruction ids and the planned decision tree as nested switches, each
// switch commented with the bits it tests and each leaf with its table entry.
import { StructureKind, VariableDeclarationKind, type CodeBlockWriter } from "ts-morph";
import { bitPicture, describeMask } from "../bits.ts";
import { compileCondTs, expandMacros } from "../expr.ts";
import type { Isa, Variant } from "../model.ts";
import type { DecodeNode } from "../plan.ts";
import { fieldTs, header, origin, printSource, propKey } from "./common.ts";

/** TS condition for a variant's invalid-when, fields read from the word (varied ones are fixed). */
function invalidTs(isa: Isa, v: Variant): string | undefined {
  const e = v.entry.invalidWhen;
  if (!e) return undefined;
  const ref = (name: string): string => {
    const fixed = v.fixed.get(name);
    return fixed !== undefined ? String(fixed) : fieldTs(isa.fields.get(name)!);
  };
  return compileCondTs(expandMacros(e, isa.macros), ref, () => {
    throw new Error("reg()/has() in invalid-when");
  });
}

function emitNode(w: CodeBlockWriter, n: DecodeNode, isa: Isa): void {
  switch (n.k) {
    case "leaf":
      if (n.v) {
        const inv = invalidTs(isa, n.v);
        if (inv) w.writeLine(`if (${inv}) return Op.invalid; // invalid-when ${n.v.entry.invalidWhenSrc}`);
        w.writeLine(`return Op.${n.v.name}; // ${origin(n.v)}`);
      } else w.writeLine("return Op.invalid;");
      return;
    case "test":
      w.writeLine(`// ${bitPicture(n.mask, n.match)}`);
      w.write(`if ((w & 0x${n.mask.toString(16)}) === 0x${n.match.toString(16)})`).block(() => emitNode(w, n.then, isa));
      emitNode(w, n.else, isa);
      return;
    case "switch": {
      const mask = (2 ** n.width - 1) * 2 ** n.lo;
      const expr =
        n.lo + n.width === 32
          ? `w >>> ${n.lo}`
          : n.lo === 0
            ? `w & 0x${(2 ** n.width - 1).toString(16)}`
            : `(w >>> ${n.lo}) & 0x${(2 ** n.width - 1).toString(16)}`;
      w.writeLine(`// bits ${describeMask(mask >>> 0, isa.bitOrder)}`);
      w.write(`switch (${expr})`).block(() => {
        for (const c of n.cases) {
          for (const v of c.values) w.writeLine(`case ${v}: // ${v.toString(2).padStart(n.width, "0")}`);
          w.indent(() => emitNode(w, c.node, isa));
        }
        w.writeLine("default:");
        w.indent(() => emitNode(w, n.dflt, isa));
      });
      return;
    }
  }
}

export function emitDecoder(isa: Isa, tree: DecodeNode): string {
  return printSource("decoder.ts", {
    statements: [
      header(isa, "decoder"),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        docs: ["Instruction ids by name; 0 is 'invalid'. Names are mnemonics with '.' written '_'."],
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: "Op",
            initializer: (w) => {
              w.write("{").newLine();
              w.indent(() => {
                w.writeLine("invalid: 0,");
                for (const v of isa.variants) w.writeLine(`${propKey(v.name)}: ${v.id},`);
              });
              w.write("} as const");
            },
          },
        ],
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: "OpName",
        type: "keyof typeof Op",
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        docs: ["Number of ids, 'invalid' included."],
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: "OP_COUNT", initializer: String(isa.variants.length + 1) }],
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: "decode",
        docs: [
          `Decodes one 32-bit word (as a number, any sign) to an instruction id; Op.invalid when ${isa.name} does not define it. Total: never throws.`,
        ],
        parameters: [{ name: "w", type: "number" }],
        returnType: "number",
        statements: (w) => emitNode(w, tree, isa),
      },
    ],
  });
}
