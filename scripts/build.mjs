// Compiles the CLI ahead of time so that `isagen` starts in milliseconds (`npm install` runs this
// through the `prepare` script; `npm run build` runs it by hand). esbuild (pinned in package.json)
// bundles cli/main.ts and what it imports into one script, dist/cli.cjs (bin/compiled.cjs loads
// it); then child processes run a few commands through it and save V8's code cache of what they
// compiled, so that later runs skip parsing and compiling: one process per command that has
// caches of its own (dist/<script>.<command>.pack: only what that command runs, so that
// `decode` does not deserialize `run`'s code), and one running them all for the other commands
// (dist/<script>.pack). A pack holds the cache and a copy of its script's text (bin/compiled.cjs).
//
// What goes in: the CLI, the runtime, the generated ISAs and commander (bundled: one script to
// cache instead of a package's files to resolve and compile). `gen` is left out (a stub): it
// always runs from the sources through tsx (it starts a formatter worker, scans runtime/ and
// must work when generated/ is stale), and with it the generator's heavy packages. The table
// loader's packages (yaml, ajv: explain and asm build the table model with them when it is not
// cached yet) stay in node_modules, required at run time.
//
// bin/isagen.cjs runs dist/ only while it is up to date: dist/inputs.json lists every source file
// that went into it with its size and mtime, and any difference (an edit, a checkout) sends the
// command through tsx instead, as before. dist/ is never needed for correctness, only for speed.
//
// Plain JavaScript on purpose: it runs before anything is compiled.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import compiled from "../bin/compiled.cjs";

const { BUNDLE, CACHED_COMMANDS, SHEBANG_FLAGS, pack, packFile, loadCompiled } = compiled;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");

/** Packages required at run time rather than bundled (gen's, and the table loader's). */
const EXTERNAL = ["yaml", "ajv", "prettier", "ts-morph", "handlebars", "tsx", "esbuild"];

/** JSON imports (the generated tables) as JSON.parse of a string: V8 reads that far faster than an object literal. */
const jsonAsParse = {
  name: "json-as-parse",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (a) => ({
      contents: `export default JSON.parse(${ascii(JSON.stringify(JSON.stringify(JSON.parse(readFileSync(a.path, "utf8")))))});`,
      loader: "js",
    }));
  },
};

/** `s` with every character outside ASCII as a \\u escape (valid in a JavaScript string literal). */
const ascii = (s) => s.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * The scripts beside dist/cli.cjs: each generated ISA (generated/<name>/index.ts) and each board
 * (runtime/boards/<name>/index.ts), loaded when a command first needs it: `decode --isa ppc440`
 * reads neither MIPS's code nor the runtime's. The boards are apart also because the PowerPC and
 * MIPS machines each find their own `run` by its text (inlineDispatch), which must not be
 * renamed by the bundler for a name the other one uses at the top level.
 */
function scripts() {
  const under = (dir, prefix) =>
    readdirSync(join(ROOT, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(ROOT, dir, e.name, "index.ts")))
      .map((e) => ({ source: `${dir}/${e.name}/index.ts`, name: `${prefix}-${e.name}` }));
  const isas = under("generated", "isa").map((x) => {
    const index = readFileSync(join(ROOT, x.source), "utf8");
    return { ...x, parts: LAZY_PARTS.filter((p) => lazyExports(index, p) !== undefined) };
  });
  const parts = isas.flatMap((x) => x.parts.map((p) => ({ source: x.source.replace(/index\.ts$/, `${p}.ts`), name: `${x.name}-${p}` })));
  return [...isas, ...parts, ...(existsSync(join(ROOT, "runtime", "boards")) ? under("runtime/boards", "board") : [])];
}

/** Imports of another script's entry module are requires of that script. */
const apart = (list) => ({
  name: "scripts-apart",
  setup(b) {
    b.onResolve({ filter: /index\.ts$/ }, (a) => {
      if (a.kind === "entry-point") return undefined;
      const path = resolve(a.resolveDir, a.path);
      const s = list.find((x) => path === join(ROOT, x.source));
      return s === undefined ? undefined : { path: `./${s.name}.cjs`, external: true };
    });
  },
});

/**
 * Parts of a generated ISA that only some commands use (encode.ts; roles.ts: run; info.ts, the
 * instructions' metadata: decode and run), as scripts of their own, dist/isa-<name>-<part>.cjs,
 * which the ISA's script requires when one of their exports is first read: `disasm` neither reads
 * nor evaluates them. The ISA's index.ts re-exports each part in one `export { … } from
 * "./<part>.ts";` statement; when the statement is not found, the part simply stays in the ISA's
 * script. The ISA's other modules import a part through the same getters (privilege.ts and
 * roles.ts read INFO), so that it is in one script only.
 */
const LAZY_PARTS = ["encode", "roles", "info"];

function lazyExports(indexSource, part) {
  const m = new RegExp(`export \\{([^}]*)\\} from "\\./${part}\\.ts";`).exec(indexSource);
  if (!m) return undefined;
  const names = m[1]
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "" && !n.startsWith("type "));
  return names.every((n) => /^[A-Za-z_$][\w$]*$/.test(n)) ? { statement: m[0], names } : undefined;
}

const lazyParts = (list) => ({
  name: "lazy-parts",
  setup(b) {
    b.onLoad({ filter: /index\.ts$/ }, (a) => {
      const s = list.find((x) => a.path === join(ROOT, x.source) && x.name.startsWith("isa-"));
      if (s === undefined) return undefined;
      let contents = readFileSync(a.path, "utf8");
      for (const part of s.parts ?? []) {
        const found = lazyExports(contents, part);
        contents = contents.replace(found.statement, `export { ${found.names.join(", ")} } from "lazy-part:./${s.name}-${part}.cjs";`);
      }
      return { contents, loader: "ts" };
    });
    b.onResolve({ filter: /^lazy-part:/ }, (a) => ({ path: a.path.slice("lazy-part:".length), namespace: "lazy-part" }));
    b.onResolve({ filter: /^\.\/[a-z]+\.ts$/ }, (a) => {
      const part = a.path.slice(2, -3);
      const s = list.find((x) => x.parts?.includes(part) && a.importer.startsWith(join(ROOT, dirname(x.source)) + "/"));
      return s === undefined ? undefined : { path: `./${s.name}-${part}.cjs`, namespace: "lazy-part" };
    });
    b.onResolve({ filter: /^\.\/isa-.*\.cjs$/ }, (a) => (a.namespace === "lazy-part" ? { path: a.path, external: true } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy-part" }, (a) => {
      const s = list.find((x) => x.parts && x.parts.some((part) => a.path === `./${x.name}-${part}.cjs`));
      const part = s.parts.find((p) => a.path === `./${s.name}-${p}.cjs`);
      const { names } = lazyExports(readFileSync(join(ROOT, s.source), "utf8"), part);
      // CommonJS, so that each export is a getter (esbuild keeps them as getters when it imports).
      return {
        contents:
          `let part;\nconst load = () => (part ??= require(${JSON.stringify(a.path)}));\n` +
          names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`).join("\n"),
        loader: "js",
      };
    });
  },
});

/** cli/gen.ts, which bin/isagen.cjs never runs from dist/. */
const genStub = {
  name: "gen-stub",
  setup(b) {
    b.onResolve({ filter: /^\.\/gen\.ts$/ }, (a) => (a.importer.endsWith(join("cli", "main.ts")) ? { path: "gen", namespace: "gen-stub" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "gen-stub" }, () => ({
      contents: `export async function genCommand() { throw new Error("gen runs from the sources (bin/isagen.cjs), not from dist/"); }`,
      loader: "js",
    }));
  },
};

/** The statement of generated/<isa>/decoder.ts that builds the decoder's table when it loads. */
const BUILD_TABLE = "const TABLE = buildTable(TABLES);";

/**
 * Each ISA's decoder table (TABLE in generated/<isa>/decoder.ts, which buildTable makes from
 * decoder-tables.json as the module loads), made here by that same code and written as its bytes,
 * dist/<isa script>-table.bin; the ISA's script then reads it into the Int32Array
 * (decoderTables below, __isagenTable in bin/compiled.cjs). Parsing the JSON into objects and
 * building from them was a command's largest young-generation allocation (two scavenges of
 * `decode`, and the pages they touch), and the JSON's text was in the script and its code cache.
 * Written in this machine's byte order, which is the one that reads it (npm install builds
 * here). An ISA whose decoder.ts lacks the statement keeps building its table.
 */
async function writeDecoderTables(esbuild, list) {
  const written = new Set();
  for (const x of list.filter((x) => x.name.startsWith("isa-") && x.parts !== undefined)) {
    const decoder = join(ROOT, dirname(x.source), "decoder.ts");
    const text = readFileSync(decoder, "utf8");
    if (!text.includes(BUILD_TABLE)) continue;
    let table;
    try {
      const out = await esbuild.build({
        stdin: { contents: `${text}\nexport { TABLE as isagenTable };\n`, resolveDir: dirname(decoder), sourcefile: decoder, loader: "ts" },
        bundle: true,
        format: "cjs",
        platform: "node",
        write: false,
        logLevel: "silent",
      });
      const module = { exports: {} };
      new Function("module", "exports", out.outputFiles[0].text)(module, module.exports);
      table = module.exports.isagenTable;
    } catch {
      // (generated/ does not load: the script builds its table as the sources do, or fails as they do)
    }
    if (!(table instanceof Int32Array)) continue;
    writeFileSync(join(DIST, `${x.name}-table.bin`), new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
    written.add(decoder);
  }
  return written;
}

/** generated/<isa>/decoder.ts reading the table writeDecoderTables wrote for it. */
const decoderTables = (list, written) => ({
  name: "decoder-tables",
  setup(b) {
    b.onLoad({ filter: /decoder\.ts$/ }, (a) => {
      if (!written.has(a.path)) return undefined;
      const s = list.find((x) => a.path === join(ROOT, dirname(x.source), "decoder.ts"));
      const contents = readFileSync(a.path, "utf8").replace(BUILD_TABLE, `const TABLE = __isagenTable(${JSON.stringify(`${s.name}-table.bin`)});`);
      return { contents, loader: "ts" };
    });
  },
});

export async function build({ quiet = false } = {}) {
  const t0 = performance.now();
  const esbuild = await import("esbuild");
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const list = scripts();
  const tables = await writeDecoderTables(esbuild, list);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [
      { in: "cli/main.ts", out: BUNDLE.replace(/\.cjs$/, "") },
      ...list.map((x) => ({ in: x.source, out: x.name })),
    ],
    outdir: DIST,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    // import() of our own scripts as require: bin/compiled.cjs's require runs them.
    supported: { "dynamic-import": false },
    charset: "ascii",
    // Each script is a function of what a CommonJS module gets, of the module URL (sources are
    // ES modules) and of the reader of a decoder's table (decoderTables): bin/compiled.cjs calls it. dist/ sits one level below the root, as cli/
    // does, so paths made from import.meta.url resolve the same.
    banner: { js: '(function (exports, require, module, __filename, __dirname, __isagenModuleUrl, __isagenTable) {"use strict";' },
    footer: { js: "})" },
    define: { "import.meta.url": "__isagenModuleUrl" },
    plugins: [jsonAsParse, genStub, apart(list), lazyParts(list), decoderTables(list, tables)],
    sourcemap: "linked",
    keepNames: false,
    // Less text to read and keep (identifiers stay: the machines find their run loop by its text).
    minifyWhitespace: true,
    metafile: true,
    logLevel: "warning",
  });
  // (decoder-tables.json is no longer imported where the table is read, but the table is made from it.)
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...[...tables].map((p) => relative(ROOT, p).replace(/decoder\.ts$/, "decoder-tables.json").split(sep).join("/"))])]
    .filter((p) => !p.includes(":") && !p.startsWith("node_modules/") && !p.includes("/node_modules/"))
    .sort()
    .map((p) => {
      const s = statSync(join(ROOT, p));
      return [p, s.size, s.mtimeMs];
    });
  // The code caches, each from a child that runs the commands (a clean V8, as users' processes
  // have): one per command that has its own, then the one for the others; with node's flags as
  // `isagen` starts it (bin/isagen.cjs's first line), and without, as `node bin/isagen.cjs`.
  const shebang = readFileSync(join(ROOT, "bin", "isagen.cjs"), "utf8").split("\n")[0];
  if (shebang !== `#!/usr/bin/env -S node ${SHEBANG_FLAGS.join(" ")}`) throw new Error(`bin/compiled.cjs's SHEBANG_FLAGS differ from bin/isagen.cjs's first line (${shebang})`);
  const jobs = [SHEBANG_FLAGS, []].flatMap((flags) => [...CACHED_COMMANDS, "all"].map((command) => ({ flags, command })));
  const failures = [];
  const next = async () => {
    for (let job; (job = jobs.shift()); ) {
      const { flags, command } = job;
      const warm = await new Promise((done) => {
        const child = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url), "--warm", command], {
          cwd: ROOT,
          stdio: ["ignore", "ignore", "pipe"],
          timeout: 120_000,
        });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", (error) => done({ status: null, stderr: error.message }));
        child.on("close", (status) => done({ status, stderr }));
      });
      const file = packFile(join(DIST, BUNDLE), command === "all" ? undefined : command, flags.length ? "-started" : "");
      if (warm.status !== 0 || !existsSync(file)) failures.push(`\`${command}\` (${warm.stderr.trim().split("\n")[0]})`);
    }
  };
  // A few at a time: each is one process running commands.
  await Promise.all(Array.from({ length: Math.min(4, availableParallelism()) }, next));
  const cached = failures.length === 0;
  if (!cached && !quiet) console.error(`isagen: no code cache for ${failures.join(", ")}; it starts a little slower`);
  const pkg = statSync(join(ROOT, "package.json"));
  // Written last: bin/isagen.cjs runs dist/ only once this exists.
  writeFileSync(
    join(DIST, "inputs.json"),
    JSON.stringify({ node: process.versions.node, package: [pkg.size, pkg.mtimeMs], inputs }) + "\n",
  );
  if (!quiet)
    console.log(`isagen: compiled cli/ into dist/ (${inputs.length} sources${cached ? ", code cache" : ""}, ${Math.round(performance.now() - t0)} ms)`);
  return inputs.length;
}

/**
 * The commands whose code a cache holds, as a user runs them first, on each ISA and board:
 * `command`'s (one of CACHED_COMMANDS), or all of them ("all").
 */
async function warm(command) {
  const { exports, loaded } = loadCompiled(ROOT, { cache: false });
  const quiet = { out: () => {}, err: () => {}, uart: () => {}, stdin: null, readStdin: () => "" };
  const tmp = mkdtempSync(join(tmpdir(), "isagen-warm-"));
  const runs = [];
  if (command === "all") runs.push(["--help"]);
  for (const [isa, word, text, bytes] of [
    ["ppc440", "7c0802a6", "mflr r0", [0x7c, 0x08, 0x02, 0xa6]],
    ["mips32r2", "27bdffe0", "addiu sp, sp, -32", [0xe0, 0xff, 0xbd, 0x27]],
  ]) {
    const file = join(tmp, `${isa}.bin`);
    writeFileSync(file, Buffer.from(bytes));
    for (const args of [["decode", "--isa", isa, word], ["explain", "--isa", isa, word], ["asm", "--isa", isa, text], ["disasm", "--isa", isa, file]])
      if (command === "all" || command === args[0]) runs.push(args);
  }
  for (const [board, dir] of [["malta", "mips"], ["bamboo", "ppc"]]) {
    const kernel = join(ROOT, "test", "guests", dir, "hello.elf");
    if (existsSync(kernel) && (command === "all" || command === "run")) runs.push(["run", "--board", board, "--kernel", kernel]);
  }
  try {
    for (const args of runs) await exports.main(["node", "isagen", ...args], quiet);
    if (command === "all")
      for (const [isa, word] of [["ppc440", [0x7c, 0x08, 0x02, 0xa6]], ["mips32r2", [0xe0, 0xff, 0xbd, 0x27]]])
        await exports.main(["node", "isagen", "disasm", "--isa", isa, "-"], { ...quiet, stdin: Readable.from([Buffer.from(word)]) });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const [name, { script }] of loaded) {
    const file = packFile(join(DIST, name), command === "all" ? undefined : command);
    writeFileSync(`${file}.tmp`, pack(script.createCachedData(), readFileSync(join(DIST, name))));
    renameSync(`${file}.tmp`, file);
  }
}

// The freshness check bin/isagen.cjs makes (in bin/, which it needs to run on its own).
export const isFresh = compiled.isFresh;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--warm") await warm(process.argv[3] ?? "all");
  else
    try {
      await build();
    } catch (e) {
      // Never fail `npm install` over it: without dist/ the CLI runs through tsx, only slower.
      console.error(`isagen: could not compile the CLI ahead of time (${e.message}); it will run through tsx`);
    }
}
