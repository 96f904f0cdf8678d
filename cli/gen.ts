// `isagen gen`: check the tables and regenerate generated/ (also --check, --json, --scaffold and
// --watch). Its own module, loaded only for `gen`: the generator's heavy parts (ts-morph,
// prettier, handlebars, the table loader with yaml and ajv) never load for the other commands,
// and the compiled CLI in dist/ leaves it out (bin/isagen.cjs runs `gen` from the sources).
import { existsSync, readFileSync, statSync, watch, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatDiagnostic, UserErrors } from "../generator/diagnostics.ts";
import type { Built } from "../generator/gen.ts";
import type { Manifest } from "../generator/summary.ts";
import { escapeControl, InputError, shown } from "./io.ts";

export interface GenOptions {
  check?: boolean;
  root?: string;
  json?: boolean;
  color?: boolean;
  scaffold?: boolean;
  watch?: boolean;
}

/** Runs `gen` with its options, from the checkout at `root` unless --root says otherwise. */
export async function genCommand(opts: GenOptions, defaultRoot: string, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  if (opts.root !== undefined && opts.root === "") throw new InputError("--root needs a directory");
  if (opts.watch) {
    await watchTables(opts.root ? resolve(opts.root) : defaultRoot, () => runGen(opts, defaultRoot, io.out), io);
    return 0;
  }
  return runGen(opts, defaultRoot, io.out);
}

/**
 * Runs `once` now and after every change under opcodes/ (the tables) or runtime/ (the docs say
 * what it implements), debounced, until interrupted.
 */
async function watchTables(root: string, once: () => Promise<number>, io: { out: (s: string) => void; err: (s: string) => void }): Promise<void> {
  const runOnce = async () => {
    try {
      await once();
    } catch (e) {
      if (e instanceof UserErrors) {
        for (const d of e.diagnostics) io.err(formatDiagnostic(d));
        io.err(`${e.diagnostics.length} problem(s); generated/ left as it was. Waiting for changes…`);
      } else if (e instanceof InputError) io.err(`isagen gen: ${escapeControl(e.message)}`);
      else throw e;
    }
  };
  await runOnce();
  const dirs = ["opcodes", "runtime"].filter((d) => existsSync(join(root, d)));
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const changed = new Set<string>();
  await new Promise<void>((done) => {
    const watchers = dirs.map((d) =>
      watch(join(root, d), { recursive: true }, () => {
        changed.add(d === "opcodes" ? "tables" : "runtime");
        clearTimeout(timer);
        timer = setTimeout(() => {
          const what = [...changed].join(" and ");
          changed.clear();
          running = running.then(async () => {
            io.out(`\n[${new Date().toLocaleTimeString()}] ${what} changed`);
            await runOnce();
          });
        }, 150);
      }),
    );
    // Said once the watchers exist, so that an edit made on seeing it is not missed.
    io.out(`watching ${dirs.map((d) => join(root, d)).join(" and ")} (Ctrl-C to stop)`);
    process.once("SIGINT", () => {
      for (const w of watchers) w.close();
      done();
    });
  });
}

/** Scaffolds, then formats the files it touched with prettier. */
async function scaffoldAndFormat(root: string) {
  const { scaffold } = await import("../generator/scaffold.ts");
  const results = scaffold(root);
  const prettier = await import("prettier");
  for (const r of results.filter((x) => x.added.length)) {
    const abs = join(root, r.file);
    const text = readFileSync(abs, "utf8");
    writeFileSync(abs, await prettier.format(text, { parser: "babel-ts", printWidth: 100 }));
  }
  return results;
}

async function runGen(opts: GenOptions, defaultRoot: string, out: (s: string) => void): Promise<number> {
  const t0 = performance.now();
  const { buildModels, generateInto, Output } = await import("../generator/gen.ts");
  const { prestartFormatter } = await import("../generator/format.ts");
  const { compareManifests, formatChanges } = await import("../generator/summary.ts");
  const root = opts.root ? resolve(opts.root) : defaultRoot;
  if (!existsSync(join(root, "opcodes", "isas.yaml"))) throw new InputError(`no opcodes/isas.yaml under ${shown(root)}`);
  const generatedDir = join(root, "generated");
  if (existsSync(generatedDir) && !statSync(generatedDir).isDirectory())
    throw new InputError(`generated/ is not a directory (${shown(generatedDir)})`);
  const stopPrestarted = prestartFormatter();
  let built: Built[];
  // Files are compared (and, unless checking, written to temporary files) as they are made.
  const output = new Output(root, { check: opts.check, keep: (p) => p.endsWith("/manifest.json") });
  try {
    built = buildModels(root);
    await generateInto(built, output);
  } catch (e) {
    output.abort();
    throw e;
  } finally {
    await stopPrestarted();
  }
  const plan = output.finish();
  if (opts.check) {
    const stale = [...plan.write.map((p) => `  ${p} (differs or missing)`), ...plan.remove.map((p) => `  ${p} (not produced by the tables)`)];
    if (stale.length) {
      out(`generated/ is stale (${stale.length} file${stale.length > 1 ? "s" : ""}):\n${stale.join("\n")}\nRun \`npm run gen\` and commit the result.`);
      return 1;
    }
    out(`generated/ is up to date (${output.produced.size} files, ${built.map((b) => `${b.isa.name}: ${b.isa.variants.length} instructions`).join(", ")})`);
    return 0;
  }
  const changes = built.map(({ isa }) => {
    const path = join(root, "generated", isa.name, "manifest.json");
    let before: Manifest | undefined;
    try {
      before = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : undefined;
    } catch {
      before = undefined; // a damaged manifest only costs the comparison
    }
    return compareManifests(before, JSON.parse(output.kept.get(`generated/${isa.name}/manifest.json`)!) as Manifest);
  });
  try {
    output.commit();
    (await import("../generator/trace.ts")).phase("rename");
  } catch (e) {
    output.abort();
    throw e;
  }
  const ms = Math.round(performance.now() - t0);
  const scaffolded = opts.scaffold ? await scaffoldAndFormat(root) : [];
  if (opts.json) {
    out(JSON.stringify({ changes, written: plan.write, removed: plan.remove, unchanged: plan.unchanged.length, scaffolded, ms }, null, 2));
    return scaffolded.some((s) => s.problem) ? 1 : 0;
  }
  for (const c of changes) for (const line of formatChanges(c, opts.color ?? false)) out(line);
  for (const s of scaffolded) {
    if (s.problem) out(`${s.file}: ${s.problem}`);
    else if (s.added.length) out(`scaffolded ${s.added.length} handler stub${s.added.length > 1 ? "s" : ""} in ${s.file} (${s.cls}, ${s.isa}): ${s.added.join(", ")}`);
  }
  for (const p of plan.write) out(`  wrote ${p}`);
  for (const p of plan.remove) out(`  removed ${p}`);
  out(`${plan.write.length} written, ${plan.remove.length} removed, ${plan.unchanged.length} unchanged (${ms} ms)`);
  return scaffolded.some((s) => s.problem) ? 1 : 0;
}

