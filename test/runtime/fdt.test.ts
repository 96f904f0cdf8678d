import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  FDT_MAGIC,
  findNode,
  parseFdt,
  readString,
  readU32Cells,
  serializeFdt,
  type Fdt,
} from "../../runtime/vmm/fdt.ts";
import { BAMBOO_CLOCK_HZ, patchBambooDtb } from "../../runtime/boards/bamboo/index.ts";
import { SHARED_GUESTS } from "../support/shared.ts";

const DTB = `${SHARED_GUESTS}ppc440-bamboo/bamboo.dtb`;
const haveDtb = existsSync(DTB);

function parse(blob: Uint8Array): Fdt {
  const r = parseFdt(blob);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** A blob written by hand from the spec's layout (chapter 5): header, rsvmap, struct, strings. */
function handMade(): Uint8Array {
  const words: number[] = [];
  const u32 = (v: number) => words.push(v >>> 0);
  // struct: / { a = <1 2>; n@0 { s = "x"; }; };  strings "a\0s\0"
  const struct = [1, 0, 3, 8, 0, 1, 2, 1, 0x6e403000, 3, 2, 2, 0x78000000, 2, 2, 9];
  const strings = [0x61, 0, 0x73, 0];
  const offRsv = 40, offStruct = offRsv + 32, offStrings = offStruct + struct.length * 4;
  const total = offStrings + strings.length;
  [FDT_MAGIC, total, offStruct, offStrings, offRsv, 17, 16, 0, strings.length, struct.length * 4].forEach(u32);
  [0, 0x1000, 0, 0x2000, 0, 0, 0, 0].forEach(u32); // one reservation, then the terminator
  struct.forEach(u32);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  words.forEach((v, i) => dv.setUint32(i * 4, v));
  out.set(strings, offStrings);
  return out;
}

describe("fdt", () => {
  it("parses the spec's layout: reservations, nested nodes, shared strings", () => {
    const fdt = parse(handMade());
    expect(fdt.reserved).toEqual([{ address: 0x1000n, size: 0x2000n }]);
    expect(readU32Cells(fdt.root.prop("a")!)).toEqual([1, 2]);
    expect(readString(findNode(fdt, "/n@0")!.prop("s")!)).toBe("x");
  });

  it("serializes to a blob that parses back to the same tree", () => {
    const fdt = parse(handMade());
    expect(parse(serializeFdt(fdt))).toEqual(fdt);
    expect(serializeFdt(parse(serializeFdt(fdt)))).toEqual(serializeFdt(fdt));
  });

  it("reports malformed blobs in one line", () => {
    const bad = handMade();
    bad[0] = 0;
    expect(parseFdt(bad)).toEqual({ ok: false, error: expect.stringMatching(/^device tree: bad magic/) });
    expect(parseFdt(new Uint8Array(8))).toMatchObject({ ok: false });
    const trunc = handMade();
    new DataView(trunc.buffer).setUint32(72 + 15 * 4, 7); // FDT_END → unknown token
    expect(parseFdt(trunc)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown token 7/) });
  });

  it.skipIf(!haveDtb)("round-trips QEMU's bamboo.dtb", () => {
    const fdt = parse(readFileSync(DTB));
    expect(readString(fdt.root.prop("model")!)).toBe("amcc,bamboo");
    expect(readU32Cells(findNode(fdt, "/memory")!.prop("reg")!)).toEqual([0, 0, 0x9000000]);
    expect(readString(findNode(fdt, "/chosen")!.prop("linux,stdout-path")!)).toBe("/plb/opb/serial@ef600300");
    expect(parse(serializeFdt(fdt))).toEqual(fdt);
  });

  it.skipIf(!haveDtb)("patches it as QEMU's bamboo_load_device_tree", () => {
    const r = patchBambooDtb(readFileSync(DTB), {
      ramBytes: 256 << 20,
      initrd: [0x01900000, 0x019506f4],
      bootargs: "console=ttyS0 panic=-1",
    });
    if (!r.ok) throw new Error(r.error);
    const fdt = parse(r.value);
    const chosen = findNode(fdt, "/chosen")!;
    const cpu = findNode(fdt, "/cpus/cpu@0")!;
    expect(readU32Cells(findNode(fdt, "/memory")!.prop("reg")!)).toEqual([0, 0, 0x10000000]);
    expect(readU32Cells(chosen.prop("linux,initrd-start")!)).toEqual([0x01900000]);
    expect(readU32Cells(chosen.prop("linux,initrd-end")!)).toEqual([0x019506f4]);
    expect(readString(chosen.prop("bootargs")!)).toBe("console=ttyS0 panic=-1");
    expect(readU32Cells(cpu.prop("clock-frequency")!)).toEqual([BAMBOO_CLOCK_HZ]);
    expect(readU32Cells(cpu.prop("timebase-frequency")!)).toEqual([BAMBOO_CLOCK_HZ]);
    expect(r.value.length).toBe((readFileSync(DTB).length + 10000) * 2); // QEMU load_device_tree
  });
});

describe("fdt padding", () => {
  it("pads to a requested totalsize, never below what the tree needs", () => {
    const fdt = parse(handMade());
    const min = serializeFdt(fdt).length;
    const padded = serializeFdt(fdt, 4096);
    expect(padded.length).toBe(4096);
    expect(new DataView(padded.buffer).getUint32(4)).toBe(4096);
    expect(parse(padded)).toEqual(fdt);
    expect(serializeFdt(fdt, 8).length).toBe(min);
  });
});
