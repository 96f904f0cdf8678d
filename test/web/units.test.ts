// The page's pure parts, without a browser: the model shipped to the page (web/src/model-codec.ts)
// gives the generator's explain and assemble the same answers as the model built from the tables,
// the hex box (web/src/hexdump.ts) reads words and the dumps of xxd, hexdump -C and objdump, and
// the terminal's writer (web/src/paced-writer.ts) keeps the pace it states and loses nothing, and
// the console log (web/src/console-log.ts) keeps the latest output within its bound.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Diagnostics } from "../../generator/diagnostics.ts";
import { loadIsas, type Isa } from "../../generator/model.ts";
import { planDecoder } from "../../generator/plan.ts";
import { explain } from "../../generator/explain.ts";
import { assemble } from "../../generator/assemble.ts";
import { decodeModel, encodeModel } from "../../web/src/model-codec.ts";
import { parseHex } from "../../web/src/hexdump.ts";
import { PACE_MS, PacedWriter } from "../../web/src/paced-writer.ts";
import { ConsoleLog, LOG_MAX, latin1 } from "../../web/src/console-log.ts";
import { ROOT } from "../support/root.ts";

describe("the model the page gets", () => {
  for (const name of ["ppc440", "mips32r2"] as const) {
    it(`${name}: explain and assemble answer as with the model from the tables`, async () => {
      const diags = new Diagnostics();
      const [isa] = loadIsas(ROOT, diags, [name]);
      expect(diags.errorCount).toBe(0);
      const back = decodeModel<Isa>(encodeModel(isa));
      expect(back.fields).toBeInstanceOf(Map);
      // Shared references come back shared: an entry's operand is the ISA's field object.
      const e = back.entries.find((x) => x.operands.length > 0)!;
      expect(back.fields.get(e.operands[0].name)).toBe(e.operands[0]);
      const g = await import(`../../generated/${name}/index.ts`);
      const plan = (m: Isa) => planDecoder([...m.variants, ...m.invalidEntries.flatMap((x) => x.variants)]);
      const [t0, t1] = [plan(isa), plan(back)];
      let seed = 12345;
      for (let i = 0; i < 3000; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        const w = (seed ^ (seed << 7)) >>> 0;
        expect(explain(back, t1, w, g.disassemble)).toEqual(explain(isa, t0, w, g.disassemble));
      }
      const text = name === "ppc440" ? "mflr r0" : "addiu sp,sp,-32";
      expect(assemble(back, text, 0, g.disassemble)).toBe(assemble(isa, text, 0, g.disassemble));
    });
  }
});

describe("the hex box", () => {
  it("takes words as `isagen decode` does, swapped for the other byte order", () => {
    expect(parseHex("7c0802a6 0x38600005", false, false)).toEqual({ words: [0x7c0802a6, 0x38600005], problems: [] });
    expect(parseHex("a602087c", true, true).words).toEqual([0x7c0802a6]);
    expect(parseHex("7c0802a6  38600005\n4e800020", false, false).words).toEqual([0x7c0802a6, 0x38600005, 0x4e800020]);
    expect(parseHex("7c0802a6 zz", false, false).problems).toEqual(['"zz": not a hex word (up to 8 hex digits)']);
  });

  it("reads xxd, hexdump -C and objdump -d dumps as bytes in memory order from their first address", () => {
    const xxd = "00000010: 7c08 02a6 3860 0005  |...8`..\n00000018: 4e80 0020            N.. ";
    expect(parseHex(xxd, false, false)).toEqual({ words: [0x7c0802a6, 0x38600005, 0x4e800020], base: 0x10, problems: [] });
    const hexdumpC = "00000000  e0 ff bd 27 08 00 e0 03  |...'....|";
    expect(parseHex(hexdumpC, false, true)).toEqual({ words: [0x27bdffe0, 0x03e00008], base: 0, problems: [] });
    const objdump = "    1000:\t7c 08 02 a6 \tmflr    r0\n    1004:\t4e 80 00 20 \tblr";
    expect(parseHex(objdump, false, false)).toEqual({ words: [0x7c0802a6, 0x4e800020], base: 0x1000, problems: [] });
    expect(parseHex("00000000: 7c08 02", false, false).problems).toEqual(["3 trailing byte(s) after the last whole word were not disassembled"]);
  });
});

describe("the terminal's paced writer", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it("writes after a quiet spell at once, then at most once per PACE_MS, every byte in order", () => {
    vi.useFakeTimers();
    const writes: { at: number; text: string }[] = [];
    const w = new PacedWriter((b) => writes.push({ at: performance.now(), text: Buffer.from(b).toString("latin1") }));
    const t0 = performance.now();
    w.write(Buffer.from("a"));
    expect(writes.map((x) => x.text)).toEqual(["a"]); // an echo is not delayed
    // A guest printing every millisecond for a second.
    for (let i = 0; i < 1000; i++) {
      vi.advanceTimersByTime(1);
      w.write(Buffer.from(String(i % 10)));
    }
    vi.advanceTimersByTime(PACE_MS);
    const text = writes.map((x) => x.text).join("");
    expect(text).toBe("a" + Array.from({ length: 1000 }, (_, i) => i % 10).join(""));
    expect(writes.length).toBeLessThanOrEqual(1 + Math.ceil(1000 / PACE_MS) + 1);
    for (let i = 1; i < writes.length; i++) expect(writes[i].at - writes[i - 1].at).toBeGreaterThanOrEqual(PACE_MS);
    // Quiet again: the next byte goes at once; clear drops what is pending.
    vi.advanceTimersByTime(5 * PACE_MS);
    const n = writes.length;
    w.write(Buffer.from("x"));
    w.write(Buffer.from("y"));
    expect(writes.length).toBe(n + 1);
    w.clear();
    vi.advanceTimersByTime(5 * PACE_MS);
    expect(writes.length).toBe(n + 1);
    expect(performance.now() - t0).toBeGreaterThan(1000);
  });
});

describe("the console log", () => {
  it("turns a slice's worth of output into text, where a spread of it overflows the stack", () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff);
    const text = latin1(bytes);
    expect(text.length).toBe(bytes.length);
    expect([0, 1, 8191, 8192, 299_999].map((i) => text.charCodeAt(i))).toEqual([0, 1, 8191, 8192, 299_999].map((i) => bytes[i]));
  });
  it("keeps the last LOG_MAX bytes in order, says how many came before, and its text ends as they do", () => {
    const log = new ConsoleLog();
    const chunk = (n: number, v: number) => new Uint8Array(n).fill(v);
    // 3 x LOG_MAX/2 + 100 bytes in chunks of four values.
    const sizes = [LOG_MAX / 2, LOG_MAX / 2, LOG_MAX / 2, 100];
    sizes.forEach((n, i) => log.add(chunk(n, 0x41 + i)));
    const kept = log.bytes();
    const note = latin1(kept[0]);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(log.dropped).toBe(total - LOG_MAX);
    expect(note).toBe(`[isagen: the first ${total - LOG_MAX} bytes of output are not kept; the last ${LOG_MAX} follow]\n`);
    const body = kept.slice(1);
    expect(body.reduce((n, c) => n + c.length, 0)).toBe(LOG_MAX);
    // The oldest kept byte is from the second chunk, 100 bytes into it; the last is from the fourth.
    expect(body[0][0]).toBe(0x42);
    expect(body[0].length).toBe(LOG_MAX / 2 - 100);
    expect(body[body.length - 1][99]).toBe(0x44);
    expect(log.text.length).toBeLessThan(2 * LOG_MAX);
    expect(log.text.endsWith("C".repeat(10) + "D".repeat(100))).toBe(true);
  });
});
