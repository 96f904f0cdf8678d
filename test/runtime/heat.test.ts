// core/heat.ts: which cold code the translators count and translate. The rules under test are
// the ones runtime/README.md states: a start is hot after 8192 entries at block starts, a page is
// counted only after PAGE_HOT (1024) cold entries (before that the interpreter runs 256
// instructions per entry), a page whose trial finds nothing hot goes back to long stretches for
// twice as long, and counts halve every COOL_EVERY instructions.
import { describe, expect, it } from "vitest";
import { type Block, BlockCache } from "../../runtime/core/block-cache.ts";
import { CodeHeat, COLD_CHUNK, COOL_EVERY, PAGE_HOT } from "../../runtime/core/heat.ts";

const LINE = 5;

function heat(): CodeHeat {
  return new CodeHeat(new BlockCache<Block>(1 << 20), {}, () => LINE);
}

/** Calls until `cold` returns 0 (hot), at most `max`; the number of calls, or -1. */
function untilHot(h: CodeHeat, off: number, max: number, start = true): number {
  for (let i = 1; i <= max; i++) if (h.cold(off, start) === 0) return i;
  return -1;
}

describe("CodeHeat", () => {
  it("runs a new page in long stretches, then straight lines, and finds a start hot after 8192 entries", () => {
    const h = heat();
    const runs = Array.from({ length: PAGE_HOT + 2 }, () => h.cold(0x1100, true));
    expect(runs.slice(0, PAGE_HOT).every((n) => n === COLD_CHUNK)).toBe(true);
    expect(runs.slice(PAGE_HOT)).toEqual([LINE, LINE]);
    // Entries before the page was counted count toward the start's heat too.
    expect(untilHot(h, 0x1100, 10_000)).toBe(8192 - PAGE_HOT - 2);
  });

  it("never counts an entry that is not at a block start", () => {
    const h = heat();
    expect(untilHot(h, 0x2200, 20_000, false)).toBe(-1);
  });

  it("sends a page whose trial found nothing hot back to long stretches, for twice as long", () => {
    const h = heat();
    for (let i = 0; i < PAGE_HOT; i++) h.cold(0x3000, true);
    // Entries spread over 64 starts of the page: none gets near 8192.
    const runs: number[] = [];
    for (let i = 0; i < 8192 + 1; i++) runs.push(h.cold(0x3000 + 4 * (i % 64), true));
    expect(runs.slice(0, 8192).every((n) => n === LINE)).toBe(true);
    expect(runs[8192]).toBe(COLD_CHUNK);
    // Level 1: twice PAGE_HOT cold entries before the page is counted again.
    const again = Array.from({ length: 2 * PAGE_HOT }, (_, i) =>
      h.cold(0x3000 + 4 * (i % 64), true),
    );
    expect(again.every((n) => n === COLD_CHUNK)).toBe(true);
    expect(h.cold(0x3000, true)).toBe(LINE);
  });

  it("halves the counts every COOL_EVERY instructions", () => {
    const h = heat();
    h.age(0);
    for (let i = 0; i < 8191; i++) expect(h.cold(0x4400, true)).not.toBe(0);
    h.age(COOL_EVERY - 1); // the same period: nothing changes
    h.age(COOL_EVERY);
    // Half the way to hot again: about 4096 more entries, not 1.
    const more = untilHot(h, 0x4400, 10_000);
    expect(more).toBeGreaterThanOrEqual(4096);
    expect(more).toBeLessThanOrEqual(4096 + 32);
  });
});
