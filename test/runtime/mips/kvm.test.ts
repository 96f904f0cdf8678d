// The hypervisor layer on small hand-assembled programs: privileged instructions in delay
// slots (resume PC from the emulated branch), CP0 read-only bits and write masks, shadow-TLB
// invalidation on tlbwi and on ASID changes, and the deterministic Count.
import { describe, expect, it } from "vitest";
import { encode as e, CP0 } from "../../../generated/mips32r2/index.ts";
import { MaltaVmm, wireMaltaInterrupts } from "../../../runtime/boards/malta/index.ts";
import { MipsKvm } from "../../../runtime/mips/kvm.ts";

const BASE = 0x80100000;
const T0 = 8,
  T1 = 9,
  T2 = 10,
  RA = 31;

function boot(program: number[], tlbEntries = 16) {
  const vmm = new MaltaVmm({ ramBytes: 8 * 1024 * 1024, uartSink: () => {} });
  const bytes = new Uint8Array(program.length * 4);
  const dv = new DataView(bytes.buffer);
  program.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  vmm.memory.writeBytes(BASE & 0x1fffffff, bytes);
  const kvm = new MipsKvm(vmm, { tlbEntries });
  wireMaltaInterrupts(vmm, kvm);
  kvm.cp0[CP0.STATUS] = 0; // kernel mode, BEV clear: vectors at EBase 0x80000000
  kvm.machine.jump(BASE | 0);
  return { vmm, kvm, r: kvm.machine.gpr };
}

const li = (rt: number, v: number) => [
  e.lui({ rt, uimm: (v >>> 16) & 0xffff }),
  e.ori({ rs: rt, rt, uimm: v & 0xffff }),
];
const nop = 0;

describe("MIPS kvm: privileged instructions in delay slots", () => {
  it("resumes at a taken branch's target after emulating mtc0 in its slot", () => {
    const { kvm, r } = boot([
      ...li(T0, 0x12345678), // 0, 4
      e.beq({ rs: 0, rt: 0, off: 3 * 4 }), // 8 → 8+4+12 = 0x18
      e.mtc0({ rt: T0, c0rd: 14, sel: 0 }), // c: EPC ← t0, in the delay slot
      e.addiu({ rs: 0, rt: T1, simm: 1 }), // 10: skipped
      e.addiu({ rs: 0, rt: T1, simm: 2 }), // 14: skipped
      e.addiu({ rs: 0, rt: T2, simm: 3 }), // 18: target
    ]);
    kvm.run(5);
    expect(kvm.cp0[CP0.EPC]).toBe(0x12345678);
    expect(r[T1]).toBe(0);
    expect(r[T2]).toBe(3);
    expect(kvm.machine.pc >>> 0).toBe(BASE + 0x1c);
  });

  it("falls through after a not-taken branch and lets mfc0 in a jal slot win over the link", () => {
    const { kvm, r } = boot([
      e.bne({ rs: 0, rt: 0, off: 0x40 }), // 0: not taken
      e.mfc0({ rt: T0, c0rd: 15, sel: 0 }), // 4: PRId
      e.jal({ index: ((BASE + 0x20) & 0x0fffffff) >>> 2 }), // 8
      e.mfc0({ rt: RA, c0rd: 16, sel: 1 }), // c: Config1 into ra, in the jal slot
    ]);
    kvm.run(4);
    expect(r[T0]).toBe(0x00019300);
    expect(r[RA]).toBe(kvm.cp0[CP0.CONFIG1]);
    expect(kvm.machine.pc >>> 0).toBe(BASE + 0x20);
  });
});

describe("MIPS kvm: the FPU", () => {
  it("resumes after a bc1t's delay slot from FCSR's condition code", () => {
    const { kvm, r } = boot([
      ...li(T0, 0x12345678), // 0, 4
      e.bc1t({ cc: 2, off: 3 * 4 }), // 8 → 0x18 when FCC2 is set
      e.mtc0({ rt: T0, c0rd: 14, sel: 0 }), // c: emulated in the slot
      e.addiu({ rs: 0, rt: T1, simm: 1 }), // 10
      e.addiu({ rs: 0, rt: T1, simm: 2 }), // 14
      e.addiu({ rs: 0, rt: T2, simm: 3 }), // 18
    ]);
    kvm.cp0[CP0.STATUS] = 0x20000000; // CU1 (kvm keeps the machine's copy in step on mtc0)
    kvm.machine.cu1 = true;
    kvm.machine.fpu.fcsr = 1 << 26; // FCC2
    kvm.run(5);
    expect(kvm.cp0[CP0.EPC]).toBe(0x12345678);
    expect(r[T1]).toBe(0);
    expect(r[T2]).toBe(3);
  });

  it("sends swc1/lwc1 to MMIO through the bus (the FPGA's LEDBAR keeps 8 bits)", () => {
    const { kvm } = boot([
      ...li(T0, 0xbf000408 | 0), // KSEG1: the FPGA's LEDBAR
      ...li(T1, 0x1234565a),
      e.mtc1({ rt: T1, fs: 2 }),
      e.swc1({ rs: T0, ft: 2, simm: 0 }),
      e.lwc1({ rs: T0, ft: 4, simm: 0 }),
    ]);
    kvm.cp0[CP0.STATUS] = 0x20000000;
    kvm.machine.cu1 = true;
    kvm.run(7);
    expect(kvm.machine.fpu.fpr[2 * 4]).toBe(0x5a); // $f4
    expect(kvm.machine.pc >>> 0).toBe(BASE + 0x1c);
  });

  it("raises CpU (CE = 1) with CU1 clear and an FP exception (ExcCode 15) when enabled", () => {
    const { kvm } = boot([e.mfc1({ rt: T0, fs: 0 })]);
    kvm.run(1);
    expect((kvm.cp0[CP0.CAUSE] >>> 2) & 31).toBe(11);
    expect((kvm.cp0[CP0.CAUSE] >>> 28) & 3).toBe(1);
    const b = boot([e.div_s({ fd: 0, fs: 2, ft: 4 })]); // 0/0 with Invalid enabled
    b.kvm.machine.cu1 = true;
    b.kvm.machine.fpu.fcsr = 0x800;
    b.kvm.run(1);
    expect((b.kvm.cp0[CP0.CAUSE] >>> 2) & 31).toBe(15);
    expect(b.kvm.cp0[CP0.EPC] >>> 0).toBe(BASE);
    expect(b.kvm.machine.fpu.fcsr).toBe(0x10800); // Cause.V set, Flags unchanged
  });
});

describe("MIPS kvm: CP0 registers", () => {
  const writeAll = (reg: number, sel: number, v: number, tlbEntries = 16) => {
    const { kvm, r } = boot(
      [...li(T0, v), e.mtc0({ rt: T0, c0rd: reg, sel }), e.mfc0({ rt: T1, c0rd: reg, sel })],
      tlbEntries,
    );
    kvm.run(4);
    return r[T1] >>> 0;
  };

  it("applies read-only bits and write masks", () => {
    expect(writeAll(10, 0, 0xffffffff)).toBe(0xffffe0ff); // EntryHi
    expect(writeAll(13, 0, 0xffffffff)).toBe(0x08800300); // Cause: DC, IV, IP1..0
    expect(writeAll(15, 1, 0xffffffff)).toBe(0xbffff000); // EBase: bits 29..12
    expect(writeAll(15, 0, 0)).toBe(0x00019300); // PRId
    expect(writeAll(7, 0, 0xffffffff)).toBe(0x2000000f); // HWREna
    expect(writeAll(4, 0, 0xffffffff)).toBe(0xff800000); // Context: PTEBase
    expect(writeAll(2, 0, 0xffffffff)).toBe(0x03ffffff); // EntryLo0
    expect(writeAll(5, 0, 0x00006000)).toBe(0x00006000); // PageMask 16K
    expect(writeAll(5, 0, 0x00002000)).toBe(0); // not a page size
    expect(writeAll(12, 0, 0xffffffff) & 0x34000000).toBe(0x34000000); // Status.CU1, CU0, FR (24Kf FPU)
    expect(writeAll(12, 1, 0xffffffff)).toBe(0xfc0003e0); // IntCtl: IPTI/IPPCI 7, VS writable
    expect(writeAll(0, 0, 0xffffffff)).toBe(15); // Index, 16 entries
    expect(writeAll(0, 0, 0xffffffff, 64)).toBe(63);
  });

  it("announces the TLB size in Config1 and keeps Random in [Wired, size-1]", () => {
    for (const n of [16, 64]) {
      const prog = [e.addiu({ rs: 0, rt: T0, simm: 5 }), e.mtc0({ rt: T0, c0rd: 6, sel: 0 })];
      for (let i = 0; i < 40; i++) prog.push(e.mfc0({ rt: T1, c0rd: 1, sel: 0 }), nop);
      const { kvm, vmm } = boot(prog, n);
      expect(((kvm.cp0[CP0.CONFIG1] >>> 25) & 0x3f) + 1).toBe(n);
      const seen = new Set<number>();
      for (let i = 0; i < 41; i++) {
        kvm.run(2 + i * 2 + 1);
        seen.add(kvm.machine.gpr[T1]);
      }
      void vmm;
      for (const v of seen) if (v !== 0) expect(v >= 5 && v <= n - 1).toBe(true);
      expect(seen.size).toBeGreaterThan(3);
    }
  });

  it("counts deterministically and clears Cause.TI on a Compare write", () => {
    const { kvm, r } = boot([
      e.mfc0({ rt: T0, c0rd: 9, sel: 0 }),
      ...Array(99).fill(nop),
      e.mfc0({ rt: T1, c0rd: 9, sel: 0 }),
      e.addiu({ rs: T1, rt: T2, simm: 20 }),
      e.mtc0({ rt: T2, c0rd: 11, sel: 0 }), // Compare = Count + 20
      ...Array(100).fill(nop),
      e.mtc0({ rt: T2, c0rd: 11, sel: 0 }), // ack
    ]);
    kvm.run(100);
    kvm.run(101);
    expect(r[T1] - r[T0]).toBe(50); // Count runs at half the instruction rate
    kvm.run(203);
    expect(kvm.cp0[CP0.CAUSE] & 0x40008000).toBe(0x40008000); // TI and IP7
    kvm.run(204);
    expect(kvm.cp0[CP0.CAUSE] & 0x40008000).toBe(0);
  });
});

describe("MIPS kvm: shadow TLB", () => {
  const mapProgram = (pfn: number, asid: number) => [
    ...li(T0, 0x00400000 | asid),
    e.mtc0({ rt: T0, c0rd: 10, sel: 0 }), // EntryHi
    ...li(T0, (pfn << 6) | 0x16),
    e.mtc0({ rt: T0, c0rd: 2, sel: 0 }), // EntryLo0: V, D, C=2
    e.mtc0({ rt: 0, c0rd: 3, sel: 0 }), // EntryLo1: invalid
    e.mtc0({ rt: 0, c0rd: 0, sel: 0 }), // Index 0
    e.tlbwi(),
  ]; // 9 instructions

  it("drops a shadow mapping when tlbwi replaces the guest entry it came from", () => {
    // lw t1, 0(t2) with t2 = 0x00400000, before and after remapping entry 0.
    const prog = [
      ...mapProgram(0x200, 1),
      ...li(T2, 0x00400000),
      e.lw({ rs: T2, rt: T1, simm: 0 }),
      ...mapProgram(0x300, 1),
      e.lw({ rs: T2, rt: T1, simm: 0 }),
    ];
    const b = boot(prog);
    b.vmm.memory.slotAt(0x200000)!.store32(0x200000, 0xaaaa);
    b.vmm.memory.slotAt(0x300000)!.store32(0x300000, 0xbbbb);
    b.kvm.run(12);
    expect(b.r[T1]).toBe(0xaaaa);
    b.kvm.run(22);
    expect(b.r[T1]).toBe(0xbbbb);
  });

  it("drops mappings on an ASID change: the other ASID's access takes a TLB refill", () => {
    const prog = [
      ...mapProgram(0x200, 1),
      ...li(T2, 0x00400000),
      e.lw({ rs: T2, rt: T1, simm: 0 }), // 11: hits (ASID 1)
      e.addiu({ rs: 0, rt: T0, simm: 2 }),
      e.mtc0({ rt: T0, c0rd: 10, sel: 0 }), // ASID 2
      e.lw({ rs: T2, rt: T1, simm: 0 }), // 14: refill
    ];
    const b = boot(prog);
    b.vmm.memory.slotAt(0x200000)!.store32(0x200000, 0xaaaa);
    b.kvm.run(12);
    expect(b.r[T1]).toBe(0xaaaa);
    b.kvm.run(15); // the lw faults; one instruction (a nop) runs at the vector
    expect(b.kvm.machine.pc >>> 0).toBe(0x80000004); // refill vector +0: EXL was clear
    expect((b.kvm.cp0[CP0.CAUSE] >>> 2) & 0x1f).toBe(2); // TLBL
    expect(b.kvm.cp0[CP0.BADVADDR] >>> 0).toBe(0x00400000);
    expect(b.kvm.cp0[CP0.ENTRYHI] >>> 0).toBe(0x00400002);
    expect(b.kvm.cp0[CP0.EPC] >>> 0).toBe(BASE + 14 * 4);
    expect(b.kvm.stats.count("tlbmiss_ld")).toBe(1);
  });
});

describe("MIPS kvm: device interrupts", () => {
  it("takes ttyS0's THRE interrupt on IP2 once IM2 and IE allow it", () => {
    const b = boot([
      ...li(T0, 0xb80003f8), // 0, 4: ttyS0 through KSEG1
      e.addiu({ rs: 0, rt: T1, simm: 2 }), // 8: IER.ETBEI
      e.sb({ rs: T0, rt: T1, simm: 1 }), // c: THR is empty → the line rises at once
      e.addiu({ rs: 0, rt: T1, simm: 0x401 }), // 10: IM2 | IE
      e.mtc0({ rt: T1, c0rd: 12, sel: 0 }), // 14: Status
      nop, // 18: not reached before the interrupt
    ]);
    b.kvm.run(4);
    expect(b.kvm.cp0[CP0.CAUSE] & 0x400).toBe(0x400); // IP2 pending, masked
    expect(b.kvm.machine.pc >>> 0).toBe(BASE + 0x10);
    b.kvm.run(7); // the mtc0, then the interrupt, then one instruction (a nop) at the vector
    expect((b.kvm.cp0[CP0.CAUSE] >>> 2) & 0x1f).toBe(0); // Int
    expect(b.kvm.cp0[CP0.EPC] >>> 0).toBe(BASE + 0x18);
    expect(b.kvm.machine.pc >>> 0).toBe(0x80000184);
    expect(b.kvm.stats.count("interrupt")).toBe(1);
    expect(b.kvm.stats.count("mmio")).toBe(1);
  });

  it("takes ttyS0's interrupt through a Linux-initialised i8259 and reads the vector from GT IACK", () => {
    const T3 = 11,
      T4 = 12,
      T5 = 13;
    const sbImm = (base: number, v: number, off: number) => [
      e.addiu({ rs: 0, rt: T1, simm: v }),
      e.sb({ rs: base, rt: T1, simm: off }),
    ];
    const b = boot([
      ...li(T0, 0xb8000020), // master i8259 at ISA port 0x20
      ...sbImm(T0, 0x11, 0), // ICW1: edge, cascade, ICW4
      ...sbImm(T0, 0x20, 1), // ICW2: vectors from 0x20
      ...sbImm(T0, 0x04, 1), // ICW3: slave on IR2
      ...sbImm(T0, 0x01, 1), // ICW4: 8086 mode
      ...sbImm(T0, 0xef, 1), // OCW1: only IRQ 4 (ttyS0) unmasked
      ...li(T0, 0xb80003f8),
      ...sbImm(T0, 0x02, 1), // IER.ETBEI: THR empty raises IRQ 4
      e.addiu({ rs: 0, rt: T1, simm: 0x401 }), // IM2 | IE
      e.mtc0({ rt: T1, c0rd: 12, sel: 0 }),
      e.beq({ rs: 0, rt: 0, off: -4 }), // wait here for the interrupt
      nop,
    ]);
    const handler = [
      ...li(T2, 0xbbe00c34),
      e.lw({ rs: T2, rt: T3, simm: 0 }), // PCI_0 IACK: the INTA cycle
      e.sb({ rs: T0, rt: 0, simm: 1 }), // IER = 0: ttyS0 quiet
      ...li(T4, 0xb8000020),
      e.addiu({ rs: 0, rt: T5, simm: 0x20 }),
      e.sb({ rs: T4, rt: T5, simm: 0 }), // non-specific EOI
      e.beq({ rs: 0, rt: 0, off: -4 }),
      nop,
    ];
    const bytes = new Uint8Array(handler.length * 4);
    handler.forEach((w, i) => new DataView(bytes.buffer).setUint32(i * 4, w >>> 0, true));
    b.vmm.memory.writeBytes(0x180, bytes);
    b.kvm.run(200);
    expect(b.kvm.stats.count("interrupt")).toBe(1);
    expect(b.r[T3] & 0xff).toBe(0x24); // vector base 0x20 + IRQ 4
    expect(b.vmm.pic.level).toBe(false);
    expect(b.kvm.cp0[CP0.CAUSE] & 0x400).toBe(0);
    b.vmm.bus.write(0x18000020, 1, 0x0b); // OCW3: read ISR
    expect(b.vmm.bus.read(0x18000020, 1)).toBe(0); // the EOI cleared IR4 in service
  });
});
