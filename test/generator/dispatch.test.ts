// Dispatch reaches the handler of the decoded entry: every variant's own encoding calls the
// method named after its table entry, and undefined words call `invalid`.
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";
import { invalidWhenHolds } from "../../generator/explain.ts";
import { buildModels } from "../../generator/gen.ts";
import { dispatch as dispatchMips, methodTable as methodTableMips } from "../../generated/mips32r2/handlers.ts";
import { dispatch as dispatchPpc, methodTable as methodTablePpc } from "../../generated/ppc440/handlers.ts";
import { decode as decodeMips } from "../../generated/mips32r2/decoder.ts";
import { decode as decodePpc } from "../../generated/ppc440/decoder.ts";
import { RecordingHandlers as MipsRecorder } from "../handlers/mips32r2.ts";
import { RecordingHandlers as PpcRecorder } from "../handlers/ppc440.ts";

const sets: Record<string, (w: number) => string> = {
  ppc440: (w) => dispatchPpc(new PpcRecorder(), w),
  mips32r2: (w) => dispatchMips(new MipsRecorder(), w),
};

// The same, through the method tables hot loops use (built once from the prototype).
const ppcTable = methodTablePpc<PpcRecorder, string>(PpcRecorder.prototype);
const mipsTable = methodTableMips<MipsRecorder, string>(MipsRecorder.prototype);
const tables: Record<string, (w: number) => string> = {
  ppc440: (w) => ppcTable[decodePpc(w)].call(new PpcRecorder(), w),
  mips32r2: (w) => mipsTable[decodeMips(w)].call(new MipsRecorder(), w),
};

describe.each(buildModels(ROOT).map((b) => [b.isa.name, b.isa] as const))("%s dispatch", (name, isa) => {
  const dispatch = sets[name];

  it("has a recording handler set", () => expect(dispatch).toBeDefined());

  it("calls the entry's handler for each instruction", () => {
    for (const v of isa.variants) {
      if (invalidWhenHolds(isa, v, v.match)) continue; // e.g. lmw with RA >= RT: undefined
      const winners = isa.entries.filter((e) => e.overrides.includes(v.entry.key)).map((e) => e.key);
      const got = dispatch(v.match);
      if (got === "invalid") {
        // Only a reserved (invalid: true) carve-out may take an instruction's own encoding.
        expect(isa.invalidEntries.some((e) => e.overrides.includes(v.entry.key)), v.mnemonic).toBe(true);
        continue;
      }
      expect([v.entry.key, ...winners]).toContain(got);
    }
  });

  it("calls invalid for an undefined word", () => {
    const w = name === "ppc440" ? 0 : 0xffffffff;
    expect(dispatch(w)).toBe("invalid");
  });

  it("method table calls what dispatch calls", () => {
    let seed = 0x9e3779b9;
    for (let i = 0; i < 20000; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const w = i < isa.variants.length ? isa.variants[i].match : seed;
      expect(tables[name](w), w.toString(16)).toBe(dispatch(w));
    }
  });

  it("method table: a missing method throws, or takes the fallback", () => {
    const lacking = Object.create(name === "ppc440" ? PpcRecorder.prototype : MipsRecorder.prototype) as Record<string, unknown>;
    const victim = isa.entries[0].key;
    lacking[victim] = undefined;
    type Build = (h: never, missing?: (entry: string) => (w: number) => string) => ((w: number) => string)[];
    const build = (name === "ppc440" ? methodTablePpc : methodTableMips) as unknown as Build;
    expect(() => build(lacking as never)).toThrow(`handler set has no method ${victim}`);
    const t = build(lacking as never, (entry: string) => () => `missing ${entry}`);
    expect(t[isa.entries[0].variants[0].id](0)).toBe(`missing ${victim}`);
  });
});
