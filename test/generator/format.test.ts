// Generated files are prettier's output for the whole file, although gen formats them a chunk
// at a time (format.ts), caches chunks, and prints regular code and Markdown itself (tsformat.ts,
// markdown.ts). These tests run prettier over every generated file, whole, and compare; and they
// compare the expression printer and the Markdown table printer with prettier on random input.
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";
import { Formatter, prettierOptions } from "../../generator/format.ts";
import { buildModels, emitAll, renderAll, renderUnformatted } from "../../generator/gen.ts";
import { formatMarkdown } from "../../generator/markdown.ts";
import { breaksAnyway, formatTs, parseExpr, printExpr, whyNotTs } from "../../generator/tsformat.ts";

describe("formatting", () => {
  it("gives every generated file exactly as prettier formats the whole file", async () => {
    const built = buildModels(ROOT);
    const raw = renderUnformatted(built);
    // The whole of each file through prettier (on worker threads), no cache, no direct printing.
    const fmt = new Formatter({ cache: false, direct: false, batchChars: 1 });
    for (const [path, { parser, text }] of raw) fmt.add(path, parser, [text]);
    const byPrettier = await fmt.finish();
    const generated = await renderAll(built);
    for (const [path, text] of byPrettier) expect(generated.get(path), path).toBe(text);
  });

  it("prints nearly all generated code itself (gen stays fast without a cache)", () => {
    // Chunks left to prettier cost a worker and ~2 ms per KB; an emitter change that pushes many
    // of them there slows a cold `npm run gen` down. The reasons say what tsformat.ts lacks.
    // Chunks the emitters write formatted (verbatim, or line by line: emit/common.ts Lines) count
    // as printed directly.
    let direct = 0;
    let total = 0;
    const reasons = new Map<string, number>();
    emitAll(buildModels(ROOT), {
      file: () => {},
      chunks: (path, parser, chunks) => {
        for (const c of chunks) {
          if (typeof c !== "string") {
            direct += c.formatted.length;
            total += c.formatted.length;
            continue;
          }
          total += c.length;
          const why = parser === "markdown" ? (formatMarkdown(c) === undefined ? "markdown" : undefined) : whyNotTs(c);
          if (why === undefined) direct += c.length;
          else reasons.set(`${path.split("/").pop()}: ${why}`, (reasons.get(`${path.split("/").pop()}: ${why}`) ?? 0) + 1);
        }
      },
    });
    expect(direct / total, JSON.stringify(Object.fromEntries(reasons), null, 1)).toBeGreaterThan(0.95);
  });

  it("reuses a cached chunk when only table line numbers changed, with the new numbers", async () => {
    // Too nested for tsformat.ts: this chunk goes to prettier, then to the cache.
    const chunk = (line: number) =>
      `/** x — opcodes/ppc/universal.yaml:${line} */\nfunction f${"q".repeat(12)}(a: number): string {\n  return a ? (a > 1 ? "x" : "y") : "z"; // see opcodes/ppc/universal.yaml#L${line}\n}\n`;
    const first = new Formatter();
    first.add("a.ts", "babel-ts", [chunk(57)]);
    await first.finish();
    const again = new Formatter();
    again.add("b.ts", "babel-ts", [chunk(58)]);
    const out = (await again.finish()).get("b.ts");
    expect(again.formattedChunks, "taken from the cache").toBe(0);
    expect(out).toBe(await prettier.format(chunk(58), prettierOptions("babel-ts")));
  });

  it("prints expressions as prettier does", async () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    const OPS = ["||", "&&", "|", "^", "&", "===", "!==", "==", "!=", "<", ">", "<=", ">=", "<<", ">>", ">>>", "+", "-", "*", "/", "%"];
    const gen = (d: number): string => {
      const r = rnd(d > 3 ? 3 : 12);
      const maybeParen = (s: string) => (rnd(3) === 0 ? `(${s})` : s);
      if (r < 3) return ["a", "w", "0x1f", "12", '"x"', "Op.add", "o.rt", "t[i]"][rnd(8)];
      if (r < 6) return `(${maybeParen(`${gen(d + 1)} ${OPS[rnd(OPS.length)]} ${gen(d + 1)}`)})`;
      if (r === 6) return `${["!", "~", "-", "+"][rnd(4)]}${rnd(2) ? `(${gen(d + 1)})` : gen(d + 4)}`;
      if (r === 7) return `(${gen(d + 1)} ? ${gen(d + 2)} : ${gen(d + 2)})`;
      if (r === 8) return `f(${gen(d + 1)}, ${gen(d + 2)})`;
      if (r === 9) return `{ k: ${gen(d + 2)}, v: ${gen(d + 2)} }`;
      if (r === 10) return `[${gen(d + 2)}, ${gen(d + 2)}]`;
      return `(${gen(d + 1)}).toString(16)`;
    };
    const cases: { src: string; mine: string }[] = [];
    while (cases.length < 2000) {
      const src = gen(0);
      const e = parseExpr(src);
      if (!breaksAnyway(e)) cases.push({ src, mine: `x = ${printExpr(e)};` });
    }
    // One statement per line; nothing here breaks at this width.
    const out = (await prettier.format(cases.map((c) => `x = ${c.src};`).join("\n"), { parser: "babel-ts", printWidth: 100_000 })).split("\n");
    cases.forEach((c, i) => expect(c.mine, c.src).toBe(out[i]));
  });

  it("prints regular statements as prettier does, and leaves the rest to it", async () => {
    const src = [
      "/** An accessor. */",
      "export function f(w: number, o: { a: number; b: number }, pc: number = 0): number {",
      "    const a = ((w >>> 2) & 0x1f);",
      "    // a comment",
      "    if (((w & 0x3) === 0x1)) return ((a + 1));",
      "    switch ((w >>> 26)) {",
      "        case 1: // 000001",
      "        case 2:",
      "            return { a: (a), b: (w & 1) };",
      "        default:",
      "            return f((w), o, (pc + 4));",
      "    }",
      "}",
      "",
      "export interface I {",
      "}",
    ].join("\n");
    const mine = formatTs(src);
    expect(mine).toBeDefined();
    expect(mine + "\n").toBe(await prettier.format(src, prettierOptions("babel-ts")));
    // Too wide for one line, or not in the subset: prettier's job.
    const long = (sep: string) => `function g(): number {\n  return ${Array.from({ length: 30 }, (_, i) => `a${i}`).join(sep)};\n}`;
    expect(formatTs(long(" + ")) + "\n").toBe(await prettier.format(long(" + "), prettierOptions("babel-ts")));
    expect(formatTs(`function g(): number {\n  return a ? ${long(" + ").slice(32, -4)} : b;\n}`)).toBeUndefined();
    expect(formatTs("const f = (x: number) => x;")).toBeUndefined();
  });

  it("prints random functions of the shapes it knows as prettier does, around the line width", async () => {
    let seed = 3;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    const atom = () => ["w", "pc", "0x1f", "12", '"mnemonic "', "p_gpr(ra)", "(w >>> 21) & 0x1f", "o.rt", "Op.add"][rnd(9)];
    const chain = (n: number) => Array.from({ length: n }, atom).join([" + ", " | ", " && ", " === "][rnd(4)]);
    const expr = () => (rnd(4) === 0 ? `{ ${Array.from({ length: 1 + rnd(6) }, (_, i) => `k${i}: ${chain(1 + rnd(3))}`).join(", ")} }` : chain(1 + rnd(14)));
    const comment = () => (rnd(2) ? ` // ${"c".repeat(rnd(40))}` : "");
    const statement = (): string[] => {
      switch (rnd(6)) {
        case 0:
          return [`return ${expr()};${comment()}`];
        case 1:
          return [`if (${chain(1 + rnd(5))}) return ${expr()};${comment()}`];
        case 2:
          return [`const v${rnd(9)} = ${chain(1 + rnd(8))};`];
        case 3:
          return [`check("x", "y", ${chain(1 + rnd(6))}, 0, 31, 1);`];
        case 4:
          return [`switch (${chain(1 + rnd(2))}) {`, "case 1: // one", `return ${expr()};${comment()}`, "default:", `return ${expr()};`, "}"];
        default:
          return [`if (${chain(1 + rnd(4))}) {`, `return ${expr()};`, "}"];
      }
    };
    let checked = 0;
    for (let n = 0; n < 300; n++) {
      const body = Array.from({ length: 1 + rnd(4) }, statement).flat();
      const src = [`/** f${n} */`, `function f${n}(w: number, o: { rt: number }, pc: number = 0): number {`, ...body, "}"].join("\n");
      const mine = formatTs(src);
      if (mine === undefined) continue;
      checked++;
      expect(mine + "\n", src).toBe(await prettier.format(src, prettierOptions("babel-ts")));
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("fills long number arrays and breaks long parameter lists as prettier does", async () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    let checked = 0;
    for (let n = 0; n < 120; n++) {
      const items = Array.from({ length: 1 + rnd(200) }, () => (rnd(4) ? String(rnd(10 ** (1 + rnd(5)))) : `0x${rnd(4096).toString(16)}`));
      const params = Array.from({ length: 1 + rnd(6) }, (_, i) => `p${i}${"q".repeat(rnd(12))}: ${["number", "Outside<R>", "Handlers<R>", "string"][rnd(4)]}`);
      const src = [
        rnd(2) ? `export const T${n}: Uint8Array = Uint8Array.from([${items.join(", ")}]);` : `const T${n} = [${items.join(", ")}];`,
        "",
        `export function f${"x".repeat(rnd(30))}<R>(${params.join(", ")}): R {`,
        "  return p0;",
        "}",
      ].join("\n");
      const mine = formatTs(src);
      if (mine === undefined) continue;
      checked++;
      expect(mine + "\n", src).toBe(await prettier.format(src, prettierOptions("babel-ts")));
    }
    expect(checked).toBeGreaterThan(60);
  });

  it("lays out Markdown tables as prettier does", async () => {
    const tables = [
      "| a | bb | c |\n|:-:|---:|:--|\n| `x \\| y` | 1 | two words |\n| | [`l`](x.md) | **b** |",
      "| table | entries |\n|---|---:|\n| [`opcodes/ppc/fp.yaml`](fp.md) | 53 |",
      "| 0–5 | 6–29 | 30 |\n| :-: | :-: | :-: |\n| `010010` | li | aa |",
      "## h — x (y: z)\n\nSource: [`a.yaml:3`](../a.yaml#L3). **Privileged**; flags: a, b.\n\n| x |\n|---|\n| snake_case |",
    ];
    for (const md of tables) {
      const mine = formatMarkdown(md);
      expect(mine, md).toBeDefined();
      expect(mine + "\n").toBe(await prettier.format(md, prettierOptions("markdown")));
    }
    // Emphasis, escapes, lists: prettier's job.
    for (const md of ["a *b* c", "- item", "a_", "| x |\n|---|\n| a*b |", "1. one"]) expect(formatMarkdown(md), md).toBeUndefined();
  });
});
