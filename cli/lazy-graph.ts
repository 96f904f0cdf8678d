// A graph of plain data (objects, arrays, Maps, Sets, RegExps, primitives, with shared and
// cyclic references) stored in chunks that are read and decoded when first used: `isagen asm
// mflr r0` decodes the model's common part and the one entry it assembles with, not the other
// few hundred (cli/model-cache.ts). v8.deserialize of the whole model was most of asm's and
// explain's start-up: loading node:v8 loads node's streams, and the objects it makes cost young-
// generation collections and the page faults of fresh memory.
//
// The caller names anchors (objects and the chunk each goes to, such as an entry and its
// variants). The root chunk holds what the root reaches without passing an anchor; each other
// chunk holds its anchors and what they reach without passing another chunk's anchor. An object
// that two chunks reach goes to the root, as does any key, value or element of a Map or Set that
// would be in another chunk than the Map (a Map cannot defer one of its values). A reference to
// another chunk from an object's property or an array's element is a getter that decodes that
// chunk when first read and then becomes a plain data property: the graph reads back as it was
// (the same shape, key order and sharing), whichever parts are used.
//
// Each chunk is JSON (ASCII) in which an object that is referenced more than once, or from
// another chunk, is defined once with its number and referred to by it; JSON.parse's own
// objects and arrays become the graph's, so decoding allocates little beyond the parse. File:
// MAGIC, the number of chunks and each one's offset and length (u32 little-endian), then the
// chunks, root first.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const MAGIC = "isagenLG";
/** Bumped whenever the encoding changes: a file of another version is refused (and rebuilt). */
export const LAZY_GRAPH_VERSION = 1;

/** A node of the JSON: tagged values have a "$" key; plain objects with one are tagged "o". */
type Tagged =
  | { $: "u" } // undefined
  | { $: "h" } // an array's hole
  | { $: "n"; v: string } // -0, NaN, ±Infinity
  | { $: "b"; v: string } // bigint
  | { $: "r"; i: number } // an object defined before (or in the root chunk)
  | { $: "x"; c: number; i: number } // an object of another chunk (a property's or element's value)
  | { $: "d"; i: number; v: unknown; p?: 1 } // an object's definition, with its number (p: its body is plain JSON)
  | { $: "p"; v: unknown } // plain JSON, as parsed
  | { $: "m"; v: unknown[] } // Map: key, value, key, value…
  | { $: "s"; v: unknown[] } // Set
  | { $: "re"; v: [string, string] } // RegExp
  | { $: "o"; v: unknown[] } // a plain object with a "$" key: key, value…
  | { $: "z"; c: number; i: number } // a Lazy of an object
  | { $: "z"; v: unknown } // a Lazy of a primitive
  | { $: "T"; k: string[]; c: number[]; i: number[] }; // a LazyTable: names, and each value's chunk and number

/**
 * A value stored in a chunk of its own (`key`: its anchor, unless the anchor function names one)
 * and decoded when `value` is first read: where a graph needs an index of many parts, each part
 * behind a Lazy, reading the index costs one small object per part rather than a getter each.
 */
export class Lazy<T> {
  private v: T | undefined;
  /** Where the value is while not read yet: the graph's resolver and the object's chunk and number. */
  private from: ((c: number, i: number) => unknown) | undefined;
  private c = 0;
  private i = 0;
  constructor(value: T, readonly key = "") {
    this.v = value;
    this.from = undefined;
  }
  /** A Lazy of object `i` of chunk `c`, which `from` decodes (no closure per box: an index has hundreds). */
  static at<T>(from: (c: number, i: number) => unknown, c: number, i: number): Lazy<T> {
    const l = new Lazy<T>(undefined as T);
    l.from = from;
    l.c = c;
    l.i = i;
    return l;
  }
  get value(): T {
    if (this.from !== undefined) {
      this.v = this.from(this.c, this.i) as T;
      this.from = undefined;
    }
    return this.v as T;
  }
}

/**
 * Named objects, each stored in a chunk of its own (`key` names it, unless the anchor function
 * does) and decoded when asked for, written as one compact table (the names, and where each
 * value is): an index of hundreds of names costs three lists to read, not an object per name.
 */
export class LazyTable<T extends object> {
  private readonly names: readonly string[];
  /** Where each value is while not read yet (a decoded table), or the values (a table to write). */
  private readonly where: { from: (c: number, i: number) => unknown; chunks: number[]; ids: number[] } | undefined;
  private readonly values: (T | undefined)[];
  /** The chunk of each value (a table to write). */
  readonly chunkKeys: readonly string[];
  constructor(entries: readonly (readonly [name: string, value: T, key: string])[]) {
    this.names = entries.map((e) => e[0]);
    this.values = entries.map((e) => e[1]);
    this.chunkKeys = entries.map((e) => e[2]);
    this.where = undefined;
  }
  /** A decoded table: value n is object ids[n] of chunk chunks[n], which `from` decodes. */
  static at<T extends object>(from: (c: number, i: number) => unknown, names: string[], chunks: number[], ids: number[]): LazyTable<T> {
    const t = Object.create(LazyTable.prototype) as LazyTable<T>;
    Object.assign(t, { names, where: { from, chunks, ids }, values: [], chunkKeys: [] });
    return t;
  }
  /** The names, in the order given. */
  keys(): readonly string[] {
    return this.names;
  }
  get size(): number {
    return this.names.length;
  }
  /** Value n (in the order of keys()). */
  at(n: number): T {
    let v = this.values[n];
    if (v === undefined && this.where !== undefined) v = this.values[n] = this.where.from(this.where.chunks[n], this.where.ids[n]) as T;
    return v as T;
  }
  /** The value named `name`, or undefined. */
  get(name: string): T | undefined {
    const n = this.names.indexOf(name);
    return n < 0 ? undefined : this.at(n);
  }
}

/** Raised for a value this encoding cannot store exactly (a class instance, a function, a symbol…). */
export class Unencodable extends Error {}

const isPlain = (o: object) => {
  const p = Object.getPrototypeOf(o);
  return p === Object.prototype || p === null;
};

/** The objects `o` refers to, whether as a member of a Map or Set, and for a Lazy's or LazyTable's, the chunk they name. */
function forEachChild(o: object, f: (child: object, member: boolean, box?: string) => void): void {
  const visit = (v: unknown, member: boolean, box?: string) => {
    if (typeof v === "object" && v !== null) f(v, member, box);
    else if (typeof v === "function" || typeof v === "symbol") throw new Unencodable(`a ${typeof v} in the graph`);
  };
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) if (i in o) visit(o[i], false);
  } else if (o instanceof Map) {
    for (const [k, v] of o) {
      visit(k, true);
      visit(v, true);
    }
  } else if (o instanceof Set) {
    for (const v of o) visit(v, true);
  } else if (o instanceof RegExp) {
    // (no children)
  } else if (o instanceof Lazy) {
    visit(o.value, false, o.key);
  } else if (o instanceof LazyTable) {
    for (let n = 0; n < o.size; n++) {
      const v: unknown = o.at(n);
      if (typeof v !== "object" || v === null) throw new Unencodable("a LazyTable of something else than objects");
      visit(v, false, o.chunkKeys[n]);
    }
  } else if (isPlain(o)) {
    for (const k of Object.keys(o)) visit((o as Record<string, unknown>)[k], false);
  } else throw new Unencodable(`an object of class ${o.constructor?.name ?? "?"} in the graph`);
}

/**
 * Marks the parts of an encoded chunk that are plain JSON (no tags below them), so that the
 * decoder takes them as parsed without walking them: a definition's body gets "p": 1, other
 * such objects and arrays with containers inside are wrapped in a "p" tag. Returns whether
 * `node` itself is plain.
 */
function markPlain(node: unknown, known = new WeakMap<object, boolean>()): boolean {
  if (typeof node !== "object" || node === null) return true;
  const was = known.get(node);
  if (was !== undefined) return was;
  const t = node as Record<string, unknown>;
  if (!Array.isArray(node) && typeof t.$ === "string") {
    known.set(node, false);
    if (t.$ === "d") {
      if (markPlain(t.v, known)) t.p = 1;
    } else if ((t.$ === "m" || t.$ === "s" || t.$ === "o") && Array.isArray(t.v) && markPlain(t.v, known)) wrapPlain(t.v as unknown as Record<string, unknown>, known);
    return false;
  }
  let plain = true;
  for (const k of Object.keys(node)) plain = markPlain(t[k], known) && plain;
  known.set(node, plain);
  // Some part is not plain: wrap the plain parts.
  if (!plain) wrapPlain(t, known);
  return plain;
}

/**
 * Wraps in a "p" tag each plain object or array in `container` that holds another or has many
 * entries (a list of numbers, of names): smaller ones cost as much to unwrap as to walk.
 */
function wrapPlain(container: Record<string, unknown>, known: WeakMap<object, boolean>): void {
  const isContainer = (x: unknown): x is object => typeof x === "object" && x !== null;
  for (const k of Object.keys(container)) {
    const v = container[k];
    if (isContainer(v) && known.get(v) === true) {
      const values = Object.values(v);
      if (values.length >= 8 || values.some(isContainer)) container[k] = { $: "p", v };
    }
  }
}

/** Lazy boxes and tables: written where they are referred to, without identity of their own. */
const isBox = (o: object) => o instanceof Lazy || o instanceof LazyTable;

/** `s` with every character outside ASCII as a \\u escape (still the same JSON). */
const ascii = (s: string) => s.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * The graph from `root` as chunks (see above). `anchor` names the chunk of an object that starts
 * one (undefined: none). Throws Unencodable for data it cannot store exactly.
 */
export function encodeGraph(root: object, anchor: (o: object) => string | undefined): Buffer {
  const chunkIds = new Map<string, number>();
  const owner = new Map<object, number>();
  const incoming = new Map<object, number>();
  const queue: object[] = [];
  // The root chunk: what the root reaches without passing an anchor.
  owner.set(root, 0);
  const claim = (start: object, c: number) => {
    const stack = [start];
    while (stack.length) {
      const o = stack.pop()!;
      forEachChild(o, (ch, _member, boxKey) => {
        const known = owner.get(ch);
        if (known !== undefined) {
          // Reached from two chunks (neither its own anchor's): shared, so in the root.
          if (known !== c && known !== 0 && anchor(ch) === undefined && boxKey === undefined) owner.set(ch, 0);
          return;
        }
        const k = anchor(ch) ?? boxKey;
        if (k !== undefined) {
          if (!chunkIds.has(k)) chunkIds.set(k, chunkIds.size + 1);
          owner.set(ch, chunkIds.get(k)!);
          queue.push(ch);
          return;
        }
        owner.set(ch, c);
        stack.push(ch);
      });
    }
  };
  claim(root, 0);
  for (let i = 0; i < queue.length; i++) claim(queue[i], owner.get(queue[i])!);
  // Members of Maps and Sets in their Map's chunk or the root.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [o, c] of owner)
      if (o instanceof Map || o instanceof Set)
        forEachChild(o, (ch) => {
          const d = owner.get(ch)!;
          if (d !== 0 && d !== c) {
            owner.set(ch, 0);
            changed = true;
          }
        });
  }
  // Chunks left empty (their anchors went to the root) are dropped.
  const renumber = new Map([...new Set(owner.values())].sort((x, y) => x - y).map((c, i) => [c, i]));
  for (const [o, c] of owner) owner.set(o, renumber.get(c)!);
  // Numbers for the objects referred to more than once or from another chunk.
  const crossed = new Set<object>();
  for (const [o, c] of owner)
    forEachChild(o, (ch) => {
      if (isBox(o)) crossed.add(ch);
      incoming.set(ch, (incoming.get(ch) ?? 0) + 1);
      if (owner.get(ch) !== c) crossed.add(ch);
    });
  const ids = new Map<object, number>();
  for (const o of owner.keys()) if ((incoming.get(o) ?? 0) + (o === root ? 1 : 0) > 1 || crossed.has(o)) if (!isBox(o)) ids.set(o, ids.size);

  const emitted = new Set<object>();
  const enc = (v: unknown, c: number, member: boolean): unknown => {
    if (v === undefined) return { $: "u" };
    if (typeof v === "number") return Object.is(v, -0) || !Number.isFinite(v) ? { $: "n", v: Object.is(v, -0) ? "-0" : String(v) } : v;
    if (typeof v === "bigint") return { $: "b", v: v.toString() };
    if (typeof v !== "object" || v === null) return v;
    if (v instanceof Lazy) {
      // A box is written where it is referred to (each time: boxes have no identity of their
      // own); its value is an object of its chunk referred to from outside (`crossed`).
      const x: unknown = v.value;
      if (typeof x !== "object" || x === null) return { $: "z", v: enc(x, c, false) };
      return { $: "z", c: owner.get(x)!, i: ids.get(x)! };
    }
    if (v instanceof LazyTable) {
      const xs = Array.from({ length: v.size }, (_, n) => v.at(n) as object);
      return { $: "T", k: [...v.keys()], c: xs.map((x) => owner.get(x)!), i: xs.map((x) => ids.get(x)!) };
    }
    const d = owner.get(v)!;
    if (d !== c) {
      if (d === 0) return { $: "r", i: ids.get(v)! };
      if (member) throw new Unencodable("a Map or Set member in another chunk"); // (moved to the root above)
      return { $: "x", c: d, i: ids.get(v)! };
    }
    if (emitted.has(v)) return { $: "r", i: ids.get(v)! };
    emitted.add(v);
    const body = encBody(v, c);
    const id = ids.get(v);
    return id === undefined ? body : { $: "d", i: id, v: body };
  };
  const encBody = (o: object, c: number): unknown => {
    if (Array.isArray(o)) {
      const out: unknown[] = [];
      for (let i = 0; i < o.length; i++) out.push(i in o ? enc(o[i], c, false) : { $: "h" });
      return out;
    }
    if (o instanceof Map) {
      const out: unknown[] = [];
      for (const [k, v] of o) out.push(enc(k, c, true), enc(v, c, true));
      return { $: "m", v: out };
    }
    if (o instanceof Set) return { $: "s", v: [...o].map((v) => enc(v, c, true)) };
    if (o instanceof RegExp) return { $: "re", v: [o.source, o.flags] };
    const keys = Object.keys(o);
    if (keys.includes("$") || keys.includes("__proto__")) return { $: "o", v: keys.flatMap((k) => [k, enc((o as Record<string, unknown>)[k], c, false)]) };
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = enc((o as Record<string, unknown>)[k], c, false);
    return out;
  };

  // Each chunk: its objects that are referred to from elsewhere, with what they reach in it.
  // (The root chunk starts with the root; it also holds objects that only other chunks reach.)
  const chunks: unknown[][] = Array.from({ length: renumber.size }, () => []);
  chunks[0].push(enc(root, 0, false));
  const entries = [...crossed].filter((o) => !isBox(o)).sort((a, b) => ids.get(a)! - ids.get(b)!);
  for (const o of entries) if (owner.get(o) === 0 && !emitted.has(o)) chunks[0].push(enc(o, 0, false));
  for (const o of entries) if (!emitted.has(o)) chunks[owner.get(o)!].push(enc(o, owner.get(o)!, false));
  for (const c of chunks) markPlain(c);
  const texts = chunks.map((c) => Buffer.from(ascii(JSON.stringify(c)), "latin1"));
  const head = Buffer.alloc(MAGIC.length + 8 + 8 * texts.length);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(LAZY_GRAPH_VERSION, MAGIC.length);
  head.writeUInt32LE(texts.length, MAGIC.length + 4);
  let offset = head.length;
  texts.forEach((t, i) => {
    head.writeUInt32LE(offset, MAGIC.length + 8 + 8 * i);
    head.writeUInt32LE(t.length, MAGIC.length + 12 + 8 * i);
    offset += t.length;
  });
  return Buffer.concat([head, ...texts]);
}

/** A damaged or foreign file, found while decoding (the caller rebuilds it). */
export class DamagedGraph extends Error {}

/** The source of the bytes: positional reads of an open file. */
interface Source {
  read(offset: number, length: number): Buffer;
  size: number;
}

/**
 * Decodes the graph in `source` (a file's path or its bytes): the root chunk now, each other
 * chunk when something of it is first read. The file is opened again for each chunk (a process
 * holds no descriptor), and read only while its header (the chunk table) is the one first read:
 * a file rewritten since with the same contents is as good (the encoding is deterministic).
 * Throws DamagedGraph for what is not such a file; a chunk found damaged later throws
 * DamagedGraph from the property read that needed it, after calling `onDamage`.
 */
export function decodeGraph(source: string | Buffer, onDamage: () => void = () => {}): unknown {
  let src: Source;
  let fd: number | undefined;
  let header: Buffer | undefined;
  if (typeof source === "string") {
    fd = openSync(source, "r");
    const size = fstatSync(fd).size;
    const readAt = (f: number, b: Buffer, offset: number, length: number) => {
      let n = 0;
      for (let r; n < length && (r = readSync(f, b, n, length - n, offset + n)) > 0; ) n += r;
      if (n !== length) throw new DamagedGraph("file shorter than its header says");
      return b;
    };
    src = {
      size,
      read(offset, length) {
        const b = Buffer.allocUnsafe(length);
        if (fd !== undefined) return readAt(fd, b, offset, length);
        // A later chunk: the same file still?
        const f = openSync(source, "r");
        try {
          if (header === undefined || !readAt(f, Buffer.allocUnsafe(header.length), 0, header.length).equals(header))
            throw new DamagedGraph("the file changed since its first chunk was read");
          return readAt(f, b, offset, length);
        } finally {
          closeSync(f);
        }
      },
    };
  } else src = { size: source.length, read: (offset, length) => source.subarray(offset, offset + length) };
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  try {
    const fixed = MAGIC.length + 8;
    if (src.size < fixed) throw new DamagedGraph("too short");
    const h0 = src.read(0, fixed);
    if (h0.toString("latin1", 0, MAGIC.length) !== MAGIC || h0.readUInt32LE(MAGIC.length) !== LAZY_GRAPH_VERSION) throw new DamagedGraph("not a graph of this version");
    const n = h0.readUInt32LE(MAGIC.length + 4);
    if (n < 1 || fixed + 8 * n > src.size) throw new DamagedGraph("bad chunk count");
    const table = src.read(fixed, 8 * n);
    header = Buffer.concat([h0, table]);
    const spans: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const off = table.readUInt32LE(8 * i);
      const len = table.readUInt32LE(8 * i + 4);
      if (off + len > src.size) throw new DamagedGraph("chunk beyond the end");
      spans.push([off, len]);
    }
    const objs: unknown[] = [];
    const loaded: boolean[] = spans.map(() => false);

    const load = (c: number) => {
      loaded[c] = true;
      const [off, len] = spans[c];
      const text = src.read(off, len).toString("latin1");
      let defs: unknown;
      try {
        defs = JSON.parse(text);
      } catch {
        throw new DamagedGraph(`chunk ${c} is not JSON`);
      }
      if (!Array.isArray(defs)) throw new DamagedGraph(`chunk ${c} is not a list`);
      for (let i = 0; i < defs.length; i++) defs[i] = fix(defs[i]);
      return defs;
    };
    const resolve = (c: number, i: number): unknown => {
      if (!loaded[c])
        try {
          load(c);
        } catch (e) {
          onDamage();
          throw e instanceof DamagedGraph ? e : new DamagedGraph(String(e));
        }
      if (!(i in objs)) {
        onDamage();
        throw new DamagedGraph(`object ${i} missing from chunk ${c}`);
      }
      return objs[i];
    };
    const lazy = (target: object, key: string | number, c: number, i: number) => {
      if (!(c >= 0 && c < n)) throw new DamagedGraph(`reference to chunk ${c}`);
      const settle = (value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
      Object.defineProperty(target, key, {
        enumerable: true,
        configurable: true,
        get() {
          const v = resolve(c, i);
          settle(v);
          return v;
        },
        set: settle,
      });
    };
    /** Sets target[key] to the decoded `node` (a getter when it is in another chunk). */
    const into = (target: Record<string | number, unknown>, key: string | number, node: unknown) => {
      if (typeof node === "object" && node !== null && !Array.isArray(node)) {
        const t = node as Tagged;
        if (t.$ === "x") return lazy(target, key, t.c, t.i);
        if (t.$ === "h") return void delete target[key];
      }
      const v = fix(node);
      if (key === "__proto__") Object.defineProperty(target, key, { value: v, writable: true, enumerable: true, configurable: true });
      else target[key] = v;
    };
    const define = (i: number, v: unknown) => {
      if (typeof i !== "number" || i in objs) throw new DamagedGraph(`object ${i} defined twice`);
      objs[i] = v;
    };
    /** The value `node` stands for; plain objects and arrays are the parsed ones, completed in place. */
    const fix = (node: unknown, id?: number): unknown => {
      if (typeof node !== "object" || node === null) return node;
      if (Array.isArray(node)) {
        if (id !== undefined) define(id, node);
        for (let i = 0; i < node.length; i++) into(node as unknown as Record<number, unknown>, i, node[i]);
        return node;
      }
      const t = node as Tagged;
      if (t.$ === undefined) {
        if (id !== undefined) define(id, node);
        const o = node as Record<string, unknown>;
        for (const k in o) into(o, k, o[k]);
        return node;
      }
      switch (t.$) {
        case "u":
          return undefined;
        case "n":
          return Number(t.v);
        case "b":
          return BigInt(t.v);
        case "r":
          if (!(t.i in objs)) throw new DamagedGraph(`object ${t.i} used before it is defined`);
          return objs[t.i];
        case "d":
          if (t.p === 1) {
            if (typeof t.v !== "object" || t.v === null) throw new DamagedGraph("a plain definition of no object");
            define(t.i, t.v);
            return t.v;
          }
          return fix(t.v, t.i);
        case "p":
          return t.v;
        case "m": {
          const m = new Map();
          if (id !== undefined) define(id, m);
          for (let i = 0; i < t.v.length; i += 2) m.set(fix(t.v[i]), fix(t.v[i + 1]));
          return m;
        }
        case "s": {
          const s = new Set();
          if (id !== undefined) define(id, s);
          for (const v of t.v) s.add(fix(v));
          return s;
        }
        case "re": {
          const re = new RegExp(t.v[0], t.v[1]);
          if (id !== undefined) define(id, re);
          return re;
        }
        case "z": {
          if ("v" in t) return new Lazy(fix(t.v));
          if (!(t.c >= 0 && t.c < n)) throw new DamagedGraph(`reference to chunk ${t.c}`);
          return Lazy.at(resolve, t.c, t.i);
        }
        case "T": {
          const ok = (x: unknown, of: string): x is unknown[] => Array.isArray(x) && x.length === t.k.length && x.every((y) => typeof y === of);
          if (!ok(t.k, "string") || !ok(t.c, "number") || !ok(t.i, "number") || t.c.some((c) => !(c >= 0 && c < n)))
            throw new DamagedGraph("a damaged table");
          return LazyTable.at(resolve, t.k, t.c, t.i);
        }
        case "o": {
          const o: Record<string, unknown> = {};
          if (id !== undefined) define(id, o);
          for (let i = 0; i < t.v.length; i += 2) into(o, t.v[i] as string, t.v[i + 1]);
          return o;
        }
        default:
          throw new DamagedGraph(`unknown tag ${JSON.stringify(t.$)}`);
      }
    };
    const [root] = load(0) as [unknown];
    close();
    if (typeof root !== "object" || root === null) throw new DamagedGraph("no root");
    return root;
  } catch (e) {
    close();
    throw e instanceof DamagedGraph ? e : new DamagedGraph(String(e));
  }
}
