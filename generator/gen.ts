// The generation pipeline: tables → model → checks → plan → emit → prettier → generated/.
// Everything is computed in memory first; files are written only when the whole run succeeded,
// each through a temporary file and a rename, and only when its content changed.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { checkIsa } from "./checks.ts";
import { Diagnostics, UserErrors } from "./diagnostics.ts";
import { emitDecoder } from "./emit/decoder.ts";
import { emitDisasm } from "./emit/disasm.ts";
import { emitEncode } from "./emit/encode.ts";
import { emitPrivilege } from "./emit/privilege.ts";
import { emitIndexDoc, emitTableDocs } from "./emit/docs.ts";
import { emitOperands } from "./emit/operands.ts";
import { emitHandlers, emitIndex, emitInfo, emitRegisters } from "./emit/tables.ts";
import { loadIsas, type Isa } from "./model.ts";
import { planDecoder, type DecodeNode } from "./plan.ts";
import { manifestOf } from "./summary.ts";

export interface Built {
  isa: Isa;
  tree: DecodeNode;
}

/** Loads, checks and plans every ISA; throws UserErrors listing all problems. */
export function buildModels(root: string, only?: string[]): Built[] {
  const diags = new Diagnostics();
  const isas = loadIsas(root, diags, only);
  for (const isa of isas) checkIsa(isa, diags);
  // Tables shared by several ISAs would report the same problem more than once.
  const unique = new Map(diags.sorted().map((d) => [`${d.file}:${d.line}:${d.col}:${d.message}`, d]));
  if (diags.errorCount > 0) throw new UserErrors([...unique.values()]);
  return isas.map((isa) => ({ isa, tree: planDecoder([...isa.variants, ...isa.invalidEntries.flatMap((e) => e.variants)]) }));
}

const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", ".cache", "isagen-format");

type FormatJob = { text: string; parser: "babel-ts" | "markdown"; resolve: (s: string) => void; reject: (e: Error) => void };

function prettierOptions(parser: FormatJob["parser"]): prettier.Options {
  return parser === "markdown" ? { parser, proseWrap: "preserve" } : { parser, printWidth: 100 };
}

/**
 * Formats many texts with prettier on worker threads (one per core), with a cache of earlier
 * results keyed by the input's hash: the output is the same either way, but an unchanged file
 * costs nothing on the next run. babel-ts parses about twice as fast as the typescript parser
 * and prints the same.
 */
async function formatAll(jobs: FormatJob[]): Promise<void> {
  const todo: (FormatJob & { key: string })[] = [];
  for (const j of jobs) {
    const key = createHash("sha256").update(`${prettier.version}\0${j.parser}\0${j.text}`).digest("hex");
    try {
      j.resolve(readFileSync(join(CACHE_DIR, key), "utf8"));
    } catch {
      todo.push({ ...j, key });
    }
  }
  if (todo.length === 0) return;
  // Largest first, so that the workers finish together.
  todo.sort((a, b) => b.text.length - a.text.length);
  const n = Math.max(1, Math.min(availableParallelism(), todo.length));
  const workers = Array.from({ length: n }, () => new Worker(new URL("./format-worker.mjs", import.meta.url)));
  try {
    let next = 0;
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((done, fail) => {
            const send = () => {
              if (next >= todo.length) return done();
              const job = todo[next++];
              w.once("message", (m: { out?: string; error?: string }) => {
                if (m.error !== undefined) return fail(new Error(`prettier failed on generated code: ${m.error}`));
                cachePut(job.key, m.out!);
                job.resolve(m.out!);
                send();
              });
              w.postMessage({ id: next, text: job.text, options: prettierOptions(job.parser) });
            };
            w.once("error", fail);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function cachePut(key: string, out: string): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const path = join(CACHE_DIR, key);
    writeFileSync(`${path}.${process.pid}`, out);
    renameSync(`${path}.${process.pid}`, path);
  } catch {
    /* a cache we cannot write only costs time */
  }
}

/** All generated files, path relative to the repository root → formatted content. */
export async function renderAll(built: Built[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const jobs: FormatJob[] = [];
  const add = (path: string, text: string, parser: FormatJob["parser"]) =>
    jobs.push({ text, parser, resolve: (t) => out.set(path, t), reject: () => {} });
  for (const { isa, tree } of built) {
    const files: [string, string][] = [
      ["decoder.ts", emitDecoder(isa, tree)],
      ["operands.ts", emitOperands(isa)],
      ["disasm.ts", emitDisasm(isa)],
      ["encode.ts", emitEncode(isa)],
      ["privilege.ts", emitPrivilege(isa)],
      ["registers.ts", emitRegisters(isa)],
      ["info.ts", emitInfo(isa)],
      ["handlers.ts", emitHandlers(isa)],
      ["index.ts", emitIndex(isa)],
    ];
    out.set(`generated/${isa.name}/manifest.json`, JSON.stringify(manifestOf(isa), null, 1) + "\n");
    const docs: [string, string][] = [["index.md", emitIndexDoc(isa, tree)], ...emitTableDocs(isa)];
    for (const [name, md] of docs) add(`generated/${isa.name}/docs/${name}`, md, "markdown");
    for (const [name, text] of files) {
      const path = `generated/${isa.name}/${name}`;
      add(path, text, "babel-ts");
    }
  }
  await formatAll(jobs);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
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

/** Writes through temporary files, then renames: an interrupted run leaves old or new files. */
export function applyPlan(root: string, files: Map<string, string>, plan: Plan): void {
  const temps: [string, string][] = [];
  try {
    for (const path of plan.write) {
      const abs = join(root, path);
      mkdirSync(dirname(abs), { recursive: true });
      const tmp = `${abs}.${process.pid}.tmp`;
      writeFileSync(tmp, files.get(path)!);
      temps.push([tmp, abs]);
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw e;
  }
  for (const [tmp, abs] of temps) renameSync(tmp, abs);
  for (const path of plan.remove) rmSync(join(root, path), { force: true });
}

export { UserErrors };
