// The MIPS runtime names its registers through the generated constants (CP0.STATUS, HWR.CC,
// FCR.FCSR), never by bare number: a grep of runtime/mips/ and the Malta board for numbered
// cases in the register-access paths and for CP0 indices written as numbers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const DIRS = ["runtime/mips", "runtime/boards/malta"];
/** Where CP0, HWR and FCR numbers are switched on: every case must be a named constant. */
const ACCESS_PATHS = ["runtime/mips/cp0.ts", "runtime/mips/emulate.ts", "runtime/mips/fpu.ts"];

const NUMBER = String.raw`(?:0x[0-9a-fA-F]+|\d+)`;

function files(): { file: string; lines: string[] }[] {
  return DIRS.flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `${d}/${f}`),
  ).map((file) => ({ file, lines: readFileSync(join(ROOT, file), "utf8").split("\n") }));
}

/** `file:line: text` of each line matching `re` (comments aside). */
function grep(re: RegExp, only?: readonly string[]): string[] {
  const out: string[] = [];
  for (const { file, lines } of files()) {
    if (only && !only.includes(file)) continue;
    lines.forEach((l, i) => {
      const code = l.replace(/\/\/.*$/, "");
      if (re.test(code)) out.push(`${file}:${i + 1}: ${l.trim()}`);
    });
  }
  return out;
}

describe("MIPS runtime layout", () => {
  it("switches on named register constants only in the CP0, HWR and FCR access paths", () => {
    expect(grep(new RegExp(String.raw`\bcase\s+${NUMBER}\s*:`), ACCESS_PATHS)).toEqual([]);
  });

  it("indexes the CP0 file by generated constants, never by number", () => {
    expect(grep(new RegExp(String.raw`\bcp0\[\s*${NUMBER}\s*\]`))).toEqual([]);
    expect(grep(new RegExp(String.raw`\b(?:readC0|writeC0)\([^)]*,\s*${NUMBER}\s*[,)]`))).toEqual(
      [],
    );
  });

  it("numbers only the registers the tables leave unnamed, by register and select", () => {
    // cp0(reg, sel) with literal numbers: the CP0_UNNAMED block of cp0.ts and nowhere else.
    const literal = grep(new RegExp(String.raw`\bcp0\(\s*${NUMBER}\s*,\s*${NUMBER}\s*\)`));
    expect(literal.every((l) => l.startsWith("runtime/mips/cp0.ts:"))).toBe(true);
    expect(literal.length).toBeLessThanOrEqual(4);
  });

  it("keeps no local table of CP0 numbers repeating cp0.yaml", () => {
    expect(
      grep(/\b(?:Status|STATUS|Cause|CAUSE|EntryHi|ENTRYHI|EPC|Compare|COMPARE)\s*:\s*\d+/),
    ).toEqual([]);
  });
});
