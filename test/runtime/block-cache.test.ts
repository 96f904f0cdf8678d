// The translated-block cache: keyed by host offset and guest PC, dropped per written page,
// bounded.
import { describe, expect, it } from "vitest";
import { BlockCache } from "../../runtime/core/block-cache.ts";

const block = (off: number, vpc = off, len = 4) => ({ off, vpc, len, valid: true });

describe("BlockCache", () => {
  it("finds a block by host offset only for the guest PC it was built for", () => {
    const c = new BlockCache(1 << 20);
    c.put(block(0x2000, 0x80002000));
    expect(c.get(0x2000, 0x80002000)).toEqual(block(0x2000, 0x80002000));
    expect(c.get(0x2000, 0x00002000)).toBeUndefined(); // same code mapped elsewhere: rebuilt
    expect(c.get(0x2004, 0x80002004)).toBeUndefined();
    expect(c.stats).toMatchObject({ translated: 1, hits: 1 });
  });

  it("a write to a page drops exactly that page's blocks", () => {
    const c = new BlockCache(1 << 20);
    const first = block(0x2000);
    c.put(first);
    c.put(block(0x2ff0));
    c.put(block(0x3000));
    expect(c.codePage[2]).toBe(1);
    c.invalidateRange(0x2100, 4);
    expect(c.get(0x2000, 0x2000)).toBeUndefined();
    expect(c.get(0x2ff0, 0x2ff0)).toBeUndefined();
    expect(c.get(0x3000, 0x3000)).toBeDefined();
    expect(c.codePage[2]).toBe(0);
    expect(c.stats.invalidated).toBe(2);
    expect(first.valid).toBe(false); // links cached in other blocks see it is gone
  });

  it("is bounded: reaching maxBlocks empties it", () => {
    const c = new BlockCache(1 << 20, 8);
    for (let i = 0; i < 9; i++) c.put(block(i * 0x100));
    expect(c.size).toBe(1);
    expect(c.stats.flushes).toBe(1);
    expect(c.get(0x800, 0x800)).toBeDefined();
  });

  it("calls a start hot after HOT_THRESHOLD entries", () => {
    const c = new BlockCache(1 << 20, 8, 3);
    expect([c.warm(0x40), c.warm(0x40), c.warm(0x40)]).toEqual([false, false, true]);
    expect(c.warm(0x40)).toBe(false); // counting starts again
  });
});
