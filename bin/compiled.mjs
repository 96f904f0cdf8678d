// The CLI compiled ahead of time into dist/ (scripts/build.mjs): whether it matches the sources
// on disk, and loading it. Plain JavaScript: bin/isagen.mjs uses it before anything else loads.
//
// dist/cli.cjs and dist/isa-<name>.cjs are scripts (esbuild's CommonJS bundles, each wrapped in a
// function) run through node:vm with a V8 code cache each, <script>.v8cache, which the build
// writes after running the commands once: V8 then neither parses nor compiles what they hold. Node 20 has no
// compile cache for modules (module.enableCompileCache is Node 22), hence the script. The cache
// is only an optimisation: when V8 refuses it (another V8 version, other V8 flags) or it is
// missing, the script is compiled as usual.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script } from "node:vm";

// node:fs through require: an ES import of it builds its ESM facade, which loads fs's streams
// (milliseconds) for exports nobody here uses.
const { readFileSync, statSync } = createRequire(import.meta.url)("node:fs");

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The CLI's script, under dist/. */
export const BUNDLE = "cli.cjs";

/** True when dist/ holds the compiled CLI of exactly the sources on disk. */
export function isFresh(root = ROOT) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(root, "dist", "inputs.json"), "utf8"));
  } catch {
    return false;
  }
  if (info.node !== process.versions.node) return false;
  try {
    const pkg = statSync(join(root, "package.json"));
    if (pkg.size !== info.package[0] || pkg.mtimeMs !== info.package[1]) return false;
    for (const [p, size, mtime] of info.inputs) {
      const s = statSync(join(root, p));
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
 * none of (with node:net beneath it, a few milliseconds of every start).
 */
const LAZY = new Set(["node:child_process", "child_process"]);

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
 * MIPS's code nor its cache. Each script has its code cache beside it (<script>.v8cache).
 */
export function loadCompiled(root = ROOT, { cache = true } = {}) {
  const dist = join(root, "dist");
  const nodeRequire = createRequire(join(dist, BUNDLE));
  /** @type {Map<string, { script: Script, module: { exports: object }, cached: boolean }>} */
  const loaded = new Map();
  const load = (name) => {
    const known = loaded.get(name);
    if (known) return known.module.exports;
    const file = join(dist, name);
    // The build writes ASCII only (esbuild escapes the rest): latin1 is the cheapest decoding.
    const source = readFileSync(file, "latin1");
    let cachedData;
    if (cache) {
      try {
        // V8 checks a cache against its source by length only: one older than its script (the
        // script changed since the build wrote it) is not used.
        if (statSync(`${file}.v8cache`).mtimeMs >= statSync(file).mtimeMs) cachedData = readFileSync(`${file}.v8cache`);
      } catch {
        // none: compiled as usual
      }
    }
    const script = new Script(source, { filename: file, cachedData });
    const module = { exports: {} };
    loaded.set(name, { script, module, cached: cachedData !== undefined && !script.cachedDataRejected });
    // The parameters the build's banner declares (scripts/build.mjs).
    script.runInThisContext()(module.exports, require, module, file, dist, pathToFileURL(file).href);
    return module.exports;
  };
  // Our scripts by their relative name, packages (yaml, ajv) from node_modules; modules that
  // are required at load but used rarely (LAZY), when first used.
  const require = (id) =>
    id.startsWith("./") && id.endsWith(".cjs") ? load(id.slice(2)) : LAZY.has(id) ? lazy(() => nodeRequire(id)) : nodeRequire(id);
  return { exports: load(BUNDLE), loaded };
}
