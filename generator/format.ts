// Formats generated files a chunk at a time. Emitters split each file into chunks of whole
// top-level statements (TypeScript) or sections (Markdown); prettier formats top-level statements
// and sections independently of their neighbours, so formatting the chunks one by one and joining
// them with a blank line gives exactly what prettier gives for the whole file
// (test/generator/format.test.ts checks this for every generated file). A chunk is, in order:
// - already formatted (code that does not depend on the tables, verbatim from the emitters);
// - printed directly, when it is in the subset tsformat.ts or markdown.ts know (most of them);
// - taken from a cache (node_modules/.cache/isagen-format) keyed by the chunk's text. Table line
//   numbers in comments and links (`opcodes/ppc/universal.yaml:57`, `#L57`) are taken out of the
//   key and put back after formatting: inserting a line in a table shifts every later line
//   number, which changes no line break (a number's length stays part of the key);
// - or formatted by prettier on a worker thread, in batches that go out while later files are
//   still being emitted.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { formatMarkdown } from "./markdown.ts";
import { formatTs } from "./tsformat.ts";

export type Parser = "babel-ts" | "markdown";

/** A chunk of source: raw text to format, or text known to be formatted already. */
export type SourceChunk = string | { formatted: string };

export function prettierOptions(parser: Parser): Record<string, unknown> {
  return parser === "markdown" ? { parser, proseWrap: "preserve" } : { parser, printWidth: 100 };
}

/** Text that separates chunks in a batch sent to prettier; it formats to itself. */
export const BOUNDARY: Record<Parser, string> = {
  "babel-ts": "// @isagen-chunk-boundary@",
  markdown: "<!-- @isagen-chunk-boundary@ -->",
};

/** How a file's formatted chunks are put together: one blank line between chunks. */
export function joinChunks(chunks: readonly string[]): string {
  return chunks.map((c) => c.trim()).join("\n\n") + "\n";
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CACHE_DIR = join(ROOT, "node_modules", ".cache", "isagen-format");
// One file holds the whole cache (a few thousand small chunks): one read and one write per run.
const CACHE_FILE = join(CACHE_DIR, "chunks-v1.json");
const CACHE_LIMIT = 16 << 20; // characters kept: this run's chunks first, then older ones

const PRETTIER_VERSION: string = (createRequire(import.meta.url)("prettier/package.json") as { version: string }).version;

/** Table line numbers, which change no formatting decision but for their number of digits. */
const LINE_REF = /(\.yaml(?::|#L))(\d+)/g;

/** The chunk with line numbers zeroed (same lengths), and the numbers taken out, in order. */
function canonical(text: string): { text: string; lines: string[] } {
  const lines: string[] = [];
  const out = text.replace(LINE_REF, (_m, pre: string, n: string) => {
    lines.push(n);
    return pre + "0".repeat(n.length);
  });
  return { text: out, lines };
}

/** Puts line numbers back into a formatted canonical chunk; undefined if they do not line up. */
function restore(formatted: string, lines: readonly string[]): string | undefined {
  let i = 0;
  let ok = true;
  const out = formatted.replace(LINE_REF, (_m, pre: string, n: string) => {
    const orig = lines[i++];
    if (orig === undefined || orig.length !== n.length) ok = false;
    return pre + (orig ?? n);
  });
  return ok && i === lines.length ? out : undefined;
}

interface Pending {
  key: string;
  canon: string;
  parser: Parser;
  /** Everyone waiting for this chunk (equal chunks are formatted once). */
  done: ((formatted: string) => void)[];
}

interface FileEntry {
  path: string;
  parts: (string | undefined)[];
  /** Chunks still with prettier. */
  missing: number;
}

/**
 * Collects files as they are emitted; `add` looks their chunks up in the cache and sends the
 * others to prettier in batches; `finish` waits for all of them.
 */
export class Formatter {
  private cache: Map<string, string>;
  private used = new Map<string, string>();
  private files: FileEntry[] = [];
  private queue: Pending[] = [];
  private pending = new Map<string, Pending>();
  private queued = 0;
  private workers: { w: Worker; busy: boolean }[] = [];
  private batches: { items: Pending[]; parser: Parser }[] = [];
  private inflight = 0;
  private failed: Error | undefined;
  private idle: (() => void) | undefined;
  /** Chunks formatted by prettier in this run (not from the cache). */
  formattedChunks = 0;

  constructor(
    private opts: {
      /** Use and update the cache (default true). */
      cache?: boolean;
      /** Print what markdown.ts and tsformat.ts can without prettier (default true). */
      direct?: boolean;
      batchChars?: number;
      maxWorkers?: number;
      /**
       * Called with each file's formatted chunks as soon as all of them are ready (in add for
       * most files), instead of keeping the file for finish: a large run holds one file at a
       * time, not all of them.
       */
      onFile?: (path: string, chunks: readonly string[]) => void;
    } = {},
  ) {
    // ISAGEN_FORMAT_CACHE=off: neither read nor write the cache (benchmarks of a cold run).
    if (opts.cache === undefined && process.env.ISAGEN_FORMAT_CACHE === "off") this.opts = { ...opts, cache: false };
    this.cache = this.opts.cache === false ? new Map() : readCache();
  }

  /** Adds a file; its chunks are raw (unformatted) source text. */
  add(path: string, parser: Parser, chunks: readonly SourceChunk[]): void {
    const entry: FileEntry = { path, parts: new Array(chunks.length), missing: 0 };
    chunks.forEach((raw, i) => {
      if (typeof raw !== "string") return void (entry.parts[i] = raw.formatted.trim());
      // Plain Markdown and regular TypeScript need no prettier: markdown.ts and tsformat.ts
      // print them as prettier would.
      const direct = this.opts.direct === false ? undefined : parser === "markdown" ? formatMarkdown(raw) : formatTs(raw);
      if (direct !== undefined) return void (entry.parts[i] = direct);
      const { text, lines } = canonical(raw.trim());
      const key = createHash("sha256").update(`${PRETTIER_VERSION}\0${parser}\0${text}`).digest("base64url");
      const set = (formatted: string) => {
        entry.parts[i] = restore(formatted, lines);
        if (entry.parts[i] === undefined) throw new Error(`line numbers moved while formatting a chunk of ${path}`);
      };
      const hit = this.cache.get(key);
      if (hit !== undefined && restore(hit, lines) !== undefined) {
        this.used.set(key, hit);
        set(hit);
        return;
      }
      entry.missing++;
      const setLater = (formatted: string) => {
        set(formatted);
        if (--entry.missing === 0 && this.opts.onFile) this.opts.onFile(path, entry.parts as string[]);
      };
      const waiting = this.pending.get(key);
      if (waiting) return void waiting.done.push(setLater);
      const p: Pending = { key, canon: text, parser, done: [setLater] };
      this.pending.set(key, p);
      this.queue.push(p);
      this.queued += text.length;
      if (this.queued >= (this.opts.batchChars ?? 48_000)) this.flush();
    });
    if (!this.opts.onFile) this.files.push(entry);
    else if (entry.missing === 0) this.opts.onFile(path, entry.parts as string[]);
    // What a file leaves to prettier goes out now, while later files are being emitted.
    this.flush();
  }

  private flush(): void {
    if (this.queue.length === 0) return;
    // A batch holds one parser's chunks.
    for (const parser of ["babel-ts", "markdown"] as const) {
      const items = this.queue.filter((p) => p.parser === parser);
      if (items.length) this.batches.push({ items, parser });
    }
    this.queue = [];
    this.queued = 0;
    this.pump();
  }

  private pump(): void {
    while (this.batches.length) {
      let slot = this.workers.find((x) => !x.busy);
      // Another worker costs a core a third of a second to start: worth it for a lot of work only.
      const max = this.opts.maxWorkers ?? Math.max(1, availableParallelism());
      const waiting = this.batches.reduce((n, b) => n + b.items.reduce((m, p) => m + p.canon.length, 0), 0);
      if (!slot && this.workers.length < max && (this.workers.length === 0 || waiting > 100_000 || this.opts.maxWorkers)) slot = this.spawn();
      if (!slot) return;
      const batch = this.batches.shift()!;
      slot.busy = true;
      this.inflight++;
      slot.w.once("message", (m: { outs?: string[]; error?: string }) => {
        slot.busy = false;
        this.inflight--;
        if (m.error !== undefined || !m.outs) this.failed ??= new Error(`prettier failed on generated code: ${m.error}`);
        else
          batch.items.forEach((p, i) => {
            const out = m.outs![i].trim();
            this.used.set(p.key, out);
            this.formattedChunks++;
            for (const done of p.done)
              try {
                done(out);
              } catch (e) {
                this.failed ??= e as Error;
              }
          });
        this.pump();
        if (this.inflight === 0 && this.batches.length === 0) this.idle?.();
      });
      slot.w.postMessage({
        texts: batch.items.map((p) => p.canon),
        boundary: BOUNDARY[batch.parser],
        options: prettierOptions(batch.parser),
      });
    }
  }

  private spawn(): { w: Worker; busy: boolean } {
    let w = started.pop();
    if (!w || dead.has(w)) w = startWorker();
    const fail = (e: Error) => {
      this.failed ??= e;
      this.idle?.();
    };
    w.on("error", fail);
    w.on("exit", (code) => slot.busy && fail(new Error(`prettier worker exited (${code})`)));
    const slot = { w, busy: false };
    this.workers.push(slot);
    return slot;
  }

  /** Waits for every chunk; returns path → formatted file (none with onFile: they went there). */
  async finish(): Promise<Map<string, string>> {
    this.flush();
    if (this.inflight > 0 || this.batches.length > 0) await new Promise<void>((r) => (this.idle = r));
    await Promise.all(this.workers.map((x) => x.w.terminate()));
    this.workers = [];
    if (this.failed) throw this.failed;
    if (this.opts.cache !== false && this.formattedChunks > 0) writeCache(this.used, this.cache);
    return new Map(this.files.map((f) => [f.path, joinChunks(f.parts as string[])]));
  }
}

/** Workers started ahead of need (prestartFormatter), which the next Formatter takes. */
const started: Worker[] = [];
const dead = new WeakSet<Worker>();

function startWorker(): Worker {
  const w = new Worker(new URL("./format-worker.mjs", import.meta.url), {
    // prettier allocates a lot of short-lived objects: a larger young generation halves GC time.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  w.once("error", () => dead.add(w));
  w.once("exit", () => dead.add(w));
  return w;
}

/**
 * Without a cache (a fresh checkout, or the cache cleared), some chunks will need prettier: a
 * worker started now loads it while the tables are being read and checked. Returns a function
 * that stops the worker if no Formatter took it.
 */
export function prestartFormatter(): () => Promise<void> {
  let cold = true;
  try {
    cold = !statSync(CACHE_FILE).isFile();
  } catch {
    /* no cache */
  }
  if (cold && started.length === 0) started.push(startWorker());
  return async () => {
    await Promise.all(started.splice(0).map((w) => w.terminate()));
  };
}

function readCache(): Map<string, string> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(CACHE_FILE, "utf8")) as Record<string, string>));
  } catch {
    return new Map();
  }
}

function writeCache(used: Map<string, string>, old: Map<string, string>): void {
  const out: Record<string, string> = {};
  let size = 0;
  for (const m of [used, old])
    for (const [k, v] of m) {
      if (k in out) continue;
      if (m === old && size + v.length > CACHE_LIMIT) break;
      out[k] = v;
      size += v.length;
    }
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${CACHE_FILE}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(out));
    renameSync(tmp, CACHE_FILE);
  } catch {
    /* a cache we cannot write only costs time */
  }
}
