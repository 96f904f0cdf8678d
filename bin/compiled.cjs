// The CLI compiled ahead of time into dist/ (scripts/build.mjs): whether it matches the sources
// on disk, and loading it. Plain CommonJS: bin/isagen.cjs uses it before anything else loads
// (an ES module would start node's ESM loader, milliseconds of every command).
//
// dist/cli.cjs and dist/isa-<name>.cjs are scripts (esbuild's CommonJS bundles, each wrapped in a
// function) run through node:vm with V8 code caches, which the build writes after running the
// commands: V8 then neither parses nor compiles what they hold. Node 20 has no compile cache
// for modules (module.enableCompileCache is Node 22), hence the script. A script has one cache
// per command (holding what that command ran: `decode` does not deserialize `run`'s code) and
// one for the rest, each for node started as `isagen` starts it and as `node bin/isagen.cjs`
// does (SHEBANG_FLAGS). Each cache is stored with a copy of its script's text in one file,
// <script>.<command>[-started].pack (packFile): one read per script, and a cache can never be
// paired with another version of its script. The cache is only an optimisation: when V8 refuses
// it (another V8 version, other V8 flags) or it is missing, the script is compiled as usual.
"use strict";
const { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } = require("node:fs");
const { resolve } = require("node:path");
const { pathToFileURL } = require("node:url");

const ROOT = resolve(__dirname, "..");

/** The CLI's script, under dist/. */
const BUNDLE = "cli.cjs";

/** The commands with code caches of their own (the build warms each in a process of its own). */
const CACHED_COMMANDS = ["decode", "disasm", "asm", "explain", "run"];

/**
 * The node options bin/isagen.cjs's first line starts node with. V8 refuses a code cache made
 * under other flags, so the build makes each cache twice: for `isagen` as installed (these
 * flags) and for `node bin/isagen.cjs` (none).
 */
const SHEBANG_FLAGS = ["--concurrent-recompilation-queue-length=1024"];

/** Which caches fit this process's flags: "-started" (SHEBANG_FLAGS) or "" (none, or others: V8 may refuse them). */
const FLAVOUR = process.execArgv.length === SHEBANG_FLAGS.length && SHEBANG_FLAGS.every((f, i) => process.execArgv[i] === f) ? "-started" : "";

/** The pack (code cache and script text) of a script for a command (`undefined`: the one for every other command). */
const packFile = (file, command, flavour = FLAVOUR) => `${file}${command === undefined ? "" : `.${command}`}${flavour}.pack`;

/** The bytes before a pack's cache. */
const PACK_HEAD = 8;

/**
 * A pack's bytes: the length of the code cache (4 bytes, little-endian, then 4 zero bytes: V8
 * copies a cache that is not 8-byte aligned before reading it), the cache, then the script's text
 * (ASCII: esbuild escapes the rest).
 */
function pack(cache, source) {
  const head = Buffer.alloc(PACK_HEAD);
  head.writeUInt32LE(cache.length, 0);
  return Buffer.concat([head, cache, source]);
}

/** A pack's code cache and script text, or undefined when it is not one. */
function unpack(bytes) {
  if (bytes.length < PACK_HEAD) return undefined;
  const n = bytes.readUInt32LE(0);
  if (PACK_HEAD + n > bytes.length) return undefined;
  return { cachedData: bytes.subarray(PACK_HEAD, PACK_HEAD + n), source: bytes.latin1Slice(PACK_HEAD + n, bytes.length) };
}

/**
 * One buffer for every pack a process reads. Memory a process touches for the first time costs
 * a page fault per 4 KB, which on a virtual machine is microseconds each: a buffer per file
 * (readFileSync) is fresh memory each time, and most of the packs' cost.
 */
let scratch;

/** The pack at `path` (in `scratch`: valid until the next read). */
function readPack(path) {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (scratch === undefined || scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, 1 << 20));
    let n = 0;
    for (let r; n < size && (r = readSync(fd, scratch, n, size - n, n)) > 0; ) n += r;
    return unpack(scratch.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/**
 * True when dist/ holds the compiled CLI of exactly the sources on disk. (Paths by concatenation:
 * path.join normalises each character in JavaScript, which for a hundred sources is most of the
 * check's time; the inputs are relative paths with '/', as the build writes them.)
 */
function isFresh(root = ROOT) {
  let info;
  try {
    info = JSON.parse(readFileSync(`${root}/dist/inputs.json`, "utf8"));
  } catch {
    return false;
  }
  if (info.node !== process.versions.node) return false;
  try {
    const pkg = statSync(`${root}/package.json`);
    if (pkg.size !== info.package[0] || pkg.mtimeMs !== info.package[1]) return false;
    for (const [p, size, mtime] of info.inputs) {
      const s = statSync(`${root}/${p}`);
      if (s.size !== size || s.mtimeMs !== mtime) return false;
    }
  } catch {
    return false;
  }
  return true;
}

/**
 * Built-in modules the bundle requires as it loads but uses only in some commands:
 * node:child_process is commander's, for running subcommands as executables, which isagen has
 * none of (with node:net beneath it); node:stream, for reading standard input and the listings'
 * backpressure, which one word given on the command line needs neither of (node's stream modules
 * take milliseconds to load); node:crypto, which explain and asm hash their tables with only when
 * these changed (cli/model-cache.ts).
 */
const LAZY = new Set(["node:child_process", "child_process", "node:stream", "stream", "node:crypto"]);

/** A stand-in for a module that loads it on first use of any of its properties. */
function lazy(get) {
  let m;
  const real = () => (m ??= get());
  return new Proxy(
    {},
    {
      get: (_, k) => real()[k],
      has: (_, k) => k in real(),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_, k) => {
        const d = Reflect.getOwnPropertyDescriptor(real(), k);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/**
 * Runs dist/cli.cjs and returns its exports (`main`), with every script it loaded (for the
 * build's createCachedData). The CLI's script requires each generated ISA's own script,
 * dist/isa-<name>.cjs, when a command first uses that ISA: `decode --isa ppc440` reads neither
 * MIPS's code nor its cache. `command` picks the code caches (`cache: false`: none).
 */
function loadCompiled(root = ROOT, { cache = true, command } = {}) {
  const { Script } = require("node:vm");
  const dist = `${root}/dist`;
  // The scripts' URL (import.meta.url in the sources), from dist/'s, made once.
  const distUrl = pathToFileURL(`${dist}/`).href;
  const perCommand = CACHED_COMMANDS.includes(command) ? command : undefined;
  /** A decoder's table, as the build wrote it (scripts/build.mjs, writeDecoderTables). */
  const readTable = (name) => {
    const b = readFileSync(`${dist}/${name}`);
    return new Int32Array(b.byteOffset % 4 === 0 ? b.buffer : new Uint8Array(b).buffer, b.byteOffset % 4 === 0 ? b.byteOffset : 0, b.length >> 2);
  };
  /** @type {Map<string, { script: import("node:vm").Script, module: { exports: object }, cached: boolean }>} */
  const loaded = new Map();
  const load = (name) => {
    const known = loaded.get(name);
    if (known) return known.module.exports;
    const file = `${dist}/${name}`;
    let packed;
    if (cache)
      try {
        packed = readPack(packFile(file, perCommand));
      } catch {
        // none: compiled as usual
      }
    // The build writes ASCII only (esbuild escapes the rest): latin1 is the cheapest decoding.
    const source = packed?.source ?? readFileSync(file, "latin1");
    // (V8 reads the cache here: `scratch` may be reused after this line.)
    const script = new Script(source, { filename: file, cachedData: packed?.cachedData });
    const module = { exports: {} };
    loaded.set(name, { script, module, cached: packed !== undefined && !script.cachedDataRejected });
    // The parameters the build's banner declares (scripts/build.mjs).
    script.runInThisContext()(module.exports, scriptRequire, module, file, dist, distUrl + name, readTable);
    return module.exports;
  };
  // Our scripts by their relative name; packages (yaml, ajv) from node_modules, which this
  // module's require finds as one in dist/ would (bin/ and dist/ are both one level below the
  // root); modules that are required at load but used rarely (LAZY), when first used.
  const scriptRequire = (id) =>
    id.startsWith("./") && id.endsWith(".cjs") ? load(id.slice(2)) : LAZY.has(id) ? lazy(() => require(id)) : require(id);
  return { exports: load(BUNDLE), loaded };
}

module.exports = { BUNDLE, CACHED_COMMANDS, SHEBANG_FLAGS, packFile, pack, isFresh, loadCompiled };
