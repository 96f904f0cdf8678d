#!/usr/bin/env -S node --concurrent-recompilation-queue-length=1024
// (The flag: V8 queues 8 functions for optimisation at a time and drops the rest; a guest's
// thousands of translated blocks then mostly stay unoptimised. It can only be set at start.)
// Entry point for `isagen` / `npm run gen`. It runs the CLI compiled ahead of time into dist/
// (scripts/build.mjs, run by `npm install`) while dist/ matches the sources on disk, so that a
// command starts in milliseconds (bin/compiled.cjs); otherwise, and always for `gen`, it runs
// the TypeScript sources through tsx, as the checkout is. ISAGEN_TSX=1 forces the sources.
// CommonJS, not an ES module: node's ESM loader alone costs a command milliseconds.
"use strict";

// `isagen disasm … | head` closes the pipe early: that is not an error. The commands that print
// a few lines write with writeSync (cli/io.ts) and never create process.stdout (which loads
// node's stream modules): the handler is added when something first uses it.
const onStdoutError = (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
};

/** The standard streams created so far (what was written to them may still be on its way). */
const created = [];

/** Notes when process[name] is first created, and calls `then` with it. */
function whenCreated(name, then = () => {}) {
  const d = Object.getOwnPropertyDescriptor(process, name);
  const use = (s) => (created.push(s), then(s), s);
  if (d?.get && d.configurable)
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        Object.defineProperty(process, name, d);
        return use(process[name]);
      },
    });
  else use(process[name]);
}
whenCreated("stdout", (s) => s.on("error", onStdoutError));
whenCreated("stderr");

/**
 * `gen` of large tables (a synthetic ISA of 100,000 instructions has 11 MB of them) builds a
 * model of hundreds of MB and emits hundreds of MB of text: with V8's default young generation
 * (16 MB semi-spaces) it scavenges over 800 times and GC is about a quarter of the main
 * thread's time. Such a run starts again in a child node with 128 MB semi-spaces (the size can
 * only be set at start; 64 MB gained less); other runs are not affected. Returns the child's
 * exit status, or undefined to run here.
 */
function genWithLargeYoungGeneration() {
  const SEMI_SPACE_MB = 128;
  const LARGE_TABLES = 2 << 20; // bytes of opcodes/ (the real tables: about 200 KB)
  if (process.env.ISAGEN_GEN_CHILD || process.execArgv.some((a) => a.startsWith("--max-semi-space-size"))) return undefined;
  const fs = require("node:fs");
  const path = require("node:path");
  const args = process.argv.slice(3);
  let root = path.join(__dirname, "..");
  args.forEach((a, i) => {
    if (a === "--root" && args[i + 1] !== undefined) root = path.resolve(args[i + 1]);
    else if (a.startsWith("--root=")) root = path.resolve(a.slice("--root=".length));
  });
  let size = 0;
  const walk = (dir, depth) => {
    let names;
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of names) {
      if (size >= LARGE_TABLES) return;
      const p = path.join(dir, d.name);
      if (d.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (d.isFile() && d.name.endsWith(".yaml"))
        try {
          size += fs.statSync(p).size;
        } catch {
          /* gen reports it */
        }
    }
  };
  walk(path.join(root, "opcodes"), 0);
  if (size < LARGE_TABLES) return undefined;
  const { spawnSync } = require("node:child_process");
  const r = spawnSync(process.execPath, [...process.execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`, __filename, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, ISAGEN_GEN_CHILD: "1" },
  });
  if (r.error) return undefined;
  if (r.signal) process.kill(process.pid, r.signal);
  return r.status ?? 1;
}

/** Commands that leave nothing running when main returns. */
const ONE_SHOT = new Set(["decode", "disasm", "asm", "explain"]);

async function start() {
  let main;
  const command = process.argv[2];
  if (command === "gen") {
    const status = genWithLargeYoungGeneration();
    if (status !== undefined) return void (process.exitCode = status);
  }
  if (command !== "gen" && !process.env.ISAGEN_TSX) {
    const { isFresh, loadCompiled } = require("./compiled.cjs");
    if (isFresh())
      try {
        ({ main } = loadCompiled(undefined, { command }).exports);
      } catch {
        // dist/ changed under us (a build running at the same time): the sources still work.
      }
  }
  if (main === undefined) {
    const { register } = await import("tsx/esm/api");
    register();
    ({ main } = await import("../cli/main.ts"));
  }
  process.exitCode = await main(process.argv);
  // A one-shot command is done; once its output is written (synchronously, cli/io.ts, unless it
  // went through a stream that still holds some), leaving now skips the event loop's last turn,
  // which mostly ran a young-generation collection V8 had scheduled as a task (2-5 ms of a
  // 130 ms command). `run` and `gen` end as they always did.
  if (ONE_SHOT.has(command) && created.every((s) => s.writableLength === 0)) process.exit();
}

start();
