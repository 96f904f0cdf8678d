// Issue 12's rule for the 440 runtime: SPR and DCR numbers come from the generated constants
// (SPR.DEC, DCR.UIC0_SR), never as bare numbers. Scans the bodies of every function handling an
// SPR or DCR access in runtime/ppc/ and the Bamboo board for `case <number>:` and for the
// register number compared with (or offset by) a literal.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../support/root.ts";

const DIRS = ["runtime/ppc", "runtime/boards/bamboo"];
/** Functions and methods on the SPR/DCR paths: the vCPU's and kvm's mfspr/mtspr, kvm's SPR
 *  hooks, mfdcr/mtdcr and the board's DCR decoding. */
const PATH_FN =
  /^\s*(?:export\s+)?(?:function\s+|private\s+)?(mfspr|mtspr|mfdcr|mtdcr|emulateMfspr|emulateMtspr|dcrRead|dcrWrite)\s*\(/;
const CASE_NUMBER = /\bcase\s+(?:0x[0-9a-f]+|\d+)\s*:/i;
/** The register number (spr, n, dcrn) against a literal: `spr === 22`, `n >= 400`, `n - 256`. */
const NUMBER_USE = /\b(?:spr|n|dcrn)\s*(?:===|!==|==|!=|>=|<=|<|>|-)\s*(?:0x[0-9a-f]+|\d+)\b/i;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? tsFiles(join(dir, d.name))
      : d.name.endsWith(".ts")
        ? [join(dir, d.name)]
        : [],
  );
}

/** The bodies of the SPR/DCR path functions in `text`: name, first line, lines. */
export function pathBodies(text: string): { name: string; line: number; body: string[] }[] {
  const lines = text.split("\n");
  const out: { name: string; line: number; body: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = PATH_FN.exec(lines[i]);
    if (!m || !lines[i].includes("{")) continue;
    let depth = 0;
    const body: string[] = [];
    for (let j = i; j < lines.length; j++) {
      body.push(lines[j]);
      for (const c of lines[j]) depth += c === "{" ? 1 : c === "}" ? -1 : 0;
      if (depth === 0) break;
    }
    out.push({ name: m[1], line: i + 1, body });
  }
  return out;
}

/** Lines of the bodies that name a register by number. */
export function bareNumbers(text: string): string[] {
  const bad: string[] = [];
  for (const f of pathBodies(text))
    f.body.forEach((l, k) => {
      const code = l.replace(/\/\/.*$/, "");
      if (CASE_NUMBER.test(code) || NUMBER_USE.test(code))
        bad.push(`${f.name}:${f.line + k}: ${l.trim()}`);
    });
  return bad;
}

describe("440 runtime layout", () => {
  const files = DIRS.flatMap((d) => tsFiles(join(ROOT, d)));

  it("no bare SPR or DCR number on the SPR/DCR paths", () => {
    const bad = files.flatMap((f) =>
      bareNumbers(readFileSync(f, "utf8")).map((b) => `${relative(ROOT, f)} ${b}`),
    );
    expect(bad).toEqual([]);
  });

  it("the scan sees the SPR and DCR paths (a check that could not fail would be no check)", () => {
    const names = new Set(
      files.flatMap((f) => pathBodies(readFileSync(f, "utf8")).map((b) => b.name)),
    );
    for (const n of [
      "mfspr",
      "mtspr",
      "emulateMfspr",
      "emulateMtspr",
      "mfdcr",
      "mtdcr",
      "dcrRead",
      "dcrWrite",
    ])
      expect(names, n).toContain(n);
    const sample = [
      "export function emulateMfspr(k: Kvm, n: number): number {",
      "  switch (n) {",
      "    case SPR.DEC:",
      "      return 0;",
      "    case 22:",
      "      return 1;",
      "  }",
      "  if (n >= 400 && n <= 415) return 2;",
      "  return 3;",
      "}",
    ].join("\n");
    expect(bareNumbers(sample)).toEqual([
      "emulateMfspr:5: case 22:",
      "emulateMfspr:8: if (n >= 400 && n <= 415) return 2;",
    ]);
  });
});
