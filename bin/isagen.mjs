#!/usr/bin/env node
// Entry point for `isagen` / `npm run gen`: runs the TypeScript CLI through tsx, no build step.
import { register } from "tsx/esm/api";
register();
// `isagen disasm … | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv);
