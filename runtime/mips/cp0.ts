// The guest's CP0 register file as the hypervisor keeps it (KVM's struct mips_coproc and
// kvm_mips_emulate_CP0's register accesses): what reads compute (Random, Count, LLAddr), and per
// register the read-only bits and write masks of mtc0, with their side effects (timer, shadow
// flushes on an ASID change, mode changes on Status). Registers are numbered register*8+select,
// as the generated CP0 constants.
import { CP0 } from "../../generated/mips32r2/index.ts";
import type { MipsKvm } from "./kvm.ts";
import { Emu } from "./emulate.ts";
import { flushMapped, statusChanged, translateQuiet } from "./mmu.ts";
import { updateCauseIp } from "./interrupts.ts";
import { readCount, recomputeTimer, writeCount } from "./timer.ts";

/** A CP0 register as the generated CP0 constants number it: register*8+select. */
export const cp0 = (reg: number, sel: number) => reg * 8 + sel;

/**
 * The CP0 registers the tables leave unnamed (objdump prints them as $reg,sel, so naming them
 * would change the disassembly), numbered as CP0's constants.
 */
export const CP0_UNNAMED = {
  USERLOCAL: cp0(4, 2),
  CONFIG7: cp0(16, 7),
} as const;
export const { USERLOCAL, CONFIG7 } = CP0_UNNAMED;

/** rdhwr's UserLocal register (objdump prints it as $29, so the tables leave it unnamed). */
export const HWR_ULR = 29;

// Status bits
export const ST_IE = 1,
  ST_EXL = 2,
  ST_ERL = 4,
  ST_KSU = 0x18,
  ST_BEV = 0x00400000,
  ST_CU0 = 0x10000000,
  ST_CU1 = 0x20000000,
  ST_FR = 0x04000000;
// Cause bits
export const CA_BD = 0x80000000 | 0,
  CA_TI = 0x40000000,
  CA_CE = 0x30000000,
  CA_DC = 0x08000000,
  CA_IV = 0x00800000;

/** Exception codes. */
export const ExcCode = {
  Int: 0,
  Mod: 1,
  TLBL: 2,
  TLBS: 3,
  AdEL: 4,
  AdES: 5,
  Sys: 8,
  Bp: 9,
  RI: 10,
  CpU: 11,
  Ov: 12,
  Tr: 13,
  FPE: 15,
} as const;

/** 24Kc (as KVM and QEMU's malta CPU report it). */
export const PRID_24KC = 0x00019300;

// ------------------------------------------------------------------ CP0

export function readC0(k: MipsKvm, reg: number): number {
  const c = k.cp0;
  switch (reg) {
    case CP0.RANDOM: {
      const wired = c[CP0.WIRED];
      const n = k.tlb.size;
      if (wired >= n) return n - 1;
      return wired + (k.cycles() % (n - wired));
    }
    case CP0.COUNT:
      return readCount(k);
    case CP0.LLADDR: {
      const pa = translateQuiet(k, k.machine.llva);
      return pa === null ? 0 : (pa >>> 4) | 0;
    }
    case CP0.ERRCTL:
      return 0;
    default:
      return c[reg];
  }
}

export function writeC0(k: MipsKvm, reg: number, v: number): number {
  const c = k.cp0;
  switch (reg) {
    case CP0.INDEX:
      c[reg] = (c[reg] & 0x80000000) | (v & k.idxMask);
      return Emu.Done;
    case CP0.ENTRYLO0:
    case CP0.ENTRYLO1:
      c[reg] = v & 0x03ffffff;
      return Emu.Done;
    case CP0.CONTEXT:
      c[reg] = (c[reg] & 0x007ffff0) | (v & 0xff800000);
      return Emu.Done;
    case CP0.PAGEMASK: {
      const mk = (v >>> 13) & 0xffff;
      // Valid masks: 0, 3, 0xf, ... 0xffff (4 KiB to 256 MiB).
      c[reg] = (mk & (mk + 1)) === 0 && (31 - Math.clz32(mk + 1)) % 2 === 0 ? v & 0x1fffe000 : 0;
      return Emu.Done;
    }
    case CP0.WIRED:
      c[reg] = v & k.idxMask;
      return Emu.Done;
    case CP0.HWRENA:
      c[reg] = v & 0x2000000f;
      return Emu.Done;
    case CP0.COUNT:
      writeCount(k, v);
      return Emu.Done;
    case CP0.ENTRYHI: {
      const old = c[reg];
      c[reg] = v & 0xffffe0ff;
      if ((old ^ c[reg]) & 0xff) flushMapped(k);
      return Emu.Done;
    }
    case CP0.COMPARE:
      c[reg] = v;
      c[CP0.CAUSE] &= ~CA_TI;
      updateCauseIp(k);
      recomputeTimer(k);
      return Emu.Done;
    case CP0.STATUS: {
      const old = c[reg];
      // Writable: CU1, CU0, FR (the 24Kf's FPU is 64-bit capable), BEV, SR, NMI (write 0),
      // IM, KSU, ERL, EXL, IE.
      c[reg] = (old & ~0x3458ff1f) | (v & 0x3458ff1f);
      statusChanged(k, old);
      return Emu.Done;
    }
    case CP0.INTCTL:
      c[reg] = (c[reg] & ~0x3e0) | (v & 0x3e0);
      return Emu.Done;
    case CP0.CAUSE: {
      const old = c[reg];
      const now = (old & ~0x08800300) | (v & 0x08800300);
      if ((old ^ now) & CA_DC) {
        if (now & CA_DC) {
          k.countFrozen = readCount(k);
          c[reg] = now;
        } else {
          c[reg] = now;
          k.countBias = (k.countFrozen - Math.floor(k.cycles() / 2)) | 0;
        }
        recomputeTimer(k);
      } else c[reg] = now;
      updateCauseIp(k);
      return Emu.Done;
    }
    case CP0.EBASE:
      c[reg] = (c[reg] & ~0x3ffff000) | (v & 0x3ffff000);
      return Emu.Done;
    case CP0.CONFIG:
      c[reg] = (c[reg] & ~7) | (v & 7);
      return Emu.Done;
    case CP0.RANDOM:
    case CP0.BADVADDR:
    case CP0.PRID:
    case CP0.SRSCTL:
    case CP0.SRSMAP:
    case CP0.CONFIG1:
    case CP0.CONFIG2:
    case CP0.CONFIG3:
    case CONFIG7:
      return Emu.Done; // read-only
    case CP0.LLADDR:
      return Emu.Done;
    case CP0.EPC:
    case CP0.ERROREPC:
    case USERLOCAL:
    case CP0.WATCHLO:
    case CP0.WATCHHI:
    case CP0.ERRCTL:
    case CP0.DESAVE:
      c[reg] = v;
      return Emu.Done;
    default:
      // Registers the model does not have: reads give the value written (as KVM's cop0 file).
      c[reg] = v;
      return Emu.Done;
  }
}
