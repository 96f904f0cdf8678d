// The folders are layers and import only from layers below them:
//   opcodes/ → generator/ (a library) → generated/ → runtime/ → cli/
// generator/ reads opcodes/ and writes generated/ as data, never importing either; generated/
// imports only itself; runtime/ imports generated/ and itself; cli/ may import all of them.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/root.ts";

const LAYERS = ["generator", "generated", "runtime", "cli"] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import from the repository (besides packages and node: modules). */
const ALLOWED: Record<Layer, readonly string[]> = {
  generator: ["generator"],
  generated: ["generated"],
  runtime: ["runtime", "generated"],
  cli: ["cli", "runtime", "generated", "generator"],
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : /\.(ts|mjs)$/.test(d.name) ? [join(dir, d.name)] : [],
  );
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

  it("the scan sees imports (a check that could not fail would be no check)", () => {
    expect(specifiers('import { a } from "../runtime/x.ts";\nconst m = await import("./y.ts");')).toEqual(["../runtime/x.ts", "./y.ts"]);
  });
});
