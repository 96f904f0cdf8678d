// One ISA's table model for `isagen explain` and `isagen asm`, cached so that they start at once.
//
// Building the model means parsing the YAML tables and validating them against the schema
// (yaml and ajv), most of a second; the model itself is plain data (objects, arrays, Maps, Sets,
// shared references), which v8.serialize round-trips exactly: the whole model is cached so
// (<isa>-<key>.bin). The cache file is keyed by the contents of everything the model is built
// from: every file under opcodes/ and the generator modules that read them. Any edit to either
// rebuilds it; a damaged or unreadable cache file only costs the rebuild. It lives in
// node_modules/.cache/isagen-model (like the formatter's cache).
//
// What each command derives from the model (explain's decode tree, asm's index of forms) is
// cached beside it with the model (loadDerived), keyed the same way, as a lazily read graph
// (lazy-graph.ts): the model's common part (fields, register files, macros) and the derived
// index are read at once, each entry with its variants (and asm's forms of it) only when used.
// Reading and deserializing the whole model was most of those commands' start-up (node:v8
// loads node's streams, and the objects cost young-generation collections).
//
// Hashing the sources takes longer than the command: a stamp per checkout (each file's size and
// mtime, as dist/inputs.json has them) remembers the key computed for them, and while no file
// changed the key is the stamp's, without reading the files (or loading node:crypto).
//
// Without gen's whole-ISA checks (the pairwise overlap search; `gen` and `npm test` run them).

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Diagnostics, UserErrors } from "../generator/diagnostics.ts";
import type { AsmIndex } from "../generator/assemble.ts";
import type { Form } from "../generator/asm/forms.ts";
import type { Alias, Isa, Variant } from "../generator/model.ts";
import type { DecodeNode } from "../generator/plan.ts";
import { decodeGraph, encodeGraph, Lazy, LAZY_GRAPH_VERSION, LazyTable } from "./lazy-graph.ts";

export { DamagedGraph } from "./lazy-graph.ts";

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

/**
 * `dir`/`name`, by concatenation: path.join normalises each character in JavaScript, which for
 * the key's few dozen files was most of the time to find the key (as bin/compiled.cjs found for
 * dist/'s inputs). `dir` is absolute and normalised already.
 */
const under = (dir: string, name: string) => `${dir}/${name}`;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = under(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** The modules that write and read the cache (what is stored, and how: a change of either is a new key). */
const CACHE_SOURCES = ["model-cache.ts", "lazy-graph.ts"];

/** The files the cache key is made of. */
const keyFiles = (root: string) => [
  ...filesUnder(under(root, "opcodes")),
  ...MODEL_SOURCES.map((f) => `${root}/generator/${f}`),
  ...CACHE_SOURCES.map((f) => `${root}/cli/${f}`),
];

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

const defaultDir = (root: string) => `${root}/node_modules/.cache/isagen-model`;

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
  const stampFile = under(cacheDir, `stamp-${name}-${root.replace(/[^A-Za-z0-9]+/g, "_").slice(-100)}.json`);
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
  // (node:v8 only here: loading it loads node's streams, which the commands otherwise never need.)
  const { deserialize, serialize } = await import("node:v8");
  try {
    return deserialize(readFileSync(file)) as Isa;
  } catch {
    // not cached yet (or unreadable): build it
  }
  const isa = await buildModel(root, name);
  try {
    // Older entries for this ISA (and what was derived from them) are stale now.
    for (const f of readdirSync(cacheDir)) if (f.startsWith(`${name}-`) && /\.(bin|lg\d+)$/.test(f)) rmQuiet(join(cacheDir, f));
  } catch {
    // no cache yet
  }
  writeQuiet(cacheDir, file, serialize(isa));
  return isa;
}

/**
 * How a command's derived value is cached: `store` gives what is written (parts that are read
 * separately behind Lazy boxes, each box's key naming its chunk), `load` what the command uses
 * from what was read back (or from what `store` gave, when it was just built); aliases are kept
 * with their entry ("by entry") or all in one chunk ("together": for a reader that scans the list).
 */
export interface Storage<T, V = T> {
  store(derived: T, isa: Isa): unknown;
  load(stored: unknown): V;
  aliases: "by entry" | "together";
}

/** The derived value as it is, read whole with the model's common part. */
const asIs: Storage<never> = { store: (d) => d, load: (d) => d as never, aliases: "together" };

/** The model's lists, each behind a Lazy in the cache: a command reads them only through what it derives. */
const LISTS = ["entries", "variants", "invalidEntries", "aliases"] as const;

/** The chunk of an entry (and of its variants, and of asm's forms of it). */
export const entryChunk = (key: string) => `entry:${key}`;

function toGraph(isa: Isa, derived: unknown): object {
  const stored: Record<string, unknown> = { ...isa };
  for (const k of LISTS) stored[k] = new Lazy(isa[k], `(${k})`);
  return { isa: stored, derived };
}

/** The model read back from toGraph's object: each list read when first used. */
function fromGraph(stored: Record<string, unknown>): Isa {
  for (const k of LISTS) {
    const box = stored[k];
    if (!(box instanceof Lazy)) throw new Error(`no ${k} in the cached model`);
    const settle = (value: unknown) => Object.defineProperty(stored, k, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(stored, k, { get: () => (settle(box.value), stored[k]), set: settle, enumerable: true, configurable: true });
  }
  return stored as unknown as Isa;
}

/**
 * The model of ISA `name` with what `part` (a name for the file) derives from it, from the cache,
 * or built and cached: `derive` must return plain data (objects, arrays, Maps, Sets, RegExps,
 * with references into the model), written as `storage` says.
 */
export async function loadDerived<T, V = T>(
  root: string,
  name: string,
  part: string,
  derive: (isa: Isa) => T,
  cacheDir = defaultDir(root),
  storage: Storage<T, V> = asIs as unknown as Storage<T, V>,
): Promise<{ isa: Isa; derived: V }> {
  const key = keyFor(root, name, cacheDir);
  const file = under(cacheDir, `${name}-${key}.${part}.lg${LAZY_GRAPH_VERSION}`);
  try {
    // A chunk found damaged later throws (the command fails once) and the file goes: the next run rebuilds it.
    const g = decodeGraph(file, () => rmQuiet(file)) as { isa: Record<string, unknown>; derived: unknown };
    return { isa: fromGraph(g.isa), derived: storage.load(g.derived) };
  } catch {
    // not cached yet (or unreadable, or of another version): derive it
  }
  const isa = await modelOf(root, name, key, cacheDir);
  const stored = storage.store(derive(isa), isa);
  try {
    const anchors = new Map<object, string>();
    for (const e of [...isa.entries, ...isa.invalidEntries]) {
      anchors.set(e, entryChunk(e.key));
      for (const v of e.variants) anchors.set(v, entryChunk(e.key));
    }
    for (const a of isa.aliases) anchors.set(a, storage.aliases === "by entry" ? entryChunk(a.of) : "(aliases)");
    writeQuiet(cacheDir, file, encodeGraph(toGraph(isa, stored), (o) => anchors.get(o)));
  } catch {
    // not cacheable (lazy-graph.ts's Unencodable): derived each time
  }
  return { isa, derived: storage.load(stored) };
}

function rmQuiet(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    /* another process's entry, or read-only: harmless */
  }
}

/**
 * asm's index of forms: each name's forms (and each patterned form) behind a Lazy in its entry's
 * chunk, so that assembling `mflr r0` reads mfspr's chunk and no other.
 */
export const asmStorage: Storage<AsmIndex> = {
  store: (ix) => ({
    byName: new LazyTable(ix.mnemonics.map((n) => [n, ix.byName.get(n)!, entryChunk(ix.byName.get(n)![0].variant.entry.key)] as const)),
    patterned: ix.patterned.map((p) => ({ re: p.re, prefix: p.prefix, form: new Lazy(p.form, entryChunk(p.form.variant.entry.key)) })),
  }),
  load: (stored) => {
    const s = stored as { byName: LazyTable<Form[]>; patterned: { re: RegExp; prefix: string; form: Lazy<Form> }[] };
    if (!(s.byName instanceof LazyTable) || !Array.isArray(s.patterned)) throw new Error("not an index of forms");
    return {
      byName: s.byName,
      patterned: s.patterned.map(({ re, prefix, form }) => ({
        re,
        prefix,
        get form() {
          return form.value;
        },
      })),
      // (Only for the message about a name it does not know.)
      get mnemonics() {
        return [...s.byName.keys()];
      },
    };
  },
  aliases: "by entry",
};

/**
 * explain's decode tree as stored: the nodes as one list of numbers (thousands of small objects
 * were most of the cache's common part, and of the time to read it), each leaf's variant behind a
 * Lazy in its entry's chunk. A node at index p is
 *   0, leaf (an index in `leaves`, or -1 for none)
 *   1, mask, match, then, else                                   (a test)
 *   2, lo, width, default, cases, then per case: values, value…, node   (a switch)
 * where then, else, default and node are indexes of nodes (shared subtrees are stored once).
 */
interface StoredTree {
  nodes: number[];
  /** The leaves' variants, by number. */
  leaves: LazyTable<Variant>;
  /** Each entry's aliases, in its chunk (explain reads those of the entry it explains). */
  aliases: LazyTable<Alias[]>;
}

/** An empty branch of a path (see `pathTo`). */
const NOWHERE: DecodeNode = { k: "leaf", v: null };

/**
 * explain's decode tree, whose leaves' variants are read from the cache only for the word
 * explained: `pathTo(w)` is the path plan.ts's walk takes for `w` as a tree of its own (the
 * branches not taken are empty leaves), with the variant at its end. `explain` walks it as it
 * would the whole tree (a test compares the two on every instruction).
 */
export const explainStorage: Storage<DecodeNode, { pathTo(w: number): DecodeNode; aliasesOf(key: string): Alias[] }> = {
  store: (tree, isa): StoredTree => {
    const nodes: number[] = [];
    const leaves: Variant[] = [];
    const leafOf = new Map<Variant, number>();
    const at = new Map<DecodeNode, number>();
    const put = (n: DecodeNode): number => {
      let p = at.get(n);
      if (p !== undefined) return p;
      p = nodes.length;
      at.set(n, p);
      if (n.k === "leaf") {
        let l = -1;
        if (n.v) {
          l = leafOf.get(n.v) ?? leaves.push(n.v) - 1;
          leafOf.set(n.v, l);
        }
        nodes.push(0, l);
      } else if (n.k === "test") {
        nodes.push(1, n.mask, n.match, 0, 0);
        nodes[p + 3] = put(n.then);
        nodes[p + 4] = put(n.else);
      } else {
        nodes.push(2, n.lo, n.width, 0, n.cases.length);
        const slots = n.cases.map((c) => {
          nodes.push(c.values.length, ...c.values, 0);
          return nodes.length - 1;
        });
        nodes[p + 3] = put(n.dflt);
        n.cases.forEach((c, i) => (nodes[slots[i]] = put(c.node)));
      }
      return p;
    };
    put(tree);
    return {
      nodes,
      leaves: new LazyTable(leaves.map((v, n) => [String(n), v, entryChunk(v.entry.key)] as const)),
      aliases: new LazyTable([...new Set(isa.aliases.map((a) => a.of))].map((key) => [key, isa.aliases.filter((a) => a.of === key), entryChunk(key)] as const)),
    };
  },
  load: (stored) => {
    const { nodes, leaves, aliases } = stored as StoredTree;
    if (!Array.isArray(nodes) || !(leaves instanceof LazyTable) || !(aliases instanceof LazyTable)) throw new Error("not a stored decode tree");
    return {
      aliasesOf: (key) => aliases.get(key) ?? [],
      pathTo(w: number): DecodeNode {
        // The steps of plan.ts's walk, each node copied with only the branch taken.
        const path = (p: number): DecodeNode => {
          const kind = nodes[p];
          if (kind === 0) return { k: "leaf", v: nodes[p + 1] < 0 ? null : leaves.at(nodes[p + 1]) };
          if (kind === 1) {
            const [mask, match] = [nodes[p + 1], nodes[p + 2]];
            const ok = ((w & mask) >>> 0) === match;
            return { k: "test", mask, match, then: ok ? path(nodes[p + 3]) : NOWHERE, else: ok ? NOWHERE : path(nodes[p + 4]) };
          }
          if (kind !== 2) throw new Error("not a stored decode tree");
          const [lo, width] = [nodes[p + 1], nodes[p + 2]];
          const value = Math.floor((w >>> 0) / 2 ** lo) % 2 ** width;
          for (let i = 0, q = p + 5; i < nodes[p + 4]; i++) {
            const values = nodes.slice(q + 1, q + 1 + nodes[q]);
            q += 1 + nodes[q];
            if (values.includes(value)) return { k: "switch", lo, width, cases: [{ values, node: path(nodes[q]) }], dflt: NOWHERE };
            q++;
          }
          return { k: "switch", lo, width, cases: [], dflt: path(nodes[p + 3]) };
        };
        return path(0);
      },
    };
  },
  aliases: "by entry",
};
