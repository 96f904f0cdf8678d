// Unit checks for the console and start-up pieces: the Ctrl-A escape decoder (cli/console.ts),
// the cached table model (cli/model-cache.ts: what the cache returns is what the tables build,
// and what explain and asm derive from it),
// GDB packet framing (runtime/gdb/rsp.ts) and --gdb's address forms (cli/gdb.ts).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { EscapeDecoder } from "../cli/console.ts";
import { parseGdbAddress } from "../cli/gdb.ts";
import { asmStorage, buildModel, explainStorage, loadDerived, loadModel } from "../cli/model-cache.ts";
import * as mips from "../generated/mips32r2/index.ts";
import * as ppc from "../generated/ppc440/index.ts";
import { explain } from "../generator/explain.ts";
import { asmIndex, assemble, useAsmIndex } from "../generator/assemble.ts";
import type { Isa } from "../generator/model.ts";
import { planDecoder } from "../generator/plan.ts";
import { checksum, framePacket } from "../runtime/gdb/rsp.ts";
import { ROOT } from "./support/root.ts";

describe("Ctrl-A escapes", () => {
  const run = (input: number[]) => {
    const calls: string[] = [];
    const d = new EscapeDecoder({ quit: () => calls.push("quit"), stats: () => calls.push("stats"), message: (t) => calls.push(t.split("\n")[0]) });
    return { out: d.feed(Uint8Array.from(input)), calls };
  };
  it("passes ordinary bytes, Ctrl-C included", () => {
    expect(run([0x6c, 0x73, 0x0d, 0x03])).toEqual({ out: [0x6c, 0x73, 0x0d, 0x03], calls: [] });
  });
  it("Ctrl-A Ctrl-A sends one Ctrl-A; h lists the keys; s the statistics; others are dropped", () => {
    expect(run([0x01, 0x01, 0x61, 0x01, 0x68, 0x01, 0x73, 0x01, 0x7a, 0x62])).toEqual({
      out: [0x01, 0x61, 0x62],
      calls: ["C-a h    print this help", "stats"],
    });
  });
  it("Ctrl-A x quits and drops what follows", () => {
    expect(run([0x61, 0x01, 0x78, 0x62])).toEqual({ out: [0x61], calls: ["quit"] });
  });
  it("an escape split across reads still works", () => {
    const calls: string[] = [];
    const d = new EscapeDecoder({ quit: () => calls.push("quit"), stats: () => {}, message: () => {} });
    expect(d.feed(Uint8Array.of(0x01))).toEqual([]);
    expect(d.feed(Uint8Array.of(0x78))).toEqual([]);
    expect(calls).toEqual(["quit"]);
  });
});

describe("the cached table model", () => {
  for (const isa of ["ppc440", "mips32r2"])
    it(`${isa}: built, cached and read back equal to a fresh build`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "isagen-model-"));
      const fresh = await buildModel(ROOT, isa);
      const first = await loadModel(ROOT, isa, dir); // builds and writes the cache
      const cached = await loadModel(ROOT, isa, dir); // reads it
      expect(isDeepStrictEqual(first, fresh)).toBe(true);
      expect(isDeepStrictEqual(cached, fresh)).toBe(true);
      expect(cached.variants[0].entry).toBe(cached.entries.find((e) => e === cached.variants[0].entry)); // shared references kept
    });
});

describe("what explain and asm derive from the model, cached with it", () => {
  const tree = (m: Isa) => planDecoder([...m.variants, ...m.invalidEntries.flatMap((e) => e.variants)]);
  const never = (): never => {
    throw new Error("derived again instead of read from the cache");
  };
  for (const [name, g] of [["ppc440", ppc], ["mips32r2", mips]] as const)
    it(`${name}: explain from the cache says what it says from the tables, for every instruction and random words`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "isagen-model-"));
      const fresh = await buildModel(ROOT, name);
      const t0 = tree(fresh);
      await loadDerived(ROOT, name, "explain", tree, dir, explainStorage);
      const { isa, derived } = await loadDerived(ROOT, name, "explain", never, dir, explainStorage);
      const words = fresh.variants.map((v) => v.match);
      let seed = 12345;
      for (let i = 0; i < 2000; i++) words.push((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0));
      for (const w of words) expect(explain(isa, derived.pathTo(w), w, g.disassemble, derived.aliasesOf)).toEqual(explain(fresh, t0, w, g.disassemble));
      // The model itself reads back whole and equal (its lists when first used).
      expect(isDeepStrictEqual(isa, fresh)).toBe(true);
    });

  it("ppc440: asm's index reads back equal, name by name, and assembles", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-model-"));
    const fresh = await buildModel(ROOT, "ppc440");
    const ix = asmIndex(fresh);
    await loadDerived(ROOT, "ppc440", "asm", asmIndex, dir, asmStorage);
    const asm = await loadDerived(ROOT, "ppc440", "asm", never, dir, asmStorage);
    useAsmIndex(asm.isa, asm.derived);
    // mflr r0 is mfspr r0,LR (SPR 8): 0x7c0802a6 as the PowerPC books encode it (and objdump prints it).
    expect(assemble(asm.isa, "mflr r0", 0, ppc.disassemble)).toBe(0x7c0802a6);
    expect(asm.derived.mnemonics).toEqual(ix.mnemonics);
    for (const n of ix.mnemonics) expect(isDeepStrictEqual(asm.derived.byName.get(n), ix.byName.get(n))).toBe(true);
    expect(asm.derived.byName.get("no-such-name")).toBeUndefined();
    expect(asm.derived.patterned.length).toBe(ix.patterned.length);
    asm.derived.patterned.forEach((p, i) => {
      expect(p.re.source).toBe(ix.patterned[i].re.source);
      expect(isDeepStrictEqual(p.form, ix.patterned[i].form)).toBe(true);
    });
    expect(isDeepStrictEqual(asm.isa, fresh)).toBe(true);
  });

  it("a damaged, truncated or foreign cache file is rebuilt, never believed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-model-"));
    await loadDerived(ROOT, "ppc440", "asm", asmIndex, dir, asmStorage);
    const file = readdirSync(dir).find((f) => /\.asm\.lg\d+$/.test(f))!;
    const good = readFileSync(join(dir, file));
    const damaged = [
      good.subarray(0, good.length >> 1), // truncated
      Buffer.concat([Buffer.from("isagenLG\x09\0\0\0"), good.subarray(12)]), // another version
      Buffer.from(good.toString("latin1").replace('{"$":"z"', '{"$":"q"'), "latin1"), // an unknown tag in the root
      Buffer.alloc(good.length, 0x20),
    ];
    for (const bytes of damaged) {
      writeFileSync(join(dir, file), bytes);
      let derived = 0;
      const asm = await loadDerived(ROOT, "ppc440", "asm", (m) => (derived++, asmIndex(m)), dir, asmStorage);
      expect(derived).toBe(1);
      useAsmIndex(asm.isa, asm.derived);
      expect(assemble(asm.isa, "mflr r0", 0, ppc.disassemble)).toBe(0x7c0802a6);
    }
  });
});

describe("GDB remote protocol framing", () => {
  it("checksums and escapes as the protocol says", () => {
    expect(checksum("OK")).toBe(0x9a);
    expect(framePacket("OK")).toBe("$OK#9a");
    expect(framePacket("a#b")).toBe("$a}\x03b#" + ((0x61 + 0x7d + 0x03 + 0x62) & 0xff).toString(16));
  });
  it("--gdb takes QEMU's forms", () => {
    expect(parseGdbAddress("tcp::1234")).toEqual({ host: "127.0.0.1", port: 1234 });
    expect(parseGdbAddress("tcp:0.0.0.0:1234")).toEqual({ host: "0.0.0.0", port: 1234 });
    expect(parseGdbAddress("1234")).toEqual({ host: "127.0.0.1", port: 1234 });
    expect(parseGdbAddress("udp::1")).toBeUndefined();
    expect(parseGdbAddress("tcp::99999")).toBeUndefined();
  });
});
