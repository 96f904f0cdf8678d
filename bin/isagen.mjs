#!/usr/bin/env node
// Entry point for `isagen` / `npm run gen`: runs the TypeScript CLI through tsx, no build step.
import { register } from "tsx/esm/api";
register();
const { main } = await import("../generator/cli.ts");
process.exitCode = await main(process.argv);
