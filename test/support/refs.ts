// Test support: load the committed objdump reference files and compare a
// disassembler against them.
//
//   const refs = loadRefs("ppc440");
//   const result = compareCorpus(refs, (word, addr) => disassemble(word, addr));
//   console.log(formatReport(result, { top: 20, known: loadKnownMismatches("ppc440") }));
//
// Addresses matter: objdump prints branch targets as absolute addresses
// computed from the address it disassembled the word at, which is the
// entry's `addr` (the word's byte offset in its chunk). Pass it through.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { normalizeText, parseRefTsv, type RefEntry } from "../../scripts/refs/objdump.ts";

export { normalizeText, parseRefTsv, type RefEntry };

export type RefIsa = "ppc440" | "mips32r2";

/** Default location of the reference files: <repo>/test/refs. */
export const REFS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../refs");

export interface LoadOptions {
  /** Directory holding <isa>/<chunk>.tsv.gz (default REFS_DIR). */
  dir?: string;
  /** Only these chunks, e.g. ["elf"] or ["sweep-0"]; a name without "-N" also selects all its "-N" parts. */
  chunks?: string[];
}

/** Chunk names present for an ISA (file names without .tsv.gz), sorted: sweep parts first, then elf. */
export function refChunks(isa: string, opts: LoadOptions = {}): string[] {
  const dir = join(opts.dir ?? REFS_DIR, isa);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".tsv.gz"))
    .map((f) => f.slice(0, -".tsv.gz".length));
  const rank = (n: string): number => (n.startsWith("sweep") ? 0 : n.startsWith("elf") ? 1 : 2);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "en", { numeric: true }));
  const want = opts.chunks;
  if (!want) return names;
  return names.filter((n) => want.some((w) => n === w || n.startsWith(`${w}-`)));
}

/** Reads and parses one chunk file. */
export function loadChunk(isa: string, chunk: string, opts: LoadOptions = {}): RefEntry[] {
  const path = join(opts.dir ?? REFS_DIR, isa, `${chunk}.tsv.gz`);
  return parseRefTsv(gunzipSync(readFileSync(path)).toString("utf8"), chunk);
}

/**
 * Yields the entries of every chunk, one chunk in memory at a time
 * (memory-friendly alternative to loadRefs).
 */
export function* iterateRefs(isa: string, opts: LoadOptions = {}): Generator<RefEntry> {
  const chunks = refChunks(isa, opts);
  if (chunks.length === 0)
    throw new Error(
      `no reference files for ${isa} in ${join(opts.dir ?? REFS_DIR, isa)}; run scripts/make-references.ts`,
    );
  for (const c of chunks) yield* loadChunk(isa, c, opts);
}

/** All entries of an ISA's reference files, in chunk order. */
export function loadRefs(isa: string, opts: LoadOptions = {}): RefEntry[] {
  const chunks = refChunks(isa, opts);
  if (chunks.length === 0)
    throw new Error(
      `no reference files for ${isa} in ${join(opts.dir ?? REFS_DIR, isa)}; run scripts/make-references.ts`,
    );
  const out: RefEntry[] = [];
  for (const c of chunks) {
    const part = loadChunk(isa, c, opts);
    for (let i = 0; i < part.length; i++) out.push(part[i]!);
  }
  return out;
}

/** The mnemonic of an objdump text: its first whitespace-separated token ("" for blank text). */
export function expectedMnemonic(text: string): string {
  const t = text.trim();
  const m = /^[^ \t]+/.exec(t);
  return m ? m[0] : "";
}

// ---------------------------------------------------------------------------
// Comparison

export interface MismatchExample {
  addr: number;
  word: number;
  chunk?: string;
  expected: string;
  actual: string;
}

export interface MismatchGroup {
  count: number;
  /** The first `maxExamples` mismatches of this mnemonic, in corpus order. */
  examples: MismatchExample[];
}

export interface CompareResult {
  total: number;
  agree: number;
  /** agree / total (1 for an empty corpus). */
  ratio: number;
  /** Keyed by objdump's mnemonic (first token of the expected text). */
  mismatches: Map<string, MismatchGroup>;
}

export interface CompareOptions {
  /** mips32r2: compare against the big-endian objdump's text (default: TEXT / TEXT_EL). */
  bigEndian?: boolean;
  /** Examples kept per mnemonic (default 5). */
  maxExamples?: number;
  /** Applied to both sides after whitespace normalisation (e.g. to ignore a known cosmetic difference). */
  canonicalize?: (text: string) => string;
  /** Only compare entries for which this returns true. */
  filter?: (entry: RefEntry) => boolean;
}

/**
 * Runs `disassemble(word, addr)` on every entry and compares its output with
 * objdump's, after collapsing whitespace on both sides. A disassembler that
 * throws counts as a mismatch with actual text `<threw: message>`.
 */
export function compareCorpus(
  refs: Iterable<RefEntry>,
  disassemble: (word: number, addr: number) => string,
  opts: CompareOptions = {},
): CompareResult {
  const maxExamples = opts.maxExamples ?? 5;
  const canon = opts.canonicalize;
  const mismatches = new Map<string, MismatchGroup>();
  let total = 0;
  let agree = 0;
  for (const e of refs) {
    if (opts.filter && !opts.filter(e)) continue;
    total++;
    let expected = normalizeText(opts.bigEndian ? (e.textEB ?? e.text) : e.text);
    let actual: string;
    try {
      actual = normalizeText(String(disassemble(e.word >>> 0, e.addr)));
    } catch (err) {
      actual = `<threw: ${err instanceof Error ? err.message : String(err)}>`;
    }
    if (canon) {
      expected = canon(expected);
      actual = canon(actual);
    }
    if (actual === expected) {
      agree++;
      continue;
    }
    const key = expectedMnemonic(expected);
    let g = mismatches.get(key);
    if (!g) {
      g = { count: 0, examples: [] };
      mismatches.set(key, g);
    }
    g.count++;
    if (g.examples.length < maxExamples) {
      const ex: MismatchExample = { addr: e.addr, word: e.word >>> 0, expected, actual };
      if (e.chunk !== undefined) ex.chunk = e.chunk;
      g.examples.push(ex);
    }
  }
  return { total, agree, ratio: total === 0 ? 1 : agree / total, mismatches };
}

// ---------------------------------------------------------------------------
// Known mismatches (allow-list)

/**
 * Parses an allow-list: one `mnemonic<TAB>reason` per line (the reason may
 * be omitted), `#` starts a comment line, blank lines are ignored. A
 * mnemonic may contain `*` wildcards (e.g. `udi*fcm*`).
 */
export function parseKnownMismatches(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const tab = line.indexOf("\t");
    const mnemonic = (tab < 0 ? line : line.slice(0, tab)).trim();
    const reason = tab < 0 ? "" : line.slice(tab + 1).trim();
    if (mnemonic) out.set(mnemonic, reason);
  }
  return out;
}

/** Reads test/refs/<isa>/known-mismatches.txt (an empty map when it does not exist). */
export function loadKnownMismatches(isa: string, opts: { dir?: string } = {}): Map<string, string> {
  const path = join(opts.dir ?? REFS_DIR, isa, "known-mismatches.txt");
  return existsSync(path) ? parseKnownMismatches(readFileSync(path, "utf8")) : new Map();
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

/** The allow-list reason for a mnemonic, or undefined when it is not listed. */
export function knownReason(
  known: ReadonlyMap<string, string>,
  mnemonic: string,
): string | undefined {
  const exact = known.get(mnemonic);
  if (exact !== undefined) return exact;
  for (const [pattern, reason] of known) {
    if (pattern.includes("*") && globToRegExp(pattern).test(mnemonic)) return reason;
  }
  return undefined;
}

export interface MismatchEntry extends MismatchGroup {
  mnemonic: string;
  /** Allow-list reason when the mnemonic is listed as a known mismatch. */
  reason?: string;
}

/** Splits the mismatch groups into known (allow-listed) and unexplained ones, each largest first. */
export function partitionMismatches(
  result: CompareResult,
  known: ReadonlyMap<string, string> = new Map(),
): {
  known: MismatchEntry[];
  unexplained: MismatchEntry[];
  knownCount: number;
  unexplainedCount: number;
} {
  const k: MismatchEntry[] = [];
  const u: MismatchEntry[] = [];
  for (const [mnemonic, g] of result.mismatches) {
    const reason = knownReason(known, mnemonic);
    if (reason !== undefined) k.push({ mnemonic, ...g, reason });
    else u.push({ mnemonic, ...g });
  }
  const order = (a: MismatchEntry, b: MismatchEntry): number =>
    b.count - a.count || (a.mnemonic < b.mnemonic ? -1 : a.mnemonic > b.mnemonic ? 1 : 0);
  k.sort(order);
  u.sort(order);
  const sum = (xs: MismatchEntry[]): number => xs.reduce((s, x) => s + x.count, 0);
  return { known: k, unexplained: u, knownCount: sum(k), unexplainedCount: sum(u) };
}

export interface ReportOptions {
  /** Mnemonic groups shown per section (default 20). */
  top?: number;
  /** Examples shown per group (default: all kept, at most 5). */
  examples?: number;
  /** Allow-list (see loadKnownMismatches). */
  known?: ReadonlyMap<string, string>;
  /** Title line, e.g. "ppc440 vs objdump". */
  title?: string;
}

function pct(n: number, total: number): string {
  return total === 0 ? "100.000%" : `${((100 * n) / total).toFixed(3)}%`;
}

/** A printable report: agreement, then unexplained and known mismatches grouped by mnemonic, largest first. */
export function formatReport(result: CompareResult, opts: ReportOptions = {}): string {
  const top = opts.top ?? 20;
  const nEx = opts.examples ?? 5;
  const p = partitionMismatches(result, opts.known);
  const mism = result.total - result.agree;
  const lines: string[] = [];
  if (opts.title) lines.push(opts.title);
  lines.push(`agreement: ${result.agree}/${result.total} (${pct(result.agree, result.total)})`);
  lines.push(
    `mismatches: ${mism} in ${result.mismatches.size} mnemonics — unexplained ${p.unexplainedCount} (${p.unexplained.length} mnemonics), known ${p.knownCount} (${p.known.length} mnemonics)`,
  );
  const section = (title: string, groups: MismatchEntry[]): void => {
    if (groups.length === 0) return;
    lines.push("", `${title}:`);
    for (const g of groups.slice(0, top)) {
      const label = g.mnemonic === "" ? "(empty)" : g.mnemonic;
      lines.push(
        `  ${label}: ${g.count} (${pct(g.count, result.total)})${g.reason ? ` — ${g.reason}` : ""}`,
      );
      for (const ex of g.examples.slice(0, nEx)) {
        const where = `${ex.chunk ? `${ex.chunk}@` : ""}${ex.addr.toString(16)}`;
        lines.push(
          `    ${where} ${(ex.word >>> 0).toString(16).padStart(8, "0")}: expected ${JSON.stringify(ex.expected)}, got ${JSON.stringify(ex.actual)}`,
        );
      }
    }
    if (groups.length > top) {
      const rest = groups.slice(top);
      lines.push(
        `  ... ${rest.length} more mnemonics, ${rest.reduce((s, g) => s + g.count, 0)} mismatches`,
      );
    }
  };
  section("unexplained mismatches", p.unexplained);
  section("known mismatches", p.known);
  return lines.join("\n");
}
