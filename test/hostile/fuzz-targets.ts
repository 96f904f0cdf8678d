// Fuzz targets for hostile inputs, shared by the test (fixed seeds, a few seconds each) and the
// longer campaign in bench/fuzz.ts. Each target takes one generated input and returns how it
// ended: a clean result or a clean error. A host exception (TypeError, RangeError, a stack
// trace) escapes and fails the property.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { UserErrors } from "../../generator/diagnostics.ts";
import { buildModels } from "../../generator/gen.ts";
import { createMaltaMips } from "../../runtime/boards/malta/index.ts";
import { createBambooPpc, patchBambooDtb } from "../../runtime/boards/bamboo/index.ts";
import type { RunResult } from "../../runtime/core/run-result.ts";
import { ROOT } from "../support/root.ts";
import { SHARED_GUESTS } from "../support/shared.ts";
import { tableSandbox } from "./cases.ts";

export type Board = "malta" | "bamboo";
export type Outcome = "ok" | "error" | RunResult["kind"];

const SCRATCH = mkdtempSync(join(tmpdir(), "isagen-fuzz-"));
let fileNo = 0;
function scratch(name: string, bytes: Uint8Array): string {
  const p = join(SCRATCH, `${fileNo++ % 8}-${name}`);
  writeFileSync(p, bytes);
  return p;
}

/** The guest ELFs of the test corpus, per board. */
export function guestElfs(board: Board): Buffer[] {
  const dir = join(ROOT, "test", "guests", board === "malta" ? "mips" : "ppc");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".elf"))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

export const BAMBOO_DTB = `${SHARED_GUESTS}ppc440-bamboo/bamboo.dtb`;

/** A byte-level mutation: flip, set, insert, delete or truncate, biased toward the headers. */
export type Mutation = { kind: "set" | "flip" | "insert" | "delete" | "truncate"; at: number; value: number; len: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("set", "flip", "insert", "delete", "truncate"),
  // Half of the mutations hit the first 256 bytes (ELF and program headers, the FDT header).
  at: fc.oneof(fc.nat(255), fc.nat(1 << 20)),
  value: fc.oneof(fc.constantFrom(0, 0xff, 0x7f, 0x80, 1), fc.nat(255)),
  len: fc.integer({ min: 1, max: 16 }),
}) as fc.Arbitrary<Mutation>;

export function mutate(src: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = Buffer.from(src);
  for (const m of muts) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    switch (m.kind) {
      case "set":
        for (let i = 0; i < m.len && at + i < b.length; i++) b[at + i] = m.value;
        break;
      case "flip":
        b[at] ^= 1 << (m.value & 7);
        break;
      case "insert":
        b = Buffer.concat([b.subarray(0, at), Buffer.alloc(m.len, m.value), b.subarray(at)]);
        break;
      case "delete":
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
        break;
      case "truncate":
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

/** Builds a board from a kernel image (and device tree) and runs it for a few instructions. */
export function runImage(board: Board, kernel: Uint8Array, opts: { dtb?: Uint8Array; maxInsns?: number } = {}): Outcome {
  const path = scratch(`${board}.elf`, kernel);
  const dtb = opts.dtb ? scratch("bamboo.dtb", opts.dtb) : undefined;
  const built =
    board === "malta"
      ? createMaltaMips({ kernel: path, ramBytes: 4 << 20, uartSink: () => {} })
      : createBambooPpc({ kernel: path, dtb, ramBytes: 4 << 20, uartSink: () => {} });
  if (!built.ok) {
    if (typeof built.error !== "string" || built.error.includes("\n    at ")) throw new Error(`not a clean error: ${built.error}`);
    return "error";
  }
  const r = built.value.kvm.run(opts.maxInsns ?? 20_000);
  if (!r || !["stopped", "fatal", "stalled", "budget"].includes(r.kind)) throw new Error(`not a run result: ${JSON.stringify(r)}`);
  return r.kind;
}

/** A minimal ELF32 for the board with `words` as its code at its usual load address. */
export function elfOf(board: Board, words: readonly number[]): Buffer {
  const le = board === "malta";
  const base = board === "malta" ? 0x80100000 : 0x00100000;
  const code = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => (le ? code.writeUInt32LE(w >>> 0, i * 4) : code.writeUInt32BE(w >>> 0, i * 4)));
  const h = Buffer.alloc(0x1000);
  const u16 = (v: number, o: number) => (le ? h.writeUInt16LE(v, o) : h.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (le ? h.writeUInt32LE(v >>> 0, o) : h.writeUInt32BE(v >>> 0, o));
  h.set([0x7f, 0x45, 0x4c, 0x46, 1, le ? 1 : 2, 1]);
  u16(2, 16);
  u16(le ? 8 : 20, 18); // EM_MIPS, EM_PPC
  u32(1, 20);
  u32(base, 24);
  u32(52, 28);
  u16(52, 40);
  u16(32, 42);
  u16(1, 44);
  u16(40, 46);
  u32(1, 52);
  u32(0x1000, 56);
  u32(base, 60);
  u32(base, 64);
  u32(code.length, 68);
  u32(code.length, 72);
  u32(7, 76);
  u32(0x1000, 80);
  return Buffer.concat([h, code]);
}

/** Runs random words as a guest. */
export function runWords(board: Board, words: readonly number[], maxInsns = 20_000): Outcome {
  return runImage(board, elfOf(board, words), { maxInsns });
}

/** Patches a (mutated) device tree as the Bamboo loader does; a clean result or a clean error. */
export function patchDtb(blob: Uint8Array): Outcome {
  const r = patchBambooDtb(blob, { ramBytes: 64 << 20, initrd: [0x01900000, 0x01900100], bootargs: "console=ttyS0" });
  if (!r.ok && typeof r.error !== "string") throw new Error("not a clean error");
  return r.ok ? "ok" : "error";
}

/** A small table to mutate: both bit orders, a form, variants, an alias, registers, macros. */
export const SEED_TABLE = `bit-order: msb0
dialect: t
fields:
  opcd: 0-5
  rt: { bits: 6-10, print: gpr }
  ra: { bits: 11-15, print: gpr0 }
  rb: 16-20
  si: { bits: 16-31, signed: true }
  oe: { bits: 21, suffix: { 0: "", 1: o } }
  xo9: 22-30
  rc: { bits: 31, suffix: { 0: "", 1: . } }
forms:
  D: { layout: "opcd rt ra si", asm: "rt,ra,si" }
macros:
  zero: "ra == 0"
instructions:
  - addi: { form: D, opcd: 14, summary: Add Immediate }
  - addis: { form: D, opcd: 15 }
  - sync: { bits: "011111 00000 00000 00000 1001010110 0" }
aliases:
  - { name: li, of: addi, when: "zero", asm: "rt,si" }
`;

const TABLE_ALPHABET = [..."abcdefghijklmnopqrstuvwxyz0123456789 -_:{}[],\"'&*!|>#%@`\n\t.\\"];

/** A text edit for tables: insert, delete or replace a few characters. */
export const textEditArb = fc.record({
  kind: fc.constantFrom("insert", "delete", "replace", "duplicate-line"),
  at: fc.nat(1 << 16),
  text: fc.oneof(
    fc.string({ unit: fc.constantFrom(...TABLE_ALPHABET), maxLength: 6 }),
    fc.constantFrom("&a ", "*a", "<<: *a", "1e38", "-1", "0.5", "\u0000", "\ufffd", "\u202e", "~", "null", "yes"),
  ),
  len: fc.integer({ min: 1, max: 8 }),
});

export function editText(src: string, edits: readonly { kind: string; at: number; text: string; len: number }[]): string {
  let s = src;
  for (const e of edits) {
    const at = s.length ? e.at % s.length : 0;
    if (e.kind === "insert") s = s.slice(0, at) + e.text + s.slice(at);
    else if (e.kind === "delete") s = s.slice(0, at) + s.slice(at + e.len);
    else if (e.kind === "replace") s = s.slice(0, at) + e.text + s.slice(at + e.text.length);
    else {
      const lines = s.split("\n");
      const i = at % Math.max(1, lines.length);
      lines.splice(i, 0, lines[i] ?? "");
      s = lines.join("\n");
    }
  }
  return s;
}

let tableDir: string | undefined;

/** Loads, checks and plans a (mutated) table: a model, or UserErrors with located diagnostics. */
export function buildTable(text: string | Uint8Array): Outcome {
  tableDir ??= (() => {
    const d = join(SCRATCH, "table");
    mkdirSync(d, { recursive: true });
    return d;
  })();
  tableSandbox(tableDir, typeof text === "string" ? text : Buffer.from(text));
  try {
    buildModels(tableDir);
    return "ok";
  } catch (e) {
    if (!(e instanceof UserErrors)) throw e;
    for (const d of e.diagnostics) {
      if (!(d.line >= 1 && d.col >= 1) || !d.message || d.message.includes("\n    at ")) throw new Error(`badly located diagnostic: ${JSON.stringify(d)}`);
    }
    return "error";
  }
}
