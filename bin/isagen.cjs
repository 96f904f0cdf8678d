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
const stdout = Object.getOwnPropertyDescriptor(process, "stdout");
if (stdout?.get && stdout.configurable)
  Object.defineProperty(process, "stdout", {
    configurable: true,
    enumerable: stdout.enumerable,
    get() {
      Object.defineProperty(process, "stdout", stdout);
      const s = process.stdout;
      s.on("error", onStdoutError);
      return s;
    },
  });
else process.stdout.on("error", onStdoutError);

async function start() {
  let main;
  const command = process.argv[2];
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
}

start();
