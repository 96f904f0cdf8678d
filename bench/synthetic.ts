// A synthetic ISA of any size, for measuring how `gen` scales (bench/gen-scale.ts,
// test/generator/scale.test.ts). Its instructions are valid and pairwise disjoint: each entry has
// its own fixed opcode bits (a 6-bit major opcode and an 11-bit minor one, or 10 bits and a
// varied `rc` bit), and a few operand fields. The shapes are mixed so that every emitter has work:
// register operands, immediates, a load, branch targets (expressions), `rc` variants, aliases,
// invalid-when conditions, a register operand in a file with privileged registers, privileged
// and floating-point entries (all three roles), several tables, two dialects.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Major opcodes 0..47 hold plain entries (2048 each), 48..63 the varied ones (1024 each). */
const PLAIN_OPS = 48;
const PLAIN_MAX = PLAIN_OPS * 2048;
const VARIED_MAX = (64 - PLAIN_OPS) * 1024;
/** Entries per table (the last table takes the rest). */
const PER_TABLE = 25_000;

const bin = (n: number, width: number) => n.toString(2).padStart(width, "0");

const HEAD = `# yaml-language-server: $schema=../schema.json
# Synthetic table (bench/synthetic.ts): regular instructions for measuring gen at scale.
bit-order: lsb0
dialect: syn
`;

const DEFS = `
fields:
  op: 31-26
  rs: { bits: 25-21, print: "reg:gpr", doc: "source register" }
  rt: { bits: 20-16, print: "reg:gpr", doc: "second source register" }
  rd: { bits: 15-11, print: "reg:gpr", doc: "destination register" }
  cr: { bits: 15-11, print: "reg:ctl", doc: "control register" }
  imm: { bits: 15-11, print: hex, doc: "unsigned immediate" }
  simm: { bits: 15-11, signed: true, doc: "signed immediate or offset" }
  off: { bits: 15-11, signed: true, shift: 2, doc: "branch offset in words" }
  func: 10-0
  fn10: 10-1
  rc: { bits: 0, suffix: { 0: "", 1: "." }, doc: "record bit" }

macros:
  target: "addr(pc + 4 + off)"

registers:
  gpr:
    doc: General registers.
    regs:
${Array.from({ length: 32 }, (_, i) => `      ${i}: ${i === 0 ? "{ name: zero, access: ro }" : `g${i}`}`).join("\n")}
  ctl:
    doc: Control registers; the upper half is privileged.
    fallback: "c%d"
    privileged-if: "n & 0x10"
    regs:
      1: ctl1
      17: { name: ctl17, privileged: true }
`;

/** One entry: its YAML line, and its alias lines. */
function entry(i: number, plain: () => number, varied: () => number): { line: string; aliases: string[] } {
  const key = `x${i.toString(36)}`;
  const shape = i % 16;
  const aliases: string[] = [];
  if (shape === 7) {
    // Two variants (x…, x….), by the rc bit.
    const k = varied();
    const bits = `${bin(PLAIN_OPS + (k >> 10), 6)} rs rt rd ${bin(k & 1023, 10)} rc`;
    return { line: `  - ${key}: { bits: "${bits}", vary: [rc], asm: "rd,rs,rt", summary: "Synthetic with record ${i}" }`, aliases };
  }
  const j = plain();
  const op = bin(j >> 11, 6);
  // Neighbouring entries differ in many minor-opcode bits (an odd multiplier permutes 0..2047).
  const func = bin((Math.imul(j & 2047, 0x2c5) >>> 0) & 2047, 11);
  const summary = `summary: "Synthetic ${i}"`;
  switch (shape) {
    case 3:
      return { line: `  - ${key}: { bits: "${op} rs rt imm ${func}", asm: "rt,rs,imm", ${summary} }`, aliases };
    case 5:
      return { line: `  - ${key}: { bits: "${op} rs rt simm ${func}", asm: "rt,simm(rs)", load: 4, signed: true, ${summary} }`, aliases };
    case 9:
      aliases.push(`  - { name: ${key}z, of: ${key}, when: "rt == 0", asm: "rs,{target}" }`);
      return { line: `  - ${key}: { bits: "${op} rs rt off ${func}", asm: "rs,rt,{target}", flags: [branch, conditional], ${summary} }`, aliases };
    case 11:
      return { line: `  - ${key}: { bits: "${op} 00000 rt cr ${func}", asm: "rt,cr", register: { file: ctl, number: cr }, ${summary} }`, aliases };
    case 12:
      return { line: `  - ${key}: { bits: "${op} rs 00000 00000 ${func}", asm: "rs", privileged: true, dialects: [syn2], ${summary} }`, aliases };
    case 13:
      return { line: `  - ${key}: { bits: "${op} rs rt rd ${func}", asm: "rd,rs,rt", flags: [fp], ${summary} }`, aliases };
    case 14:
      return { line: `  - ${key}: { bits: "${op} rs rt rd ${func}", asm: "rd,rs,rt", invalid-when: "rd == 0", ${summary} }`, aliases };
    default:
      if (shape === 1) aliases.push(`  - { name: ${key}m, of: ${key}, when: "rt == 0", asm: "rd,rs" }`);
      return { line: `  - ${key}: { bits: "${op} rs rt rd ${func}", asm: "rd,rs,rt", ${summary} }`, aliases };
  }
}

/**
 * Writes the synthetic ISA `synth` of about `n` instructions (variants) into `root`/opcodes:
 * opcodes/synth/t<k>.yaml, and an isas.yaml naming only it. Returns the number of entries.
 */
export function writeSyntheticIsa(root: string, n: number): { entries: number; variants: number; tables: string[] } {
  const dir = join(root, "opcodes", "synth");
  mkdirSync(dir, { recursive: true });
  let p = 0;
  let v = 0;
  const plain = () => {
    if (p >= PLAIN_MAX) throw new Error("synthetic ISA: too many instructions");
    return p++;
  };
  const varied = () => {
    if (v >= VARIED_MAX) throw new Error("synthetic ISA: too many instructions");
    return v++;
  };
  const tables: string[] = [];
  let variants = 0;
  let i = 0;
  while (variants < n) {
    const name = `synth/t${tables.length}.yaml`;
    const lines: string[] = [];
    const aliases: string[] = [];
    for (let k = 0; k < PER_TABLE && variants < n; k++, i++) {
      const e = entry(i, plain, varied);
      lines.push(e.line);
      aliases.push(...e.aliases);
      variants += i % 16 === 7 ? 2 : 1;
    }
    const text = `${HEAD}${tables.length === 0 ? DEFS : ""}\ninstructions:\n${lines.join("\n")}\n${aliases.length ? `\naliases:\n${aliases.join("\n")}\n` : ""}`;
    writeFileSync(join(root, "opcodes", name), text);
    tables.push(name);
  }
  writeFileSync(
    join(root, "opcodes", "isas.yaml"),
    `isas:
  synth:
    doc: Synthetic ISA of ${variants} instructions (bench/synthetic.ts)
    endian: little
    tables: [${tables.join(", ")}]
    dialects: [syn, syn2]
    invalid: .word
`,
  );
  return { entries: i, variants, tables };
}
