// Exit counters under KVM's names, the ring of last exits, and how a run's end is reported.
import { describe, expect, it } from "vitest";
import { ExitStats, MIPS_EXITS, PPC440_EXITS } from "../../runtime/core/stats.ts";
import {
  describeRunResult,
  exitCode,
  StopLatch,
  type RunResult,
} from "../../runtime/core/run-result.ts";

describe("exit reasons", () => {
  it("uses KVM/MIPS's debugfs names in KVM's order (arch/mips/kvm/mips.c), plus mmio", () => {
    expect(MIPS_EXITS.reasons.map((r) => r.name)).toEqual([
      "wait",
      "cache",
      "signal",
      "interrupt",
      "cop_unusable",
      "tlbmod",
      "tlbmiss_ld",
      "tlbmiss_st",
      "addrerr_st",
      "addrerr_ld",
      "syscall",
      "resvd_inst",
      "break_inst",
      "trap_inst",
      "msa_fpe",
      "fpe",
      "msa_disabled",
      "flush_dcache",
      "halt_wakeup",
      "mmio",
    ]);
  });

  it("uses KVM/440's debugfs names (arch/powerpc/kvm/booke.c)", () => {
    expect(PPC440_EXITS.reasons.map((r) => r.name)).toEqual([
      "mmio",
      "dcr",
      "sig",
      "itlb_r",
      "itlb_v",
      "dtlb_r",
      "dtlb_v",
      "sysc",
      "isi",
      "dsi",
      "inst_emu",
      "dec",
      "ext_intr",
      "halt_wakeup",
    ]);
  });

  it("gives each name a numeric id for the hot path", () => {
    expect(MIPS_EXITS.reasons[MIPS_EXITS.id.tlbmiss_ld].name).toBe("tlbmiss_ld");
    expect(PPC440_EXITS.reasons[PPC440_EXITS.id.dcr].label).toBe("DCR");
  });
});

describe("ExitStats", () => {
  it("counts exits by reason and in total, and prints every counter as debugfs would list them", () => {
    const s = new ExitStats(MIPS_EXITS);
    s.exit(MIPS_EXITS.id.mmio, 0x80100000, 0x180003f8, 1, 1);
    s.exit(MIPS_EXITS.id.mmio, 0x80100004, 0x180003fd, 1, 0);
    s.exit(MIPS_EXITS.id.syscall, 0x80100100);
    expect(s.count("mmio")).toBe(2);
    expect(s.count("syscall")).toBe(1);
    expect(s.total).toBe(3);
    const lines = s.format().split("\n");
    expect(lines).toHaveLength(MIPS_EXITS.reasons.length + 1);
    expect(lines[0]).toBe("wait         0");
    expect(lines).toContain("mmio         2");
    expect(lines.at(-1)).toBe("exits        3");
    expect(() => s.count("nonsense")).toThrow(/no exit reason "nonsense" for mips/);
  });

  it("keeps the last N exits, oldest first, with their details named", () => {
    const s = new ExitStats(MIPS_EXITS, 3);
    for (let i = 0; i < 5; i++) s.exit(MIPS_EXITS.id.tlbmiss_ld, 0x80100000 + 4 * i, 0x400000 + i);
    const last = s.last();
    expect(last.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(last[0]).toEqual({ seq: 3, reason: "tlbmiss_ld", pc: 0x80100008, detail: [0x400002] });
    expect(s.formatLast()).toEqual([
      "#3 tlbmiss_ld pc=0x80100008 badvaddr=0x00400002",
      "#4 tlbmiss_ld pc=0x8010000c badvaddr=0x00400003",
      "#5 tlbmiss_ld pc=0x80100010 badvaddr=0x00400004",
    ]);
  });

  it("shows physical addresses above 4 GiB (the 440's ERPN) in full", () => {
    const s = new ExitStats(PPC440_EXITS);
    s.exit(PPC440_EXITS.id.mmio, 0xc0001000, 0x1_ef600300, 1, 1);
    expect(s.formatLast()).toEqual([
      "#1 mmio pc=0xc0001000 phys=0x1ef600300 width=0x00000001 write=0x00000001",
    ]);
  });

  it("resets the counters", () => {
    const s = new ExitStats(PPC440_EXITS);
    s.exit(PPC440_EXITS.id.dec, 0);
    s.reset();
    expect(s.total).toBe(0);
    expect(s.count("dec")).toBe(0);
  });
});

describe("run results", () => {
  const exits = [{ seq: 7, reason: "addrerr_ld", pc: 0x80100010, detail: [0xdeadbeef] }];

  it("exits with the guest's status when it stopped itself, 1 on a fatal error, 2 on an exhausted budget", () => {
    const stopped: RunResult = {
      kind: "stopped",
      cause: "reset",
      status: 0,
      source: "malta-fpga SOFTRES",
      pc: 0x80100020,
      instructions: 1234,
    };
    expect(exitCode(stopped)).toBe(0);
    expect(exitCode({ kind: "fatal", message: "x", pc: 0, instructions: 0, lastExits: [] })).toBe(
      1,
    );
    expect(exitCode({ kind: "budget", pc: 0, instructions: 10, lastExits: [] })).toBe(2);
    expect(describeRunResult(stopped)).toBe(
      "guest requested reset (malta-fpga SOFTRES), status 0, after 1234 instructions",
    );
  });

  it("reports a fatal guest error with the guest PC and the last exits", () => {
    const r: RunResult = {
      kind: "fatal",
      message: "instruction fetch from unmapped 0xdeadbeef",
      pc: 0xdeadbeef,
      instructions: 99,
      lastExits: exits,
    };
    expect(describeRunResult(r).split("\n")).toEqual([
      "fatal guest error at pc 0xdeadbeef after 99 instructions: instruction fetch from unmapped 0xdeadbeef",
      "last 1 exit (oldest first):",
      "  #7 addrerr_ld pc=0x80100010 0xdeadbeef",
    ]);
    const s = new ExitStats(MIPS_EXITS);
    expect(describeRunResult(r, (e) => s.formatRecord(e)).split("\n")[2]).toBe(
      "  #7 addrerr_ld pc=0x80100010 badvaddr=0xdeadbeef",
    );
  });

  it("reports an exhausted budget with where the guest was", () => {
    expect(
      describeRunResult({
        kind: "budget",
        pc: 0x80100040,
        instructions: 1000000,
        lastExits: [],
      }).split("\n"),
    ).toEqual([
      "instruction budget exhausted: 1000000 instructions executed, guest pc 0x80100040",
      "no exits before this point",
    ]);
  });

  it("keeps the first stop request", () => {
    const latch = new StopLatch();
    expect(latch.requested).toBeNull();
    latch.request({ cause: "reset", status: 0, source: "a" });
    latch.request({ cause: "poweroff", status: 3, source: "b" });
    expect(latch.requested).toEqual({ cause: "reset", status: 0, source: "a" });
    latch.clear();
    expect(latch.requested).toBeNull();
  });
});
