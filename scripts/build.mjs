// Compiles the CLI ahead of time so that `isagen` starts in milliseconds (`npm install` runs this
// through the `prepare` script; `npm run build` runs it by hand). esbuild (pinned in package.json)
// bundles cli/main.ts and what it imports into dist/, one chunk per dynamic import, with the
// packages in node_modules left as imports. bin/isagen.mjs runs dist/main.js only while it is up
// to date: dist/inputs.json lists every source file that went into it with its size and mtime,
// and any difference (an edit, a checkout) sends the command through tsx instead, as before.
// `isagen gen` always runs through tsx (it starts a formatter worker, scans runtime/ and must
// work when generated/ is stale), so dist/ is never needed for correctness, only for speed.
//
// Plain JavaScript on purpose: it runs before anything is compiled.
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");

export async function build({ quiet = false } = {}) {
  const t0 = performance.now();
  const esbuild = await import("esbuild");
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: "cli/main.ts" },
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    keepNames: false,
    metafile: true,
    logLevel: "warning",
    // The bundle's chunks sit in dist/, one level below the root, as cli/main.ts does: ROOT and
    // other import.meta.url-relative paths resolve the same.
    chunkNames: "chunk-[hash]",
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith("node_modules/") && !p.includes("/node_modules/"))
    .sort()
    .map((p) => {
      const s = statSync(join(ROOT, p));
      return [p, s.size, s.mtimeMs];
    });
  const pkg = statSync(join(ROOT, "package.json"));
  writeFileSync(
    join(DIST, "inputs.json"),
    JSON.stringify({ node: process.versions.node, package: [pkg.size, pkg.mtimeMs], inputs }) + "\n",
  );
  if (!quiet)
    console.log(`isagen: compiled cli/ into dist/ (${inputs.length} sources, ${Math.round(performance.now() - t0)} ms)`);
  return inputs.length;
}

// The freshness check bin/isagen.mjs makes (in bin/, which it needs to run on its own).
export { isFresh } from "../bin/fresh.mjs";

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await build();
  } catch (e) {
    // Never fail `npm install` over it: without dist/ the CLI runs through tsx, only slower.
    console.error(`isagen: could not compile the CLI ahead of time (${e.message}); it will run through tsx`);
  }
}
