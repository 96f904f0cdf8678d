// The assembler: one line of text, as the generated disassembler prints it (objdump style:
// `beq+ cr2,0x1234`, `mflr r3`, `lw a0,8(sp)`), and its address → the 32-bit word. It works from
// the model alone: the printed forms of every variant and alias (asm/forms.ts), matched against
// the text, give constraints on the fields, which asm/solve.ts solves. Every word it finds is
// disassembled and compared with the text, so it never returns a word that prints differently.
// Where several words print alike (objdump's `move` is `addu` or `or` with `zero`), the first
// form in table order that yields one wins, with unconstrained bits zero.
//
// The disassembler is a parameter rather than an import: generated/ is the generator's output,
// so generator/ must not depend on it (gen runs where it does not exist yet). Callers pass the
// generated `disassemble` of the ISA (the CLI and the tests load it with loadGenerated).
import type { Isa } from "./model.ts";
import { formsOf, formText, matchForm, nameRegex, problemOf, type Form } from "./asm/forms.ts";
import { solutions } from "./asm/solve.ts";

export type Disassemble = (w: number, pc: number) => string;

/** Text that no word of the ISA prints as. The message says what did not match and what would. */
export class AsmError extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
    this.name = "AsmError";
  }
}

/**
 * The forms of an ISA by name. `isagen asm` caches it with the model (cli/model-cache.ts), where
 * each name's forms are read from the cache only when asked for: hence `get` rather than a Map.
 */
export interface AsmIndex {
  /** Forms whose name is plain text, by that text. */
  byName: { get(name: string): Form[] | undefined };
  /**
   * Forms whose name holds {expr}s (b{cond}*{hint}, mf{reg(spr, spr)}), with a regex that
   * pre-filters names and the literal text the name starts with ("mf"), checked first: most
   * regexes then never run (V8 compiles each on its first use, a command's largest allocation).
   */
  patterned: { re: RegExp; prefix: string; form: Form }[];
  mnemonics: string[];
}

const indexes = new WeakMap<Isa, AsmIndex>();

/** The index `assemble` uses for `isa`, built once (or as given by useAsmIndex). */
export function asmIndex(isa: Isa): AsmIndex {
  let ix = indexes.get(isa);
  if (ix) return ix;
  const byName = new Map<string, Form[]>();
  const patterned: AsmIndex["patterned"] = [];
  for (const form of formsOf(isa)) {
    if (form.name.some((s) => s.k === "expr")) {
      patterned.push({ re: nameRegex(isa, form), prefix: form.name[0].k === "lit" ? form.name[0].text : "", form });
      continue;
    }
    const name = form.name.map((s) => (s.k === "lit" ? s.text : s.k === "suffix" ? form.suffix : "")).join("");
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name)!.push(form);
  }
  ix = { byName, patterned, mnemonics: [...byName.keys()] };
  indexes.set(isa, ix);
  return ix;
}

/** Makes `assemble` use `ix` for `isa`: an index asmIndex built for (a copy of) it. */
export function useAsmIndex(isa: Isa, ix: AsmIndex): void {
  indexes.set(isa, ix);
}

/** Whitespace collapsed, none after commas or around parentheses: `lw  a0, 8 (sp)` → `lw a0,8(sp)`. */
export function normalizeAsm(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(/ ?([,()]) ?/g, "$1");
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** Words found and disassembled per line before giving up (several words may share a form's constraints). */
const MAX_TRIES = 256;
/** Ways of reading the text as a form's fields tried per line (each is cheap to reject). */
const MAX_MATCHES = 20_000;
/** Longer lines are not instructions (and would make the matching slow). */
const MAX_LENGTH = 200;

/**
 * Assembles one line at address `addr` (branch targets are absolute addresses, as printed).
 * `disassemble` is the ISA's generated disassembler, which checks every answer.
 */
export function assemble(isa: Isa, text: string, addr: number, disassemble: Disassemble): number {
  const src = normalizeAsm(text);
  if (src === "") throw new AsmError("empty line: nothing to assemble", text);
  if (src.length > MAX_LENGTH) throw new AsmError(`line of ${src.length} characters: too long for one instruction`, text);
  const pc = addr >>> 0;
  const sp = src.indexOf(" ");
  const mnemonic = sp < 0 ? src : src.slice(0, sp);
  const operands = sp < 0 ? "" : src.slice(sp + 1);
  const prints = (w: number) => normalizeAsm(disassemble(w, pc)) === src;

  // Words the ISA does not define, as the disassembler prints them (.long 0x0, .word 0x600240).
  if (mnemonic === isa.invalid) {
    const w = /^0x[0-9a-f]{1,8}$/.test(operands) ? parseInt(operands, 16) >>> 0 : undefined;
    if (w !== undefined && prints(w)) return w;
    throw new AsmError(`'${src}': ${isa.invalid} takes a word in hex that ${isa.name} does not define (e.g. ${isa.invalid} 0x0)`, text);
  }

  const ix = asmIndex(isa);
  const forms = [...(ix.byName.get(mnemonic) ?? []), ...ix.patterned.filter((p) => mnemonic.startsWith(p.prefix) && p.re.test(mnemonic)).map((p) => p.form)];
  if (forms.length === 0) {
    const near = ix.mnemonics
      .map((m) => ({ m, d: editDistance(mnemonic, m) }))
      .sort((a, b) => a.d - b.d || a.m.localeCompare(b.m))
      .slice(0, 5)
      .map((x) => x.m);
    // Names built from expressions (bne+, mfsrr0) are not in that list: name their patterns.
    const patterns = [
      ...new Set(
        ix.patterned
          .filter(({ form }) => form.name[0].k === "lit" && mnemonic.startsWith(form.name[0].text))
          .map(({ form }) => form.name.map((s) => (s.k === "lit" ? s.text : s.k === "expr" ? `{${s.src}}` : "")).join("")),
      ),
    ];
    const also = patterns.length ? `; or a name of the form ${patterns.slice(0, 6).join(", ")}` : "";
    throw new AsmError(`unknown mnemonic '${mnemonic}' for ${isa.name}; nearest: ${near.join(", ")}${also}`, text);
  }

  const notes = new Set<string>();
  let tries = 0;
  let matches = 0;
  search: for (const form of forms)
    for (const constraints of matchForm(isa, form, mnemonic, operands)) {
      if (++matches > MAX_MATCHES) break search;
      for (const w of solutions(problemOf(isa, form, pc, constraints), { notes })) {
        if (prints(w)) return w;
        if (++tries >= MAX_TRIES) break search;
      }
    }
  const expected = [...new Set(forms.map(formText))];
  const shown = expected.slice(0, 8).join(" | ") + (expected.length > 8 ? ` | … (${expected.length - 8} more)` : "");
  const why = notes.size ? ` (${[...notes].slice(0, 3).join("; ")})` : "";
  throw new AsmError(`'${src}' does not match the syntax of '${mnemonic}'${why}: ${shown}`, text);
}
