#!/usr/bin/env -S node --concurrent-recompilation-queue-length=1024
// (The flag: V8 queues 8 functions for optimisation at a time and drops the rest; a guest's
// thousands of translated blocks then mostly stay unoptimised. It can only be set at start.)
// Entry point for `isagen` / `npm run gen`. It runs the CLI compiled ahead of time into dist/
// (scripts/build.mjs, run by `npm install`) while dist/ matches the sources on disk, so that a
// command starts in milliseconds (bin/compiled.mjs); otherwise, and always for `gen`, it runs
// the TypeScript sources through tsx, as the checkout is. ISAGEN_TSX=1 forces the sources.
import { isFresh, loadCompiled } from "./compiled.mjs";

// `isagen disasm … | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
let main;
if (process.argv[2] !== "gen" && !process.env.ISAGEN_TSX && isFresh()) {
  try {
    ({ main } = loadCompiled().exports);
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
