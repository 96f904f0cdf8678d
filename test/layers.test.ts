// The folders are layers and import only from layers below them:
//   opcodes/ → generator/ (a library) → generated/ → runtime/ → cli/, web/
// generator/ reads opcodes/ and writes generated/ as data, never importing either; generated/
// imports only itself; runtime/ imports generated/ and itself; cli/ may import all of them; so
// may web/ (the browser front end: the generator's explain and assemble run in the page), but
// not cli/; nothing imports web/. The browser runs generated/ and runtime/ as they are, so the
// modules the guest workers reach import no node: module (the files that read host paths,
// runtime/vmm/host-file.ts and boards/*/host.ts, stay outside that graph).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/root.ts";

const LAYERS = ["generator", "generated", "runtime", "cli", "web"] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import from the repository (besides packages and node: modules). */
const ALLOWED: Record<Layer, readonly string[]> = {
  generator: ["generator"],
  generated: ["generated"],
  runtime: ["runtime", "generated"],
  cli: ["cli", "runtime", "generated", "generator"],
  web: ["web", "runtime", "generated", "generator"],
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.name === "dist" || d.name === "node_modules"
      ? []
      : d.isDirectory()
        ? tsFiles(join(dir, d.name))
        : /\.(ts|mjs)$/.test(d.name)
          ? [join(dir, d.name)]
          : [],
  );
}

/** Package and node: specifiers of static imports (type-only imports included: harmless, and rare). */
function packageSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)["']([^."'][^"']*)["']/gm)) out.push(m[1]);
  return out;
}

/** Every repository module `entry` reaches through its relative imports, with what each imports from outside. */
function reach(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, "utf8");
    seen.set(file, packageSpecifiers(text));
    for (const spec of specifiers(text)) if (/\.(ts|mjs)$/.test(spec)) visit(resolve(dirname(file), spec));
  };
  visit(entry);
  return seen;
}

/** Relative module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm)) out.push(m[1]);
  return out;
}

describe("layers", () => {
  for (const layer of LAYERS) {
    it(`${layer}/ imports only from ${ALLOWED[layer].join(", ")}`, () => {
      const bad: string[] = [];
      for (const file of tsFiles(join(ROOT, layer))) {
        for (const spec of specifiers(readFileSync(file, "utf8"))) {
          const target = relative(ROOT, resolve(dirname(file), spec)).split("\\").join("/");
          const top = target.split("/")[0];
          if (!ALLOWED[layer].includes(top)) bad.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it("nothing imports web/", () => {
    const bad: string[] = [];
    for (const layer of LAYERS.filter((l) => l !== "web"))
      for (const file of tsFiles(join(ROOT, layer)))
        for (const spec of specifiers(readFileSync(file, "utf8")))
          if (relative(ROOT, resolve(dirname(file), spec)).split("\\").join("/").startsWith("web/")) bad.push(`${relative(ROOT, file)} imports ${spec}`);
    expect(bad).toEqual([]);
  });

  for (const board of ["bamboo", "malta"]) {
    it(`the ${board} guest worker reaches no node: module (it runs in a browser)`, () => {
      const graph = reach(join(ROOT, "web", "src", `worker-${board}.ts`));
      const files = [...graph.keys()].map((f) => relative(ROOT, f));
      expect(files).toContain(`runtime/boards/${board}/boot.ts`);
      expect(files).toContain("runtime/core/session.ts");
      const bad = [...graph].flatMap(([f, specs]) => specs.filter((s) => s.startsWith("node:")).map((s) => `${relative(ROOT, f)} imports ${s}`));
      expect(bad).toEqual([]);
    });
  }

  it("the graph walk sees node: imports (the check above could fail)", () => {
    const graph = reach(join(ROOT, "runtime", "boards", "bamboo", "index.ts"));
    expect(graph.get(join(ROOT, "runtime", "vmm", "host-file.ts"))).toContain("node:fs");
  });

  it("the scan sees imports (a check that could not fail would be no check)", () => {
    expect(specifiers('import { a } from "../runtime/x.ts";\nconst m = await import("./y.ts");')).toEqual(["../runtime/x.ts", "./y.ts"]);
  });
});
