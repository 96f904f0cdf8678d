// The 440 core on hand-assembled words (generated encode): the MAC family against the PPC440x5
// User's Manual where QEMU 7.2 is wrong (qemu-deviations.md PowerPC 6, so no QEMU capture can
// check these), kvm's SPR hooks and their "unknown SPR" report, and DBCR0[RST].
import { describe, expect, it } from "vitest";
import { encode, INFO, SPR } from "../../../generated/ppc440/index.ts";
import { BambooVmm, qemuBootState } from "../../../runtime/boards/bamboo/index.ts";
import { Ppc440Kvm } from "../../../runtime/ppc/kvm.ts";
import {
  DISPATCH_INLINED,
  HOT_ENTRIES,
  Ppc440Machine,
  SECOND_TIER,
  SHADOW_ENTRIES,
} from "../../../runtime/ppc/machine.ts";
import { emulateMtspr } from "../../../runtime/ppc/spr.ts";

const BASE = 0x00100000;
const STOP = 0x48000000; // b . : each program ends spinning here until the budget runs out

/** Runs `words` from BASE with the given registers, then spins on `b .` until the budget. */
export function runWords(
  words: number[],
  regs: Record<number, number> = {},
  xer = 0,
  setup?: (kvm: Ppc440Kvm) => void,
  budget = 1000,
) {
  const vmm = new BambooVmm({ ramBytes: 16 << 20 });
  const bytes = new Uint8Array(4 * (words.length + 1));
  const dv = new DataView(bytes.buffer);
  [...words, STOP].forEach((w, i) => dv.setUint32(4 * i, w >>> 0));
  vmm.memory.writeBytes(BASE, bytes);
  const kvm = new Ppc440Kvm(vmm);
  qemuBootState(kvm, BASE);
  for (const [r, v] of Object.entries(regs)) kvm.machine.gpr[Number(r)] = v;
  kvm.machine.xer = xer;
  setup?.(kvm);
  const result = kvm.run(budget);
  return { kvm, m: kvm.machine, result };
}

const u = (v: number) => v >>> 0;

describe("440 vCPU dispatch", () => {
  it("runs first its hottest entries' calls in a switch, then a table of one small function per id (core/tiers.ts)", () => {
    const text = Ppc440Machine.prototype.run.toString();
    expect(text).toMatch(/default: x = firstTier\[id\]\(this, w\);/);
    const cases = [...text.matchAll(/case (\d+): x = h\.(\w+)\(/g)];
    expect(new Set(cases.map((c) => INFO[Number(c[1])].entry))).toEqual(HOT_ENTRIES);
    for (const [, , method] of cases) expect(HOT_ENTRIES.has(method)).toBe(true);
    expect(DISPATCH_INLINED).toBe(true);
  });
  // Installed here, so the rest of this file runs on the second tier.
  it("has as its second tier the generated dispatch switch compiled into its loop", () => {
    expect(SECOND_TIER.install()).toBe(true);
    const run = Ppc440Machine.prototype.run.toString();
    expect(run).not.toMatch(/firstTier\[id\]/);
    expect(run).toMatch(/case \d+: x = h\.addi\(/);
  });
});

describe("440 multiply-accumulate (PPC440x5 User's Manual)", () => {
  it("macchw (modulo, no OE) writes RT: RT + RA[16:31] x RB[0:15], signed", () => {
    const { m } = runWords([encode.macchw({ rt: 3, ra: 4, rb: 5 })], {
      3: 100,
      4: 0xfffe,
      5: 0x00030000,
    });
    expect(m.gpr[3]).toBe(94); // QEMU 7.2 leaves RT unchanged
  });
  it("macchws saturates a positive overflow at 0x7fffffff and sets OV/SO with OE", () => {
    const { m } = runWords([encode.macchwso({ rt: 3, ra: 4, rb: 5 })], {
      3: 0x7fffffff,
      4: 0x0001,
      5: 0x3fff0000,
    });
    expect(u(m.gpr[3])).toBe(0x7fffffff); // QEMU 7.2 wraps
    expect(u(m.xer & 0xc0000000)).toBe(0xc0000000);
  });
  it("macchws does not flag a sum that fits, even when RT and the product differ in sign", () => {
    const { m } = runWords([encode.macchwso({ rt: 3, ra: 4, rb: 5 })], {
      3: -10,
      4: 0x0002,
      5: 0x00030000,
    });
    expect(m.gpr[3]).toBe(-4);
    expect(u(m.xer & 0xc0000000)).toBe(0); // QEMU 7.2 flags overflow here
  });
  it("nmacchws saturates a negative overflow at 0x80000000", () => {
    const { m } = runWords([encode.nmacchws({ rt: 3, ra: 4, rb: 5 })], {
      3: -0x80000000,
      4: 0x0001,
      5: 0x00010000,
    });
    expect(u(m.gpr[3])).toBe(0x80000000);
  });
  it("machhwu (modulo unsigned) wraps; record form sets CR0 from the result", () => {
    const { m } = runWords([encode.machhwu_({ rt: 3, ra: 4, rb: 5 })], {
      3: -1,
      4: 0x00020000,
      5: 0x00030000,
    });
    expect(m.gpr[3]).toBe(5);
    expect(u(m.cr) >>> 28).toBe(4);
  });
  it("maclhwsu saturates at 0xffffffff", () => {
    const { m } = runWords([encode.maclhwsu({ rt: 3, ra: 4, rb: 5 })], { 3: -2, 4: 2, 5: 3 });
    expect(u(m.gpr[3])).toBe(0xffffffff);
  });
  it("mulhw / mulhwu give the high words of the 64-bit products", () => {
    for (const [a, b] of [
      [0x80000000, 0x7fffffff],
      [0xffffffff, 0xffffffff],
      [0x12345678, 0x9abcdef0],
      [3, -5],
    ]) {
      const { m } = runWords(
        [encode.mulhw({ rt: 3, ra: 4, rb: 5 }), encode.mulhwu({ rt: 6, ra: 4, rb: 5 })],
        { 4: a | 0, 5: b | 0 },
      );
      const s = (BigInt(a | 0) * BigInt(b | 0)) >> 32n;
      const uu = (BigInt(a >>> 0) * BigInt(b >>> 0)) >> 32n;
      expect(m.gpr[3]).toBe(Number(BigInt.asIntN(32, s)));
      expect(u(m.gpr[6])).toBe(Number(BigInt.asUintN(32, uu)));
    }
  });
});

describe("cache management instructions (PPC440x5 manual: icbi, dcbf, dcbst are loads for translation)", () => {
  // The oracle found icbi doing nothing at an EA no TLB entry maps, where QEMU raises a Data TLB
  // Error (its DEAR is the cache line's address: qemu-deviations.md PowerPC 16).
  const IVOR_DTLB = 13;
  const UNMAPPED = 0x56e6b2f0; // beyond qemuBootState's 256 MB entry
  for (const [name, word] of [
    ["icbi", encode.icbi({ ra0: 4, rb: 5 })],
    ["dcbf", encode.dcbf({ l2: 0, ra0: 4, rb: 5 })],
    ["dcbst", encode.dcbst({ ra0: 4, rb: 5 })],
  ] as const) {
    it(`${name} of an unmapped EA raises a Data TLB Error with DEAR = EA, ESR[ST] = 0`, () => {
      const { kvm } = runWords([word], { 4: 0x50000000, 5: UNMAPPED - 0x50000000 }, 0, (k) => {
        k.ivor[IVOR_DTLB] = 0x700;
        k.ivpr = 0;
        k.machine.view.setUint32(0x700, STOP); // the handler spins
      });
      expect(u(kvm.machine.pc)).toBe(0x700);
      expect(u(kvm.srr0)).toBe(BASE);
      expect(u(kvm.dear)).toBe(UNMAPPED);
      expect(kvm.esr).toBe(0);
    });
    it(`${name} of a mapped EA does nothing`, () => {
      const { kvm, m } = runWords([word, encode.addi({ rt: 6, ra: 0, si: 1 })], {
        4: 0x7000,
        5: 0x10,
      });
      expect(m.gpr[6]).toBe(1);
      expect(kvm.srr0).toBe(0);
    });
  }
  it("dcbt / dcbtst / icbt of an unmapped EA do nothing", () => {
    const { m } = runWords(
      [
        encode.dcbt({ ra0: 4, rb: 5 }),
        encode.dcbtst({ ra0: 4, rb: 5 }),
        encode.icbt({ ct: 0, ra0: 4, rb: 5 }),
        encode.addi({ rt: 6, ra: 0, si: 1 }),
      ],
      { 4: 0x50000000, 5: UNMAPPED - 0x50000000 },
    );
    expect(m.gpr[6]).toBe(1);
  });
});

describe("kvm SPR hooks", () => {
  it("TSR is write-1-to-clear, SPRG4-7 written in supervisor state are readable by user state", () => {
    const { kvm, m } = runWords(
      [
        encode.mtspr({ rt: 4, spr: SPR.TSR }),
        encode.mtspr({ rt: 5, spr: SPR.SPRG4_W }),
        encode.mfspr({ rt: 6, spr: SPR.SPRG4_R }),
      ],
      { 4: 0x08000000, 5: 0x1234 },
    );
    kvm.timer.tsr = 0;
    expect(m.gpr[6]).toBe(0x1234);
  });
  it("clears only the written TSR bits", () => {
    const vmm = new BambooVmm({ ramBytes: 16 << 20 });
    const kvm = new Ppc440Kvm(vmm);
    kvm.timer.tsr = 0x0c000000;
    emulateMtspr(kvm, SPR.TSR, 0x08000000);
    expect(kvm.timer.tsr).toBe(0x04000000);
  });
  it("an unknown SPR ends the run with 'unknown SPR n'", () => {
    const { result } = runWords([encode.mfspr({ rt: 3, spr: 1000 })]);
    expect(result.kind).toBe("fatal");
    if (result.kind === "fatal") expect(result.message).toMatch(/^unknown SPR 1000 /);
  });
  it("DBCR0[RST]=0b11 stops the machine like QEMU -no-reboot", () => {
    const { result } = runWords([encode.mtspr({ rt: 4, spr: 308 })], { 4: 0x30000000 });
    expect(result.kind).toBe("stopped");
    if (result.kind === "stopped") expect(result.status).toBe(0);
  });
  it("PVR reads the 440EP value QEMU's bamboo reports", () => {
    const { m } = runWords([encode.mfspr({ rt: 3, spr: 287 })]);
    expect(u(m.gpr[3])).toBe(0x422218d3);
  });
});

describe("external interrupts through UIC0", () => {
  it("UART0's THR-empty interrupt reaches the guest as IVOR4 once UIC0_ER and MSR[EE] allow it", () => {
    const { kvm, vmm } = (() => {
      let v!: BambooVmm;
      const r = runWords(
        [
          encode.stb({ rt: 4, ra0: 5, d: 1 }), // UART IER = THRE
          encode.mtdcr({ rs: 6, dcrn: 0xc2 }), // UIC0_ER = irq 0
          encode.mfdcr({ rt: 7, dcrn: 0xc6 }), // UIC0_MSR
          encode.wrteei({ e: 1 }),
          encode.addi({ rt: 8, ra: 0, si: 1 }), // not reached before the interrupt
        ],
        { 4: 2, 5: 0xef600300 | 0, 6: 0x80000000 | 0 },
        0,
        (kvm) => {
          v = kvm.vmm;
          kvm.guestTlb.set(63, (0xef600000 | 0x200 | 0x10) >>> 0, 0xef600000 | 0, 0x503, 0);
          kvm.ivpr = 0x00200000;
          kvm.ivor[4] = 0x40;
          kvm.vmm.memory.writeBytes(0x00200040, new Uint8Array([0x48, 0, 0, 0])); // b .
        },
      );
      return { ...r, vmm: v };
    })();
    expect(u(kvm.machine.gpr[7])).toBe(0x80000000);
    expect(kvm.stats.count("ext_intr")).toBeGreaterThan(0);
    expect(u(kvm.srr0)).toBe(BASE + 16); // the addi after wrteei 1
    expect(kvm.machine.gpr[8]).toBe(0);
    expect(u(kvm.machine.pc)).toBe(0x00200040);
    expect(kvm.msr & 0x8000).toBe(0); // EE cleared on delivery
    expect(vmm.uic.sr >>> 31).toBe(1);
  });
});

describe("shadow TLB", () => {
  it(`replaces its ${SHADOW_ENTRIES} entries round-robin and stays correct when a guest touches more pages`, () => {
    // r5 walks N pages from 4 MB, r3 sums the first word of each (page n holds n + 1).
    const N = SHADOW_ENTRIES + 36;
    const words = [
      encode.lwzx({ rt: 6, ra0: 0, rb: 5 }),
      encode.add({ rt: 3, ra: 3, rb: 6 }),
      encode.addi({ rt: 5, ra: 5, si: 4096 }),
      encode.bc({ bo: 16, bi: 0, bd: -12 }), // bdnz
    ];
    const { kvm, m } = runWords(
      words,
      { 3: 0, 5: 0x00400000 },
      0,
      (kvm) => {
        kvm.machine.ctr = N;
        for (let n = 0; n < N; n++)
          kvm.vmm.memory.writeBytes(
            0x00400000 + n * 4096,
            new Uint8Array([0, 0, (n + 1) >>> 8, (n + 1) & 0xff]),
          );
      },
      4 * N + 100,
    );
    expect(m.gpr[3]).toBe((N * (N + 1)) / 2);
    expect(m.shadowFills).toBeGreaterThanOrEqual(N + 1);
    expect(m.shadowEvictions).toBeGreaterThan(30);
    expect(kvm.stats.count("dtlb_r")).toBe(N);
  });
});

describe("a guest spinning on `b .`", () => {
  it("ends the run as stalled when no interrupt can reach it (Linux's machine_hang)", () => {
    const { result } = runWords([encode.wrteei({ e: 0 })], {}, 0, undefined, 1_000_000);
    expect(result).toMatchObject({ kind: "stalled", pc: BASE + 4 });
    expect(result.kind === "stalled" && result.message).toBe(
      `the guest spins at 0x${(BASE + 4).toString(16).padStart(8, "0")} (b .) where no interrupt can reach it`,
    );
    expect(result.instructions).toBe(1);
  });
  it("with the decrementer armed, skips to its expiry and takes the interrupt", () => {
    const { kvm, result } = runWords(
      [
        encode.mtspr({ rt: 3, spr: 22 }), // DEC = 100000
        encode.mtspr({ rt: 4, spr: 340 }), // TCR[DIE]
        encode.wrteei({ e: 1 }),
      ],
      { 3: 100000, 4: 0x04000000 },
      0,
      (kvm) => {
        kvm.ivpr = 0x00200000;
        kvm.ivor[10] = 0xa0;
        kvm.vmm.memory.writeBytes(0x002000a0, new Uint8Array([0x48, 0, 0, 0])); // b . (EE now 0)
      },
      1_000_000,
    );
    expect(u(kvm.srr0)).toBe(BASE + 12); // the `b .` after wrteei 1
    expect(kvm.stats.count("dec")).toBe(1);
    expect(result).toMatchObject({ kind: "stalled", pc: 0x002000a0 });
    expect(result.instructions).toBeGreaterThanOrEqual(100000);
    expect(result.instructions).toBeLessThan(100010);
  });
});
