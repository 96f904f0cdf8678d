// One ISA's table model for `isagen explain` and `isagen asm`, cached so that they start at once.
//
// Building the model means parsing the YAML tables and validating them against the schema
// (yaml and ajv), most of a second; the model itself is plain data (objects, arrays, Maps, Sets,
// shared references), which v8.serialize round-trips exactly. The cache file is keyed by the
// contents of everything the model is built from: every file under opcodes/ and the generator
// modules that read them. Any edit to either rebuilds it; a damaged or unreadable cache file only
// costs the rebuild. It lives in node_modules/.cache/isagen-model (like the formatter's cache).
//
// Without gen's whole-ISA checks (the pairwise overlap search; `gen` and `npm test` run them).

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { Diagnostics, UserErrors } from "../generator/diagnostics.ts";
import type { Isa } from "../generator/model.ts";

/** The generator modules the model is built by (generator/model.ts and what it imports). */
const MODEL_SOURCES = ["model.ts", "load.ts", "validate.ts", "expr.ts", "bits.ts", "template.ts", "diagnostics.ts"];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** The cache key: a hash of the tables, the model's sources, the ISA name and Node's version. */
export function modelKey(root: string, name: string): string {
  const h = createHash("sha256");
  h.update(`${name}\0${process.versions.node}\0`);
  const files = [...filesUnder(join(root, "opcodes")), ...MODEL_SOURCES.map((f) => join(root, "generator", f))];
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

/** The model of ISA `name` from the cache, or built and cached. */
export async function loadModel(root: string, name: string, cacheDir = join(root, "node_modules", ".cache", "isagen-model")): Promise<Isa> {
  const file = join(cacheDir, `${name}-${modelKey(root, name)}.bin`);
  try {
    return deserialize(readFileSync(file)) as Isa;
  } catch {
    // not cached yet (or unreadable): build it
  }
  const isa = await buildModel(root, name);
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Older entries for this ISA are stale now.
    for (const f of readdirSync(cacheDir)) if (f.startsWith(`${name}-`) && f.endsWith(".bin")) rmQuiet(join(cacheDir, f));
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize(isa));
    renameSync(tmp, file);
  } catch {
    // A read-only checkout only loses the cache.
  }
  return isa;
}

function rmQuiet(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    /* another process's entry, or read-only: harmless */
  }
}
