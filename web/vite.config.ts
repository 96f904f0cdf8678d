// The browser front end (issue 16): `npm run web` (dev server) and `npm run build:web` (a static
// site in web/dist/). The page imports generated/, runtime/ and the generator's explain and
// assemble; the table model they need is built here, in Node, from opcodes/ (reading the YAML
// tables takes node:fs) and handed to the page as `virtual:isagen-model/<isa>` (model-codec.ts).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build as esbuild } from "esbuild";
import { defineConfig, type Plugin } from "vite";
import { Diagnostics, UserErrors } from "../generator/diagnostics.ts";
import { loadIsas } from "../generator/model.ts";
import { encodeModel } from "./src/model-codec.ts";

const WEB = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WEB, "..");
const PREFIX = "virtual:isagen-model/";

function isagenModels(): Plugin {
  return {
    name: "isagen-models",
    resolveId(id) {
      return id.startsWith(PREFIX) ? "\0" + id : undefined;
    },
    load(id) {
      if (!id.startsWith("\0" + PREFIX)) return undefined;
      const name = id.slice(PREFIX.length + 1);
      const diags = new Diagnostics();
      const isas = loadIsas(ROOT, diags, [name]);
      if (diags.errorCount > 0 || isas.length !== 1) throw new UserErrors(diags.sorted());
      // The tables are what the model is made of: an edit to one rebuilds it (dev server).
      for (const t of isas[0].tables) this.addWatchFile(resolve(ROOT, t));
      return `export default ${JSON.stringify(encodeModel(isas[0]))};`;
    },
  };
}

const WORKER = "virtual:isagen-worker/";

/**
 * The guest workers (src/worker-<board>.ts), bundled by esbuild as the CLI is (scripts/build.mjs),
 * not by Rollup, and one per board: the vCPUs compile their run loop from its source text
 * (DISPATCH_INLINED in runtime/ppc/machine.ts and runtime/mips/machine.ts) and recognise it only
 * as written, while Rollup drops an unused `const` there, and any bundler renames a local that
 * meets another module's binding of the same name (the two machines' `exec`); either leaves the
 * vCPU on its slower loop. Built for the browser platform, so a node: import anywhere in a
 * worker's graph fails the build.
 */
function guestWorker(): Plugin {
  let building = false;
  return {
    name: "isagen-worker",
    configResolved(c) {
      building = c.command === "build";
    },
    resolveId(id) {
      return id.startsWith(WORKER) ? "\0" + id : undefined;
    },
    async load(id) {
      if (!id.startsWith("\0" + WORKER)) return undefined;
      const board = id.slice(WORKER.length + 1);
      const r = await esbuild({
        absWorkingDir: ROOT,
        entryPoints: [join(WEB, "src", `worker-${board}.ts`)],
        bundle: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      for (const input of Object.keys(r.metafile.inputs)) this.addWatchFile(resolve(ROOT, input));
      const code = r.outputFiles[0].text;
      if (building) {
        const ref = this.emitFile({ type: "asset", name: `worker-${board}.js`, source: code });
        return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
      }
      // The dev server: the bundle as a blob (it imports nothing).
      return `export default URL.createObjectURL(new Blob([${JSON.stringify(code)}], { type: "text/javascript" }));`;
    },
  };
}

export default defineConfig({
  root: WEB,
  base: "./",
  plugins: [isagenModels(), guestWorker()],
  // The bundled guests, the tables and the docs live outside web/.
  server: { fs: { allow: [ROOT] }, host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  worker: { format: "es" },
  build: {
    outDir: join(WEB, "dist"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    // Guest ELFs stay files (fetched by the worker when a guest starts), never inlined.
    assetsInlineLimit: 0,
  },
});
