// One ISA's table model for `isagen explain` and `isagen asm`, cached so that they start at once.
//
// Building the model means parsing the YAML tables and validating them against the schema
// (yaml and ajv), most of a second; the model itself is plain data (objects, arrays, Maps, Sets,
// shared references), which v8.serialize round-trips exactly. The cache file is keyed by the
// contents of everything the model is built from: every file under opcodes/ and the generator
// modules that read them. Any edit to either rebuilds it; a damaged or unreadable cache file only
// costs the rebuild. It lives in node_modules/.cache/isagen-model (like the formatter's cache).
// What each command derives from the model (explain's decode tree, asm's index of forms) is
// cached beside it, with the model (loadDerived), keyed the same way.
//
// Hashing the sources takes longer than the command: a stamp per checkout (each file's size and
// mtime, as dist/inputs.json has them) remembers the key computed for them, and while no file
// changed the key is the stamp's, without reading the files (or loading node:crypto).
//
// Without gen's whole-ISA checks (the pairwise overlap search; `gen` and `npm test` run them).

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { Diagnostics, UserErrors } from "../generator/diagnostics.ts";
import type { Isa } from "../generator/model.ts";

/**
 * The generator modules the model is built by (generator/model.ts and what it imports), and those
 * that derive the cached parts from it (plan.ts: explain's tree; assemble.ts: asm's index).
 */
const MODEL_SOURCES = [
  "model.ts",
  "load.ts",
  "fastyaml.ts",
  "validate.ts",
  "expr.ts",
  "bits.ts",
  "template.ts",
  "diagnostics.ts",
  "plan.ts",
  "relations.ts",
  "assemble.ts",
  "asm/forms.ts",
];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** The files the cache key is made of. */
const keyFiles = (root: string) => [...filesUnder(join(root, "opcodes")), ...MODEL_SOURCES.map((f) => join(root, "generator", f))];

/** The cache key: a hash of the tables, the model's sources, the ISA name and Node's version. */
export function modelKey(root: string, name: string, files = keyFiles(root)): string {
  const h = createHash("sha256");
  h.update(`${name}\0${process.versions.node}\0`);
  for (const f of files) {
    h.update(f.slice(root.length));
    h.update("\0");
    try {
      h.update(readFileSync(f));
    } catch {
      h.update("(missing)");
    }
    h.update("\0");
  }
  return h.digest("hex").slice(0, 32);
}

/** Loads and validates one ISA's tables (the uncached path). Table errors throw UserErrors. */
export async function buildModel(root: string, name: string): Promise<Isa> {
  const { loadIsas } = await import("../generator/model.ts");
  const diags = new Diagnostics();
  const isas = loadIsas(root, diags, [name]);
  if (diags.errorCount > 0 || isas.length !== 1) throw new UserErrors(diags.sorted());
  return isas[0];
}

const defaultDir = (root: string) => join(root, "node_modules", ".cache", "isagen-model");

/**
 * The cache key of `root`'s sources: the stamp's while no file changed since it was written,
 * else hashed (modelKey) and the stamp rewritten. The stamp is taken before the files are read:
 * an edit while hashing only costs the next run a hash.
 */
function keyFor(root: string, name: string, cacheDir: string): string {
  const files = keyFiles(root);
  const stamp = files
    .map((f) => {
      try {
        const s = statSync(f);
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return "-";
      }
    })
    .join(" ");
  const stampFile = join(cacheDir, `stamp-${name}-${root.replace(/[^A-Za-z0-9]+/g, "_").slice(-100)}.json`);
  const id = { root, node: process.versions.node, files: files.join("\0"), stamp };
  try {
    const saved = JSON.parse(readFileSync(stampFile, "utf8")) as typeof id & { key: string };
    if (saved.root === id.root && saved.node === id.node && saved.files === id.files && saved.stamp === id.stamp) return saved.key;
  } catch {
    // none yet (or unreadable): hash
  }
  const key = modelKey(root, name, files);
  writeQuiet(cacheDir, stampFile, JSON.stringify({ ...id, key }));
  return key;
}

/** Writes a cache file whole (through a temporary file), or nothing: a read-only checkout only loses the cache. */
function writeQuiet(cacheDir: string, file: string, data: string | Uint8Array): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // not cached
  }
}

/** The model of ISA `name` from the cache, or built and cached. */
export async function loadModel(root: string, name: string, cacheDir = defaultDir(root)): Promise<Isa> {
  return modelOf(root, name, keyFor(root, name, cacheDir), cacheDir);
}

async function modelOf(root: string, name: string, key: string, cacheDir: string): Promise<Isa> {
  const file = join(cacheDir, `${name}-${key}.bin`);
  try {
    return deserialize(readFileSync(file)) as Isa;
  } catch {
    // not cached yet (or unreadable): build it
  }
  const isa = await buildModel(root, name);
  try {
    // Older entries for this ISA (and what was derived from them) are stale now.
    for (const f of readdirSync(cacheDir)) if (f.startsWith(`${name}-`) && f.endsWith(".bin")) rmQuiet(join(cacheDir, f));
  } catch {
    // no cache yet
  }
  writeQuiet(cacheDir, file, serialize(isa));
  return isa;
}

/**
 * The model of ISA `name` with what `part` (a name for the file) derives from it, from the cache,
 * or built and cached: `derive` must return plain data (v8.serialize keeps its references into
 * the model).
 */
export async function loadDerived<T>(
  root: string,
  name: string,
  part: string,
  derive: (isa: Isa) => T,
  cacheDir = defaultDir(root),
): Promise<{ isa: Isa; derived: T }> {
  const key = keyFor(root, name, cacheDir);
  const file = join(cacheDir, `${name}-${key}.${part}.bin`);
  try {
    return deserialize(readFileSync(file)) as { isa: Isa; derived: T };
  } catch {
    // not cached yet (or unreadable): derive it
  }
  const isa = await modelOf(root, name, key, cacheDir);
  const value = { isa, derived: derive(isa) };
  writeQuiet(cacheDir, file, serialize(value));
  return value;
}

function rmQuiet(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    /* another process's entry, or read-only: harmless */
  }
}
