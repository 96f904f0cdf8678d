// The machine against the generated tables: every privileged instruction leaves as a
// coprocessor-unusable exit (cop 0) for the hypervisor; every other user-level instruction of
// mips32r2 is executed by the machine itself, except the FPU/COP2 ones (CpU, cop 1/2, while
// Status.CU1 is clear) and the few that are reserved on this core.
import { describe, expect, it } from "vitest";
import { INFO, trapsInUserMode } from "../../../generated/mips32r2/index.ts";
import { DISPATCH_INLINED, Exit, Machine, SECOND_TIER } from "../../../runtime/mips/machine.ts";

const RAM = 64 * 1024;

const m = new Machine(new ArrayBuffer(RAM));
// Identity-map the first 64 KiB at va 0 for reads and writes; code at 0x1000.
for (let p = 0; p < RAM / 4096; p++) m.kernelTable.fill(p, p * 4096, true);

function runOne(w: number): { code: Exit; cop: number } {
  m.predecoded.fill(0);
  m.i32[0x1000 >> 2] = w;
  for (let i = 1; i < 32; i++) m.gpr[i] = 0x2000; // aligned, mapped addresses for loads/stores
  m.jump(0x1000);
  const code = m.run(1);
  return { code, cop: m.exitCop };
}

// Reserved on this core: UDI (no user-defined instructions), jalx (no MIPS16e/microMIPS),
// sdbbp (no EJTAG).
const RESERVED_HERE = new Set(["udi", "jalx", "sdbbp"]);

describe("MIPS machine vs the generated tables", () => {
  it("runs a table of one small function per id first (core/tiers.ts)", () => {
    expect(Machine.prototype.run.toString()).toMatch(/firstTier\[id\]\(this, w\)/);
    expect(DISPATCH_INLINED).toBe(true);
  });

  it("in its second tier, holds the handlers' own text in that loop (core/inline.ts)", () => {
    expect(SECOND_TIER.install()).toBe(true);
    const run = Machine.prototype.run.toString();
    for (const n of [
      "addiu",
      "addu",
      "lw",
      "sw",
      "lbu",
      "sb",
      "xor",
      "srl",
      "sll",
      "andi",
      "beq",
      "bne",
      "mfhi",
      "lwl",
    ])
      expect(run, n).not.toContain(`x = h.${n}(`); // the case of each calls nothing
    // the register file and RAM views are read once per slice
    expect(run).toContain("$gpr[");
    // a handler that returns 0 goes on to the next instruction without storing it
    expect(run).toMatch(/case \d+: L_1:\{let rt_1=[^\n]*\{continue;\}/);
    // a branch sets npc and the delay slot in its own case, its target in a local
    expect(run).toMatch(/\$target=[^\n]*\{npc=\$target;ds=1;continue;\}/);
    expect(run).not.toMatch(/\bh\.target\b/);
    // stores are counted in a local, added to the field when run returns
    expect(run).toContain("$stores++");
    expect(run).not.toContain("h.stores++");
    expect(run).not.toMatch(/\bh\.gpr\b/);
  });

  it("only setUserMode, which the hypervisor calls between slices, changes the shadow table in use", () => {
    // (the compiled run reads it once per slice: HOISTED)
    const p = Machine.prototype as unknown as Record<string, unknown>;
    const writers = Object.getOwnPropertyNames(p).filter(
      (n) =>
        n !== "constructor" &&
        typeof p[n] === "function" &&
        /this\.(rtab|wtab)\s*=[^=]/.test(String(p[n])),
    );
    expect(writers).toEqual(["setUserMode"]);
  });

  const entries = INFO.filter((i) => i.id !== 0);
  it("sends every privileged instruction to the hypervisor as CpU (cop 0)", () => {
    const priv = entries.filter((i) => i.privileged);
    expect(priv.length).toBeGreaterThan(10);
    for (const info of priv) {
      expect(trapsInUserMode(info.match)).toBe(true);
      const r = runOne(info.match);
      expect([info.name, r.code, r.cop]).toEqual([info.name, Exit.CopUnusable, 0]);
    }
  });

  it("executes every other user-level instruction itself (FPU/COP2: CpU with cop 1/2)", () => {
    for (const info of entries.filter((i) => !i.privileged)) {
      const r = runOne(info.match);
      if (info.cop === 1 || info.cop === 2) {
        expect([info.name, r.code, r.cop]).toEqual([info.name, Exit.CopUnusable, info.cop]);
      } else if (RESERVED_HERE.has(info.entry)) {
        expect([info.name, r.code]).toEqual([info.name, Exit.Reserved]);
      } else if (info.entry === "rdhwr") {
        expect(r.code).toBe(Exit.Reserved); // KVM emulates rdhwr from the RI trap
      } else {
        // Completed, or an architectural trap of the instruction itself.
        expect(
          [Exit.Budget, Exit.Syscall, Exit.Break, Exit.Trap, Exit.Overflow],
          info.name,
        ).toContain(r.code);
      }
    }
  });

  it("runs every FPU instruction itself with CU1 set: done, or reserved where the 24Kf lacks it", () => {
    // Reserved: paired single (FIR.PS = 0); with FR = 0 also the .l formats and luxc1/suxc1
    // (QEMU's check_cp1_64bitmode).
    const PS = /ps|_p[ul]$/;
    const LONG = /_l_|_l$|luxc1|suxc1/;
    m.cu1 = true;
    try {
      for (const fr of [false, true]) {
        m.fpu.fr = fr;
        for (const info of entries.filter((i) => i.cop === 1)) {
          const reserved = PS.test(info.name) || (!fr && LONG.test(info.name));
          const r = runOne(info.match);
          expect([info.name, fr, r.code]).toEqual([
            info.name,
            fr,
            reserved ? Exit.Reserved : Exit.Budget,
          ]);
        }
      }
    } finally {
      m.cu1 = false;
      m.fpu.reset();
    }
  });
});
