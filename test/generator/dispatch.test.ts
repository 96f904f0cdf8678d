// Dispatch reaches the handler of the decoded entry: every variant's own encoding calls the
// method named after its table entry, and undefined words call `invalid`.
import { describe, expect, it } from "vitest";
import { ROOT } from "../../generator/cli.ts";
import { invalidWhenHolds } from "../../generator/explain.ts";
import { buildModels } from "../../generator/gen.ts";
import { dispatch as dispatchMips } from "../../generated/mips32r2/handlers.ts";
import { dispatch as dispatchPpc } from "../../generated/ppc440/handlers.ts";
import { RecordingHandlers as MipsRecorder } from "../handlers/mips32r2.ts";
import { RecordingHandlers as PpcRecorder } from "../handlers/ppc440.ts";

const sets: Record<string, (w: number) => string> = {
  ppc440: (w) => dispatchPpc(new PpcRecorder(), w),
  mips32r2: (w) => dispatchMips(new MipsRecorder(), w),
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
});
