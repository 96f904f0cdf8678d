// QEMU's Malta -kernel hand-over as createMaltaMips reproduces it (hw/mips/malta.c load_kernel,
// write_bootloader): the prom table (argv, envp), an initrd loaded high with rd_start/rd_size
// on the command line, and the i8259 → IP2 wiring; plus how a device's "not modelled" ends a run.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encode as e, CP0 } from "../../../generated/mips32r2/index.ts";
import { ENVP_VADDR, createMaltaMips } from "../../../runtime/boards/malta/index.ts";

const HELLO = new URL("../../guests/mips/hello.elf", import.meta.url).pathname;
const MiB = 1024 * 1024;

function cString(
  vmm: { memory: { slotAt(pa: number): { load8(off: number): number; base: number } | undefined } },
  va: number,
): string {
  const pa = va & 0x1fffffff;
  const slot = vmm.memory.slotAt(pa)!;
  let s = "";
  for (let i = 0; ; i++) {
    const c = slot.load8(pa + i - slot.base);
    if (c === 0) return s;
    s += String.fromCharCode(c);
  }
}

function promEntries(b: ReturnType<typeof build>): string[] {
  const slot = b.vmm.memory.slotAt(0x2000)!;
  const out: string[] = [];
  for (let i = 0; i < 16; i++) {
    const p = slot.load32(0x2000 + 4 * i - slot.base) >>> 0;
    if (p === 0) break;
    out.push(cString(b.vmm, p));
  }
  return out;
}

function build(opts: { initrd?: string; cmdline?: string; ramBytes?: number }) {
  const r = createMaltaMips({ kernel: HELLO, uartSink: () => {}, ramBytes: 256 * MiB, ...opts });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("Malta -kernel hand-over", () => {
  it("passes argc/argv/envp/memsize in a0-a3 and the YAMON environment", () => {
    const b = build({ cmdline: "console=ttyS0 panic=-1" });
    const r = b.kvm.machine.gpr;
    expect([r[4], r[5] >>> 0, r[6] >>> 0, r[7]]).toEqual([
      2,
      ENVP_VADDR,
      ENVP_VADDR + 8,
      256 * MiB,
    ]);
    expect(promEntries(b)).toEqual([
      "hello.elf",
      "console=ttyS0 panic=-1",
      "memsize",
      String(256 * MiB),
      "ememsize",
      String(256 * MiB),
      "modetty0",
      "38400n8r",
      "rngseed",
      "00".repeat(32),
    ]);
  });

  it("loads an initrd 64 KiB-aligned below the end of low RAM less 128 KiB, as QEMU -initrd", () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-initrd-"));
    const path = join(dir, "initrd.gz");
    const size = 1136553; // the Debian guest's initrd: QEMU put it at 0x8fed0000
    const image = new Uint8Array(size);
    image[0] = 0x1f;
    image[size - 1] = 0x8b;
    writeFileSync(path, image);
    const b = build({ initrd: path, cmdline: "console=ttyS0 panic=-1" });
    expect(promEntries(b)[1]).toBe(
      "rd_start=0xffffffff8fed0000 rd_size=1136553 console=ttyS0 panic=-1",
    );
    const slot = b.vmm.memory.slotAt(0x0fed0000)!;
    expect(slot.load8(0x0fed0000 - slot.base)).toBe(0x1f);
    expect(slot.load8(0x0fed0000 + size - 1 - slot.base)).toBe(0x8b);
  });

  it("refuses an initrd that is missing or does not fit, with one line", () => {
    const missing = createMaltaMips({
      kernel: HELLO,
      initrd: "/nonexistent/initrd",
      ramBytes: 16 * MiB,
    });
    expect(!missing.ok && missing.error).toMatch(
      /\/nonexistent\/initrd: cannot read the initrd \(ENOENT\)/,
    );
    const dir = mkdtempSync(join(tmpdir(), "isagen-initrd-"));
    const big = join(dir, "big");
    writeFileSync(big, new Uint8Array(16 * MiB));
    const tooBig = createMaltaMips({ kernel: HELLO, initrd: big, ramBytes: 16 * MiB });
    expect(!tooBig.ok && tooBig.error).toMatch(/do not fit in RAM above the kernel/);
  });

  it("routes ttyS0's interrupt through the i8259 to Cause.IP2", () => {
    const b = build({});
    b.vmm.bus.write(0x180003f9, 1, 0x02); // IER.ETBEI: THR empty raises the line
    expect(b.kvm.cp0[CP0.CAUSE] & 0x400).toBe(0x400);
    expect(b.vmm.bus.read(0x1be00c34, 4)).toBe(4); // IACK: ISA IRQ 4
    expect(b.kvm.cp0[CP0.CAUSE] & 0x400).toBe(0); // in service: INT drops
  });

  it("ends the run with the guest PC when the guest does what the board does not model", () => {
    const b = build({});
    const base = 0x80100000;
    const program = [
      e.lui({ rt: 8, uimm: 0xbbe0 }), // t0 = 0xbbe00000 (GT registers, KSEG1)
      e.addiu({ rs: 0, rt: 9, simm: 0x10 }),
      e.sw({ rs: 8, rt: 9, simm: 0x68 }), // move the GT's internal space: not modelled
      e.beq({ rs: 0, rt: 0, off: -4 }),
      0,
    ];
    const bytes = new Uint8Array(program.length * 4);
    program.forEach((w, i) => new DataView(bytes.buffer).setUint32(i * 4, w >>> 0, true));
    b.vmm.memory.writeBytes(base & 0x1fffffff, bytes);
    b.kvm.machine.invalidateCode(base & 0x1fffffff, bytes.length);
    b.kvm.machine.jump(base);
    const result = b.kvm.run(1000);
    expect(result.kind).toBe("fatal");
    if (result.kind !== "fatal") return;
    expect(result.message).toMatch(
      /^gt64120: the guest moved the internal registers to 0x2000000; .* \(store 0xad090068 at 0x80100008\)$/,
    );
  });
});
