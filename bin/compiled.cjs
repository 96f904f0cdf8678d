// The CLI compiled ahead of time into dist/ (scripts/build.mjs): whether it matches the sources
// on disk, and loading it. Plain CommonJS: bin/isagen.cjs uses it before anything else loads
// (an ES module would start node's ESM loader, milliseconds of every command).
//
// dist/cli.cjs and dist/isa-<name>.cjs are scripts (esbuild's CommonJS bundles, each wrapped in a
// function) run through node:vm with V8 code caches, which the build writes after running the
// commands: V8 then neither parses nor compiles what they hold. Node 20 has no compile cache
// for modules (module.enableCompileCache is Node 22), hence the script. A script has one cache
// per command (<script>.<command>.v8cache, holding what that command ran: `decode` does not
// deserialize `run`'s code) and one for the rest (<script>.v8cache), each for node started as
// `isagen` starts it and as `node bin/isagen.cjs` does (SHEBANG_FLAGS). The cache is only an
// optimisation: when V8 refuses it (another V8 version, other V8 flags) or it is missing, the
// script is compiled as usual.
"use strict";
const { readFileSync, statSync } = require("node:fs");
const { join, resolve } = require("node:path");
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

/** The code cache of a script for a command (`undefined`: the one for every other command). */
const cacheFile = (file, command, flavour = FLAVOUR) => `${file}${command === undefined ? "" : `.${command}`}${flavour}.v8cache`;

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
  const dist = join(root, "dist");
  const perCommand = CACHED_COMMANDS.includes(command) ? command : undefined;
  /** @type {Map<string, { script: import("node:vm").Script, module: { exports: object }, cached: boolean }>} */
  const loaded = new Map();
  const load = (name) => {
    const known = loaded.get(name);
    if (known) return known.module.exports;
    const file = `${dist}/${name}`;
    // The build writes ASCII only (esbuild escapes the rest): latin1 is the cheapest decoding.
    const source = readFileSync(file, "latin1");
    let cachedData;
    if (cache) {
      try {
        // V8 checks a cache against its source by length only: one older than its script (the
        // script changed since the build wrote it) is not used.
        const c = cacheFile(file, perCommand);
        if (statSync(c).mtimeMs >= statSync(file).mtimeMs) cachedData = readFileSync(c);
      } catch {
        // none: compiled as usual
      }
    }
    const script = new Script(source, { filename: file, cachedData });
    const module = { exports: {} };
    loaded.set(name, { script, module, cached: cachedData !== undefined && !script.cachedDataRejected });
    // The parameters the build's banner declares (scripts/build.mjs).
    script.runInThisContext()(module.exports, scriptRequire, module, file, dist, pathToFileURL(file).href);
    return module.exports;
  };
  // Our scripts by their relative name, packages (yaml, ajv) from node_modules; modules that
  // are required at load but used rarely (LAZY), when first used.
  const nodeRequire = require("node:module").createRequire(join(dist, BUNDLE));
  const scriptRequire = (id) =>
    id.startsWith("./") && id.endsWith(".cjs") ? load(id.slice(2)) : LAZY.has(id) ? lazy(() => nodeRequire(id)) : nodeRequire(id);
  return { exports: load(BUNDLE), loaded };
}

module.exports = { BUNDLE, CACHED_COMMANDS, SHEBANG_FLAGS, cacheFile, isFresh, loadCompiled };
