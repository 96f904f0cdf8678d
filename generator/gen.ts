// The generation pipeline: tables → model → checks → plan → emit → prettier (format.ts) → generated/.
// Each file, once formatted, is compared with what generated/ holds and, when it changed, written
// to a temporary file beside it (Output); the temporary files replace the old ones by renames
// only when the whole run succeeded, so generated/ never holds a half-written file or a mix of
// runs that failed half-way.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { checkIsa } from "./checks.ts";
import { Diagnostics, UserErrors } from "./diagnostics.ts";
import { emitDecoder } from "./emit/decoder.ts";
import { emitDisasm } from "./emit/disasm.ts";
import { emitEncode } from "./emit/encode.ts";
import { emitPrivilege } from "./emit/privilege.ts";
import { emitIndexDoc, emitTableDocs, mdChunks } from "./emit/docs.ts";
import { emitOperands } from "./emit/operands.ts";
import { emitIndex, emitInfo, emitRegisters, emitRegistry, emitRoles } from "./emit/tables.ts";
import { loadIsas, type Isa } from "./model.ts";
import { planDecoder, type DecodeNode } from "./plan.ts";
import { manifestOf } from "./summary.ts";
import { scanRuntime, type Coverage } from "./coverage.ts";
import { Formatter, joinChunks, type Parser, type SourceChunk } from "./format.ts";
import { printChunks, type Chunk } from "./emit/common.ts";
import { phase } from "./trace.ts";

export interface Built {
  isa: Isa;
  tree: DecodeNode;
  /** What runtime/ implements of this ISA (for the docs); scanned on first use. */
  readonly runtime: Coverage;
}

/** Loads, checks and plans every ISA; throws UserErrors listing all problems. */
export function buildModels(root: string, only?: string[]): Built[] {
  const diags = new Diagnostics();
  phase("start");
  const isas = loadIsas(root, diags, only);
  phase("load tables, build model");
  for (const isa of isas) checkIsa(isa, diags);
  phase("checks");
  // Tables shared by several ISAs would report the same problem more than once.
  const unique = new Map(diags.sorted().map((d) => [`${d.file}:${d.line}:${d.col}:${d.message}`, d]));
  if (diags.errorCount > 0) throw new UserErrors([...unique.values()]);
  let coverage: Map<string, Coverage> | undefined;
  const built = isas.map((isa) => ({
    isa,
    tree: planDecoder([...isa.variants, ...isa.invalidEntries.flatMap((e) => e.variants)]),
    get runtime() {
      return (coverage ??= scanRuntime(root, isas)).get(isa.name)!;
    },
  }));
  phase("plan decoders");
  return built;
}

type Sink = { file(path: string, text: string): void; chunks(path: string, parser: Parser, chunks: SourceChunk[]): void };

/**
 * Emits every generated file: plain files (JSON) as text, TypeScript and Markdown as chunks for
 * the formatter. Docs first, then the larger files, so that formatting starts early.
 */
export function emitAll(built: Built[], sink: Sink): void {
  sink.chunks("generated/index.ts", "babel-ts", printChunks(emitRegistry(built.map((b) => b.isa))));
  for (const { isa, tree, runtime } of built) {
    const dir = `generated/${isa.name}`;
    sink.chunks(`${dir}/docs/index.md`, "markdown", mdChunks(emitIndexDoc(isa, tree, runtime)));
    for (const [name, chunks] of emitTableDocs(isa, runtime)) sink.chunks(`${dir}/docs/${name}`, "markdown", chunks);
    phase(`${dir}/docs`);
    sink.file(`${dir}/manifest.json`, JSON.stringify(manifestOf(isa), null, 1) + "\n");
    const decoder = emitDecoder(isa, tree);
    sink.file(`${dir}/decoder-tables.json`, decoder.tables);
    const info = emitInfo(isa);
    sink.file(`${dir}/info.json`, info.json);
    const registers = emitRegisters(isa);
    sink.file(`${dir}/registers.json`, registers.json);
    phase(`${dir} json files, decoder`);
    const ts: [string, () => Chunk[]][] = [
      ["decoder.ts", () => decoder.chunks],
      ["disasm.ts", () => emitDisasm(isa)],
      ["encode.ts", () => emitEncode(isa)],
      ["operands.ts", () => emitOperands(isa)],
      ["privilege.ts", () => emitPrivilege(isa)],
      ["roles.ts", () => emitRoles(isa)],
      ["registers.ts", () => [...registers.chunks, ...registers.constants]],
      ["info.ts", () => info.chunks],
      ["index.ts", () => emitIndex(isa)],
    ];
    for (const [name, emit] of ts) {
      const chunks = printChunks(emit());
      phase(`emit ${dir}/${name}`);
      sink.chunks(`${dir}/${name}`, "babel-ts", chunks);
      phase(`format, write ${dir}/${name}`);
    }
  }
}

/** All generated files, path relative to the repository root → formatted content. */
export async function renderAll(built: Built[], opts: { cache?: boolean } = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const fmt = new Formatter({ cache: opts.cache });
  emitAll(built, { file: (path, text) => out.set(path, text), chunks: (path, parser, chunks) => fmt.add(path, parser, chunks) });
  for (const [path, text] of await fmt.finish()) out.set(path, text);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The files prettier formats, before formatting, whole: each one's chunks joined as the
 * formatted ones are (for the test that prettier gives the same file).
 */
export function renderUnformatted(built: Built[]): Map<string, { parser: Parser; text: string }> {
  const out = new Map<string, { parser: Parser; text: string }>();
  emitAll(built, {
    file: () => {},
    chunks: (path, parser, chunks) => out.set(path, { parser, text: joinChunks(chunks.map((c) => (typeof c === "string" ? c : c.formatted))) }),
  });
  return out;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

export interface Plan {
  write: string[];
  remove: string[];
  unchanged: string[];
}

/** Compares wanted files with what generated/ holds. */
export function diffAgainstDisk(root: string, files: Map<string, string>): Plan {
  const plan: Plan = { write: [], remove: [], unchanged: [] };
  for (const [path, text] of files) {
    const abs = join(root, path);
    if (existsSync(abs) && readFileSync(abs, "utf8") === text) plan.unchanged.push(path);
    else plan.write.push(path);
  }
  for (const abs of listFiles(join(root, "generated"))) {
    const rel = relative(root, abs).split("\\").join("/");
    if (!files.has(rel)) plan.remove.push(rel);
  }
  plan.remove.sort();
  return plan;
}

/**
 * The bytes of a file made of formatted chunks, as joinChunks joins them. Encoded a chunk at a
 * time into one buffer: no string of the whole file (up to tens of MB for a large table) is
 * ever built.
 */
export function encodeChunks(chunks: readonly string[]): Buffer {
  const parts = chunks.map((c) => c.trim());
  let size = 1 + 2 * Math.max(0, parts.length - 1);
  for (const p of parts) size += Buffer.byteLength(p);
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  parts.forEach((p, i) => {
    if (i) at += buf.write("\n\n", at, "latin1");
    at += buf.write(p, at);
  });
  buf.write("\n", at, "latin1");
  return buf;
}

/**
 * Generated files as they are made, each compared with generated/ and, unless only checking,
 * written to a temporary file when it differs; `commit` then renames the temporary files over
 * the old ones and removes the files no longer produced; `abort` removes the temporary files.
 */
export class Output {
  readonly plan: Plan = { write: [], remove: [], unchanged: [] };
  /** Paths of every file produced. */
  readonly produced = new Set<string>();
  /** The text of the files `keep` asked for (the manifests, for the summary of changes). */
  readonly kept = new Map<string, string>();
  private temps: [string, string][] = [];

  constructor(
    private readonly root: string,
    private readonly opts: { check?: boolean; keep?: (path: string) => boolean } = {},
  ) {}

  /** A file given whole, as text. */
  text(path: string, text: string): void {
    if (this.opts.keep?.(path)) this.kept.set(path, text);
    this.bytes(path, Buffer.from(text));
  }

  /** A file of formatted chunks (see joinChunks). */
  chunks(path: string, chunks: readonly string[]): void {
    if (this.opts.keep?.(path)) this.kept.set(path, joinChunks(chunks));
    this.bytes(path, encodeChunks(chunks));
  }

  private bytes(path: string, buf: Buffer): void {
    if (this.produced.has(path)) throw new Error(`${path} generated twice`);
    this.produced.add(path);
    const abs = join(this.root, path);
    let same = false;
    try {
      same = statSync(abs).size === buf.length && readFileSync(abs).equals(buf);
    } catch {
      /* missing: written */
    }
    if (same) return void this.plan.unchanged.push(path);
    this.plan.write.push(path);
    if (this.opts.check) return;
    mkdirSync(dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.tmp`;
    this.temps.push([tmp, abs]);
    writeFileSync(tmp, buf);
  }

  /** After the last file: which files of generated/ are no longer produced. */
  finish(): Plan {
    for (const abs of listFiles(join(this.root, "generated"))) {
      const rel = relative(this.root, abs).split("\\").join("/");
      if (!this.produced.has(rel) && !this.temps.some(([tmp]) => tmp === abs)) this.plan.remove.push(rel);
    }
    for (const list of [this.plan.write, this.plan.remove, this.plan.unchanged]) list.sort((a, b) => a.localeCompare(b));
    return this.plan;
  }

  /** Puts the new files in place (renames) and removes the old ones. */
  commit(): void {
    for (const [tmp, abs] of this.temps.splice(0)) renameSync(tmp, abs);
    for (const path of this.plan.remove) rmSync(join(this.root, path), { force: true });
  }

  /** Removes the temporary files of a run that failed. */
  abort(): void {
    for (const [tmp] of this.temps.splice(0)) rmSync(tmp, { force: true });
  }
}

/**
 * Generates every file into `out` (see Output): files go there one by one as they are formatted,
 * and none is held longer than it takes to compare and write it.
 */
export async function generateInto(built: Built[], out: Output, opts: { cache?: boolean } = {}): Promise<void> {
  const fmt = new Formatter({ cache: opts.cache, onFile: (path, chunks) => out.chunks(path, chunks) });
  emitAll(built, { file: (path, text) => out.text(path, text), chunks: (path, parser, chunks) => fmt.add(path, parser, chunks) });
  await fmt.finish();
  phase("prettier (rest)");
}

export { UserErrors };
