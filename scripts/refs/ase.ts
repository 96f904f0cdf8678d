// ASE instructions in the objdump references. objdump decodes every ASE it knows even for a
// base-ISA machine (mips:isa32r2 shows MSA, DSP, MT, VZ, EVA ... instructions), but a base-ISA
// disassembler must print those words as invalid. test/refs/<isa>/ase-mnemonics.txt lists the
// objdump mnemonics that belong to an ASE, one per line:
//
//   mnemonic<TAB>ASE name          e.g.  addu.qb<TAB>DSP
//   text glob<TAB>ASE name         e.g.  mfhi *,$ac*<TAB>DSP
//
// A first column with a space is a glob ('*' wildcard) over objdump's whole normalised text;
// it marks ASE forms of base mnemonics (the DSP accumulator forms of mfhi, mult, madd ...).
// '#' starts a comment line.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RefEntry } from "./objdump.ts";

export interface AseList {
  /** Exact objdump mnemonic → ASE name. */
  mnemonics: Map<string, string>;
  /** Globs over the whole text → ASE name. */
  texts: { glob: string; re: RegExp; ase: string }[];
}

function globRe(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

export function parseAseList(text: string): AseList {
  const out: AseList = { mnemonics: new Map(), texts: [] };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const [key, ase = ""] = line.split("\t");
    if (key.includes(" ")) out.texts.push({ glob: key, re: globRe(key), ase: ase.trim() });
    else out.mnemonics.set(key.trim(), ase.trim());
  }
  return out;
}

/** Reads <refsDir>/<isa>/ase-mnemonics.txt (empty when absent). */
export function loadAseList(refsDir: string, isa: string): AseList {
  const path = join(refsDir, isa, "ase-mnemonics.txt");
  return existsSync(path) ? parseAseList(readFileSync(path, "utf8")) : { mnemonics: new Map(), texts: [] };
}

/** The ASE an objdump text belongs to, or undefined for base-ISA text. */
export function aseOf(list: AseList, text: string): string | undefined {
  const t = text.trim().replace(/[ \t]+/g, " ");
  const m = /^[^ ]+/.exec(t)?.[0] ?? "";
  const byName = list.mnemonics.get(m);
  if (byName !== undefined) return byName;
  return list.texts.find((g) => g.re.test(t))?.ase;
}

/**
 * Rewrites the expected text of ASE words to the invalid form (`.word 0x…`), which is what a
 * base-ISA disassembler must print for them.
 */
export function* expectAseInvalid(refs: Iterable<RefEntry>, list: AseList, invalid = ".word"): Generator<RefEntry> {
  for (const e of refs) {
    const inv = `${invalid} 0x${(e.word >>> 0).toString(16)}`;
    const el = aseOf(list, e.text) !== undefined;
    const eb = e.textEB !== undefined && aseOf(list, e.textEB) !== undefined;
    if (!el && !eb) yield e;
    else yield { ...e, text: el ? inv : e.text, ...(e.textEB !== undefined ? { textEB: eb ? inv : e.textEB } : {}) };
  }
}
