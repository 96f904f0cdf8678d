// Dispatch reaches the handler of the decoded entry: every variant's own encoding calls the
// method named after its table entry, and undefined words call `invalid`.
import { describe, expect, it } from "vitest";
import { ROOT } from "../../generator/cli.ts";
import { buildModels } from "../../generator/gen.ts";
import { dispatch } from "../../generated/ppc440/handlers.ts";
import { RecordingHandlers } from "../handlers/ppc440.ts";
import { invalidWhenHolds } from "../../generator/explain.ts";

describe("ppc440 dispatch", () => {
  const [{ isa }] = buildModels(ROOT, ["ppc440"]);
  const h = new RecordingHandlers();

  it("calls the entry's handler for each instruction", () => {
    for (const v of isa.variants) {
      if (invalidWhenHolds(isa, v, v.match)) continue; // e.g. lmw with RA >= RT: undefined
      const winners = isa.entries.filter((e) => e.overrides.includes(v.entry.key)).map((e) => e.key);
      expect([v.entry.key, ...winners]).toContain(dispatch(h, v.match));
    }
  });

  it("calls invalid for an undefined word", () => {
    expect(dispatch(h, 0)).toBe("invalid");
  });
});
