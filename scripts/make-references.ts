// Generates the golden objdump reference files test/refs/<isa>/<chunk>.tsv.gz.
//
//   node --import tsx scripts/make-references.ts [--isa ppc440|mips32r2|all] [--check] [--out DIR]
//
// --check regenerates everything in memory and compares it with the files on
// disk instead of writing (exit 1 if anything differs). See
// scripts/refs/README.md for the file format.

import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { formatRefLine, matchWords, parseObjdump } from "./refs/objdump.ts";
import { elfTextWords, mipsSweepWords, ppcSweepWords } from "./refs/words.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const GUESTS = resolve(REPO, "../shared/guests");

/** Words per chunk file; keeps every gzip'd file well under MAX_FILE_BYTES. */
const CHUNK_WORDS = 1 << 18;
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const ELF_CAP = 400_000;
const APT_PACKAGES = [
  "binutils-powerpc-linux-gnu",
  "binutils-mips-linux-gnu",
  "binutils-mipsel-linux-gnu",
];

interface ToolRun {
  tool: string;
  /** objdump arguments; the input file is appended. */
  args: string[];
  /** Byte order the words are stored in for this run. */
  bigEndian: boolean;
}

interface IsaSpec {
  name: string;
  /** First run gives TEXT; a second run (mips32r2) gives TEXT_EB. */
  runs: ToolRun[];
  corpora: () => { name: string; words: Uint32Array }[];
  columns: string;
}

const ISAS: Record<string, IsaSpec> = {
  ppc440: {
    name: "ppc440",
    runs: [
      {
        tool: "powerpc-linux-gnu-objdump",
        args: ["-D", "-z", "-EB", "-b", "binary", "-m", "powerpc:common", "-M", "440"],
        bigEndian: true,
      },
    ],
    corpora: () => [
      { name: "sweep", words: ppcSweepWords() },
      {
        name: "elf",
        words: elfTextWords(join(GUESTS, "ppc440-bamboo/vmlinux-6.1.192-bamboo"), ELF_CAP),
      },
    ],
    columns: "ADDR\\tWORD\\tTEXT",
  },
  mips32r2: {
    name: "mips32r2",
    runs: [
      {
        tool: "mipsel-linux-gnu-objdump",
        args: ["-D", "-z", "-EL", "-b", "binary", "-m", "mips:isa32r2"],
        bigEndian: false,
      },
      {
        tool: "mips-linux-gnu-objdump",
        args: ["-D", "-z", "-EB", "-b", "binary", "-m", "mips:isa32r2"],
        bigEndian: true,
      },
    ],
    corpora: () => [
      { name: "sweep", words: mipsSweepWords() },
      { name: "elf", words: elfTextWords(join(GUESTS, "mips-malta/busybox-static"), ELF_CAP) },
    ],
    columns: "ADDR\\tWORD\\tTEXT_EL\\tTEXT_EB",
  },
};

// ---------------------------------------------------------------------------

function usage(msg?: string): never {
  if (msg) console.error(`make-references: ${msg}`);
  console.error(
    "usage: node --import tsx scripts/make-references.ts [--isa ppc440|mips32r2|all] [--check] [--out DIR]",
  );
  process.exit(2);
}

function parseArgs(argv: string[]): { isas: IsaSpec[]; check: boolean; out: string } {
  let isa = "all";
  let check = false;
  let out = join(REPO, "test/refs");
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--isa") isa = argv[++i] ?? usage("--isa needs a value");
    else if (a.startsWith("--isa=")) isa = a.slice(6);
    else if (a === "--check") check = true;
    else if (a === "--out") out = resolve(argv[++i] ?? usage("--out needs a value"));
    else if (a === "-h" || a === "--help") usage();
    else usage(`unknown argument ${a}`);
  }
  if (isa === "all") return { isas: Object.values(ISAS), check, out };
  const spec = ISAS[isa];
  if (!spec) usage(`unknown ISA ${isa} (expected ppc440, mips32r2 or all)`);
  return { isas: [spec], check, out };
}

function hasTool(tool: string): boolean {
  return spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
}

/** Makes sure every objdump the selected ISAs need is present, installing via apt as root. */
function ensureTools(isas: IsaSpec[]): void {
  const tools = [...new Set(isas.flatMap((s) => s.runs.map((r) => r.tool)))];
  let missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0) return;
  const install = `apt-get install -y ${APT_PACKAGES.join(" ")}`;
  if (process.getuid?.() !== 0) {
    console.error(`make-references: missing ${missing.join(", ")}.`);
    console.error(
      `Install the GNU binutils cross tools first, as root: apt-get update && ${install}`,
    );
    process.exit(1);
  }
  console.error(
    `make-references: missing ${missing.join(", ")}; installing ${APT_PACKAGES.join(" ")} with apt-get`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const cmd of [
    ["apt-get", "update"],
    ["apt-get", "install", "-y", ...APT_PACKAGES],
  ]) {
    const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: ["ignore", "inherit", "inherit"], env });
    if (r.status !== 0) {
      console.error(`make-references: \`${cmd.join(" ")}\` failed (exit ${r.status ?? r.signal}).`);
      process.exit(1);
    }
  }
  missing = tools.filter((t) => !hasTool(t));
  if (missing.length > 0) {
    console.error(
      `make-references: still missing ${missing.join(", ")} after apt-get; install: ${install}`,
    );
    process.exit(1);
  }
}

function toolVersion(tool: string): string {
  const r = spawnSync(tool, ["--version"], {
    encoding: "utf8",
    env: { ...process.env, LC_ALL: "C" },
  });
  const first = (r.stdout ?? "").split("\n")[0]!.trim();
  // "GNU objdump (GNU Binutils for Debian) 2.40" -> "(GNU Binutils for Debian) 2.40"
  return first.replace(/^GNU objdump\s*/, "");
}

function runTool(tool: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tool, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_ALL: "C" },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const stderr = Buffer.concat(err).toString("utf8").trim();
      if (code !== 0) {
        reject(new Error(`${tool} ${args.join(" ")} exited ${code ?? signal}: ${stderr}`));
      } else {
        if (stderr) console.error(`make-references: ${tool} stderr: ${stderr}`);
        resolvePromise(Buffer.concat(out).toString("utf8"));
      }
    });
  });
}

function wordsToBytes(words: Uint32Array, bigEndian: boolean): Buffer {
  const b = Buffer.alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    if (bigEndian) b.writeUInt32BE(words[i]!, i * 4);
    else b.writeUInt32LE(words[i]!, i * 4);
  }
  return b;
}

interface Chunk {
  isa: IsaSpec;
  name: string;
  words: Uint32Array;
}

function splitChunks(isa: IsaSpec): Chunk[] {
  const chunks: Chunk[] = [];
  for (const c of isa.corpora()) {
    const parts = Math.max(1, Math.ceil(c.words.length / CHUNK_WORDS));
    for (let p = 0; p < parts; p++) {
      chunks.push({
        isa,
        name: parts === 1 ? c.name : `${c.name}-${p}`,
        words: c.words.subarray(p * CHUNK_WORDS, (p + 1) * CHUNK_WORDS),
      });
    }
  }
  return chunks;
}

function headerLines(isa: IsaSpec, chunk: string, versions: Map<string, string>): string[] {
  const tools = isa.runs
    .map((r) => `${r.tool} ${versions.get(r.tool)} ${r.args.join(" ")} ${chunk}.bin`)
    .join(" + ");
  const lines = [
    `# generated by scripts/make-references.ts from ${tools}; do not edit`,
    `# columns: ${isa.columns}. ADDR = hex byte offset of the word in ${chunk}.bin (the address objdump disassembled it at; branch targets are relative to it); WORD = instruction word, 8 hex digits; text whitespace collapsed to single spaces`,
  ];
  if (isa.runs.length > 1) {
    lines.push(
      `# TEXT_EL from ${isa.runs[0]!.tool} on the words stored little-endian, TEXT_EB from ${isa.runs[1]!.tool} on the same words stored big-endian; TEXT_EB is "=" when identical to TEXT_EL`,
    );
  }
  return lines;
}

async function buildChunk(
  chunk: Chunk,
  tmp: string,
  versions: Map<string, string>,
): Promise<Buffer> {
  const texts: string[][] = [];
  for (const [i, run] of chunk.isa.runs.entries()) {
    const file = join(tmp, `${chunk.isa.name}-${chunk.name}-${i}.bin`);
    writeFileSync(file, wordsToBytes(chunk.words, run.bigEndian));
    const output = await runTool(run.tool, [...run.args, file]);
    unlinkSync(file);
    try {
      texts.push(matchWords(parseObjdump(output), chunk.words, 0));
    } catch (e) {
      throw new Error(`${chunk.isa.name}/${chunk.name} (${run.tool}): ${(e as Error).message}`);
    }
  }
  const lines = headerLines(chunk.isa, chunk.name, versions);
  const [t0, t1] = texts;
  for (let i = 0; i < chunk.words.length; i++) {
    lines.push(formatRefLine(4 * i, chunk.words[i]!, t0![i]!, t1?.[i]));
  }
  lines.push("");
  // zlib's gzip header carries mtime 0 and no file name, so output is reproducible.
  return gzipSync(Buffer.from(lines.join("\n"), "utf8"), { level: 9, memLevel: 9 });
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping result order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const { isas, check, out } = parseArgs(process.argv.slice(2));
  ensureTools(isas);
  const versions = new Map<string, string>();
  for (const isa of isas)
    for (const r of isa.runs) if (!versions.has(r.tool)) versions.set(r.tool, toolVersion(r.tool));

  const tmp = mkdtempSync(join(tmpdir(), "make-references-"));
  let failed = false;
  try {
    for (const isa of isas) {
      const t1 = performance.now();
      const chunks = splitChunks(isa);
      const blobs = await mapLimit(chunks, 2, (c) => buildChunk(c, tmp, versions));
      const dir = join(out, isa.name);
      if (!check) mkdirSync(dir, { recursive: true });
      const produced = new Set<string>();
      let totalWords = 0;
      let totalBytes = 0;
      for (const [i, chunk] of chunks.entries()) {
        const file = `${chunk.name}.tsv.gz`;
        const path = join(dir, file);
        const blob = blobs[i]!;
        produced.add(file);
        totalWords += chunk.words.length;
        totalBytes += blob.length;
        let status = "";
        if (blob.length > MAX_FILE_BYTES) {
          status = ` TOO LARGE (> ${MAX_FILE_BYTES} bytes): lower CHUNK_WORDS`;
          failed = true;
        }
        if (check) {
          const same = existsSync(path) && readFileSync(path).equals(blob);
          if (!same) failed = true;
          status += same ? " up to date" : " DIFFERS";
        } else if (!failed) {
          writeFileSync(path, blob);
        }
        console.log(
          `${relative(REPO, path)}: ${chunk.words.length} words, ${blob.length} bytes${status}`,
        );
      }
      // Drop chunk files left over from an earlier chunking.
      if (existsSync(dir)) {
        for (const f of readdirSync(dir)) {
          if (!f.endsWith(".tsv.gz") || produced.has(f)) continue;
          if (check) {
            console.log(`${relative(REPO, join(dir, f))}: stale file`);
            failed = true;
          } else {
            unlinkSync(join(dir, f));
            console.log(`${relative(REPO, join(dir, f))}: removed (stale)`);
          }
        }
      }
      console.log(
        `${isa.name}: ${chunks.length} files, ${totalWords} words, ${totalBytes} bytes, ${((performance.now() - t1) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `done in ${((performance.now() - t0) / 1000).toFixed(1)} s${failed ? " — FAILED" : ""}`,
  );
  if (failed) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(`make-references: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
