// The synthetic ISA that bench/gen-scale.ts times gen on: its generated files are what prettier
// gives for them whole (the emitters write most of its code line by line in prettier's layout,
// emit/common.ts Lines, and these shapes are not all in the real tables), and its tables load
// the same through fastyaml.ts as through the yaml package. How gen's time grows with N is left
// to `npm run bench:gen-scale`: timings on a shared machine are no test.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";
import { writeSyntheticIsa } from "../../bench/synthetic.ts";
import { LineCounter, parseDocument } from "yaml";
import { Diagnostics } from "../../generator/diagnostics.ts";
import { Formatter } from "../../generator/format.ts";
import { loadYaml, YamlFile, type PathSeg } from "../../generator/load.ts";
import { buildModels, renderAll, renderUnformatted } from "../../generator/gen.ts";

describe("a synthetic ISA of 600 instructions", () => {
  const root = mkdtempSync(join(tmpdir(), "isagen-synth-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, "opcodes"), { recursive: true });
  for (const f of ["schema.json", "isas.schema.json"]) cpSync(join(ROOT, "opcodes", f), join(root, "opcodes", f));
  const { variants } = writeSyntheticIsa(root, 600);

  it("generates files exactly as prettier formats them whole", async () => {
    const built = buildModels(root);
    expect(built[0].isa.variants.length).toBe(variants);
    const fmt = new Formatter({ cache: false, direct: false, batchChars: 1 });
    for (const [path, { parser, text }] of renderUnformatted(built)) fmt.add(path, parser, [text]);
    const byPrettier = await fmt.finish();
    const generated = await renderAll(built, { cache: false });
    expect(byPrettier.size).toBeGreaterThan(10);
    for (const [path, text] of byPrettier) expect(generated.get(path), path).toBe(text);
  }, 120_000);

  it("reads its tables and the real ones as the yaml package does, positions included", () => {
    const tables = [
      ...readdirSync(join(root, "opcodes", "synth")).map((f) => join(root, "opcodes", "synth", f)),
      ...["ppc", "mips"].flatMap((d) => readdirSync(join(ROOT, "opcodes", d)).map((f) => join(ROOT, "opcodes", d, f))),
    ];
    for (const abs of tables) {
      const fast = loadYaml(abs, root, new Diagnostics())!;
      expect(fast.fast.size, abs).toBeGreaterThan(0);
      const lines = new LineCounter();
      const doc = parseDocument(readFileSync(abs, "utf8"), { lineCounter: lines, uniqueKeys: true });
      const data = doc.toJS();
      expect(fast.data, abs).toEqual(data);
      const slow = new YamlFile(fast.file, doc, lines, data);
      const walk = (v: unknown, path: PathSeg[]): void => {
        for (const p of [path, [...path, "none"]]) for (const key of [false, true]) expect(fast.pos(p, key), `${abs} ${p.join(".")}`).toEqual(slow.pos(p, key));
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      };
      walk(data, []);
    }
  }, 120_000);
});
