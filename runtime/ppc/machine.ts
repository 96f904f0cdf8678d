// The PowerPC 440 vCPU as the "hardware" of seeds 002/004: it runs guest code the way a 440
// host ran a KVM guest, with MSR[PR]=1 in address space 1. Every user-level instruction of the
// ppc440 ISA executes here; everything else leaves as an exit for kvm.ts:
//
//   - privileged instructions (role `emulate`, or mfspr/mtspr of an SPR user state may not
//     touch) and illegal ones (no role: INFO.illegalOnCore, e.g. isel) → Exit.Program with the
//     ESR bit a real 440 would set (PPR / PIL), traps (tw, twi) → Exit.Program with ESR[PTR],
//     sc → Exit.Sc;
//   - floating point while the guest's MSR[FP] is 0 → Exit.Fpu (kvm delivers FP Unavailable);
//   - `b .`, a branch to itself → Exit.Spin (kvm fast-forwards to the next interrupt, or stops);
//   - a fetch or data access whose page the hardware TLB does not map → Exit.Itlb / Exit.Dtlb;
//     the same for a permission the shadow entry lacks (kvm re-checks the guest TLB);
//   - MMIO: kvm answers a DTLB exit on a non-RAM guest mapping by re-running the instruction
//     once with `mmioVpn`/`mmioPage` set; that access goes to `onMmio` (KVM's userspace exit).
//
// The hardware TLB holds SHADOW_ENTRIES shadow entries of 4 KB, written directly by kvm (mmu.ts)
// and replaced round-robin (seed 004: "store shadow mappings directly into the hardware TLB,
// accepting that the host kernel will clobber these as part of the normal 440 TLB round robin").
// In front of it sit three flat per-page tables (read, write, execute; 2^20 entries each, host
// RAM offset + 1) which are the per-vCPU translation cache: they change exactly when the
// entries change.
//
// Instruction words are predecoded per RAM word into a Uint16Array (generated decode() id + 1),
// filled on first execution and cleared by every store to that word. The class implements the
// generated roles `VcpuHandlers` (user-level instructions) and `FpuHandlers` (floating point),
// one method per table entry taking its decoded operands. `run` reaches them through a table of
// one small function per id, then, for a guest that runs long, through the generated switch
// compiled into it (core/tiers.ts); ids outside the role go to `notVcpu`, which sorts them by
// their ROLES bits.
//
// The timebase counts one tick per instruction (deterministic; the guests never print it).

import {
  dispatchTable,
  firstTierSource,
  hotFirstTier,
  SecondTier,
  type Entry,
} from "../core/tiers.ts";
import { warmDispatch } from "../core/warm.ts";
import {
  decode,
  execFpu,
  OP_COUNT,
  switchVcpu,
  INFO,
  ROLE_EMULATE,
  ROLE_FPU,
  ROLE_VCPU,
  ROLES,
  SPR as SPR_NAMES,
  type FpuHandlers,
  type VcpuHandlers,
} from "../../generated/ppc440/index.ts";
import { GuestMemory } from "../vmm/memory.ts";
import { fromSingleBits, Ppc440Fpu, toSingleBits, type FpOp } from "./fpu.ts";

/** Why `run` returned. */
export const enum Exit {
  /** The slice ended (instruction limit). */
  None = 0,
  /** Program interrupt: exitEsr (ESR_PIL / ESR_PPR / ESR_PTR), exitWord. */
  Program = 1,
  Sc = 2,
  /** Instruction TLB miss: exitEa = pc. */
  Itlb = 3,
  /** Data TLB miss: exitEa, exitWrite. */
  Dtlb = 4,
  /** A floating-point instruction while MSR[FP] is 0. */
  Fpu = 5,
  /** exitName: an instruction the machine does not implement. */
  Unimpl = 6,
  /** exitEa: lwarx/stwcx. not word aligned. */
  Align = 7,
  /** `b .` at pc, not retired: only an interrupt can leave it. */
  Spin = 8,
}

// A module-local binding of the SPR numbers mfspr/mtspr switch on: a loader that keeps imports
// live through getters (tsx, which runs the tests and benches) would make each case a call.
const SPR = SPR_NAMES;

export const ESR_PIL = 0x08000000;
export const ESR_PPR = 0x04000000;
export const ESR_PTR = 0x02000000;
export const ESR_ST = 0x00800000;

/** Shadow entries. The 440 has 64 and KVM used those; this "hardware" is the host's own, so it
 *  holds more: the Bamboo boot's shadow refills (itlb_r + dtlb_r) go from 163 k at 64 to 19.8 k
 *  at 256 and 7.2 k at 1024, its exits from 289 k to 133 k (boot time about 2% shorter in 8
 *  alternating pairs; 4096 was no better). The guest sees no difference: the shadow is a cache
 *  of its TLB, refilled without it. */
export const SHADOW_ENTRIES = 1024;

const XER_SO = 0x80000000 | 0;
const XER_OV = 0x40000000;
const XER_CA = 0x20000000;

function rotl(v: number, n: number): number {
  return n === 0 ? v | 0 : (v << n) | (v >>> (32 - n));
}

/** IBM-numbered mask with ones from bit mb to bit me (wrapping when mb > me). */
function mask32(mb: number, me: number): number {
  const a = 0xffffffff >>> mb;
  const b = (0xffffffff << (31 - me)) | 0;
  return mb <= me ? a & b : a | b;
}

/** High 32 bits of the unsigned 64-bit product, without BigInt. */
function mulhu(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const al = a & 0xffff,
    ah = a >>> 16,
    bl = b & 0xffff,
    bh = b >>> 16;
  const lo = al * bl,
    m1 = ah * bl,
    m2 = al * bh;
  const carry = ((lo >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16;
  return (ah * bh + Math.floor(m1 / 65536) + Math.floor(m2 / 65536) + carry) | 0;
}

function mulhs(a: number, b: number): number {
  let h = mulhu(a, b);
  if (a < 0) h = (h - b) | 0;
  if (b < 0) h = (h - a) | 0;
  return h;
}

/** The module-level names the handlers' text uses, by the names the compiled text gives them
 *  (a function's own name; a bundler may rename): the translator compiles handler texts into its
 *  blocks (core/inline.ts) and binds these there. A name missing here only keeps the handlers
 *  that use it as calls. */
export const HANDLER_SCOPE: Readonly<Record<string, unknown>> = {
  ...Object.fromEntries([rotl, mask32, mulhu, mulhs].map((f) => [f.name, f])),
  SPR,
  XER_SO,
  XER_OV,
  XER_CA,
};

/** The first tier's table (core/tiers.ts): per id, its handler called with its operands. */
const FIRST_TIER = dispatchTable<Ppc440Machine, void>(switchVcpu, OP_COUNT, "notVcpu");

export class Ppc440Machine implements VcpuHandlers, FpuHandlers {
  readonly gpr = new Int32Array(32);
  cr = 0;
  xer = 0;
  lr = 0;
  ctr = 0;
  pc = 0;
  npc = 0;
  /** SPRG0-7 (user state reads SPRG3-7 through 259-263 here; kvm handles the rest). */
  readonly sprg = new Int32Array(8);
  usprg0 = 0;
  /** The FPU's registers; FP instructions execute only while kvm sets `fpEnabled` (MSR[FP]). */
  readonly fpu = new Ppc440Fpu();
  fpEnabled = false;
  /** Instructions retired; the timebase is icount + tbOffset. */
  icount = 0;
  tbOffset = 0;
  reserveValid = false;
  reserveEa = 0;
  // lmw and string loads complete into these first, so a TLB exit midway changes no register.
  private readonly scratch = new Int32Array(32);
  private readonly scratchBytes = new Uint8Array(128);

  // Exit details.
  exitEsr = 0;
  exitWord = 0;
  exitEa = 0;
  exitWrite = false;
  exitName = "";
  /** Set by a handler that leaves (read by run and by the block translator, translate.ts). */
  exitCode: Exit = Exit.None;

  // RAM (one slot at guest-physical 0) and the predecode cache.
  private readonly ram: Uint8Array;
  readonly view: DataView;
  readonly ramBytes: number;
  private readonly pre: Uint16Array;
  /** Per 4 KB page of RAM: nonzero when translated blocks were built from it (the block cache's
   *  `codePage`, translate.ts). A store there calls `onCodeWrite`, which drops the page's blocks
   *  and sets `codeDirty` so the running block stops right after the store. */
  codePage: Uint8Array;
  onCodeWrite: (page: number) => void = () => {};
  codeDirty = false;

  // Translation cache over the shadow TLB: host offset of the page + 1, or 0.
  private readonly rdMap = new Int32Array(1 << 20);
  private readonly wrMap = new Int32Array(1 << 20);
  /** Execute permission: read by the translator's fetch, exactly as `run` fetches. */
  readonly exMap = new Int32Array(1 << 20);
  // The hardware entries: guest-virtual page (or -1) and round-robin victim.
  readonly shadowVpn = new Int32Array(SHADOW_ENTRIES).fill(-1);
  /** The guest TLB entry each shadow entry was filled from (kvm's tag), or -1. */
  readonly shadowSource = new Int8Array(SHADOW_ENTRIES).fill(-1);
  private victim = 0;
  /** Entries [0, filled) may be in use: a flush starts the round-robin again at 0, so flushing
   *  after a short stay in one context (a syscall) walks only the entries it filled. */
  private filled = 0;
  shadowFills = 0;
  shadowEvictions = 0;
  // Fetch cache: the page the pc is in.
  private fetchVpn = -1;
  private fetchBase = 0;

  /** One-shot MMIO route for the re-run of an instruction (see header). -1: none. */
  mmioVpn = -1;
  mmioPage = 0;
  onMmio: (pa: number, width: 1 | 2 | 4, isWrite: boolean, value: number) => number = () => 0;

  constructor(memory: GuestMemory) {
    const slot = memory.slots[0];
    if (!slot || slot.base !== 0) throw new Error("ppc440 machine: needs RAM at guest-physical 0");
    this.ram = slot.u8;
    this.view = slot.view;
    this.ramBytes = slot.size;
    this.pre = new Uint16Array(slot.size >>> 2);
    this.codePage = new Uint8Array(Math.ceil(slot.size / 4096));
  }

  get tb(): number {
    return this.icount + this.tbOffset;
  }

  // ---- shadow TLB (written by kvm) -------------------------------------------------------

  /** Writes a 4 KB shadow entry for guest-virtual page `vpn` → RAM page `pa`, round-robin. */
  shadowFill(vpn: number, pa: number, r: boolean, w: boolean, x: boolean, source = -1): void {
    // Already present (e.g. a permission upgrade): rewrite in place. A page that is not mapped
    // for any access is in no entry (each fill grants one), so most fills skip the walk.
    let slot = -1;
    if ((this.rdMap[vpn] | this.wrMap[vpn] | this.exMap[vpn]) !== 0)
      for (let i = 0; i < this.filled; i++) if (this.shadowVpn[i] === vpn) slot = i;
    if (slot < 0) {
      slot = this.victim;
      this.victim = (this.victim + 1) & (SHADOW_ENTRIES - 1);
      if (slot >= this.filled) this.filled = slot + 1;
      const old = this.shadowVpn[slot];
      if (old >= 0) {
        this.unmap(old);
        this.shadowEvictions++;
      }
    }
    this.shadowVpn[slot] = vpn;
    this.shadowSource[slot] = source;
    const e = pa + 1;
    this.rdMap[vpn] = r ? e : 0;
    this.wrMap[vpn] = w ? e : 0;
    this.exMap[vpn] = x ? e : 0;
    if (vpn === this.fetchVpn) this.fetchVpn = -1;
    this.shadowFills++;
  }

  private unmap(vpn: number): void {
    this.rdMap[vpn] = 0;
    this.wrMap[vpn] = 0;
    this.exMap[vpn] = 0;
    if (vpn === this.fetchVpn) this.fetchVpn = -1;
  }

  /** Drops the shadow entries for which `drop(vpn, source)` holds. */
  shadowInvalidate(drop: (vpn: number, source: number) => boolean): void {
    for (let i = 0; i < this.filled; i++) {
      const v = this.shadowVpn[i];
      if (v >= 0 && drop(v, this.shadowSource[i])) {
        this.unmap(v);
        this.shadowVpn[i] = -1;
        this.shadowSource[i] = -1;
      }
    }
  }

  /** Drops every shadow entry (guest context change: MSR[PR/IS/DS]). */
  shadowFlush(): void {
    for (let i = 0; i < this.filled; i++) {
      const v = this.shadowVpn[i];
      if (v >= 0) this.unmap(v);
      this.shadowVpn[i] = -1;
    }
    this.filled = 0;
    this.victim = 0;
    this.fetchVpn = -1;
  }

  /** Host code wrote RAM behind the machine's back (loader, DMA): forget predecoded words. */
  invalidateCode(pa = 0, len = this.ramBytes): void {
    this.pre.fill(0, pa >>> 2, Math.min(this.pre.length, (pa + len + 3) >>> 2));
    const last = Math.min(this.codePage.length - 1, (pa + Math.max(len, 1) - 1) >>> 12);
    for (let p = pa >>> 12; p <= last; p++) if (this.codePage[p] !== 0) this.onCodeWrite(p);
  }

  /** Reads a RAM word at a guest-physical address (kvm: the faulting instruction). */
  physWord(pa: number): number {
    return pa >= 0 && pa + 4 <= this.ramBytes ? this.view.getInt32(pa) : 0;
  }

  /** The instruction word at pc through the shadow TLB, or undefined if not mapped. */
  fetchWord(ea: number): number | undefined {
    const e = this.exMap[ea >>> 12];
    return e === 0 ? undefined : this.view.getInt32(e - 1 + (ea & 0xfff));
  }

  // ---- the run loop ------------------------------------------------------------------------

  /** Runs until `icount` reaches `limit` or an exit; returns the exit code. The pc is that of
   *  the instruction that exited (not executed). */
  run(limit: number): Exit {
    this.exitCode = Exit.None;
    const pre = this.pre;
    const view = this.view;
    // Module bindings through the instance: run's text is compiled again (inlineDispatch), where
    // a bundler may have renamed them.
    const decodeWord = this.decodeWord;
    const firstTier = this.firstTier;
    while (this.icount < limit) {
      const pc = this.pc;
      const vpn = pc >>> 12;
      if (vpn !== this.fetchVpn) {
        const e = this.exMap[vpn];
        if (e === 0) {
          this.exitEa = pc;
          return Exit.Itlb;
        }
        this.fetchVpn = vpn;
        this.fetchBase = e - 1;
      }
      const off = this.fetchBase + (pc & 0xfff);
      const w = view.getInt32(off);
      let id = pre[off >>> 2];
      if (id === 0) {
        id = decodeWord(w) + 1;
        pre[off >>> 2] = id;
      }
      id--;
      this.npc = (pc + 4) | 0;
      // First tier: one small function per id (core/tiers.ts). The second tier is this text
      // compiled again with the generated switch here (inlineDispatch, below).
      const x = firstTier[id](this, w);
      void x;
      if (this.exitCode !== Exit.None) {
        this.exitWord = w;
        return this.exitCode;
      }
      this.pc = this.npc;
      this.icount++;
    }
    return Exit.None;
  }

  private readonly decodeWord: (w: number) => number = decode;
  private readonly firstTier: readonly Entry<Ppc440Machine, void>[] = FIRST_TIER;

  /** Called by kvm after emulating the instruction at pc. */
  retire(nextPc: number): void {
    this.pc = nextPc | 0;
    this.icount++;
  }

  private exit(code: Exit): void {
    this.exitCode = code;
  }

  // ---- memory ----------------------------------------------------------------------------

  private dmiss(ea: number, write: boolean): void {
    this.exitEa = ea | 0;
    this.exitWrite = write;
    this.exitCode = Exit.Dtlb;
  }

  private xlate(ea: number, write: boolean): number {
    const vpn = ea >>> 12;
    const e = write ? this.wrMap[vpn] : this.rdMap[vpn];
    if (e !== 0) return e - 1 + (ea & 0xfff);
    if (vpn === this.mmioVpn) return -2;
    this.dmiss(ea, write);
    return -1;
  }

  /** Loads `size` bytes big-endian (unsigned; 4 as int32). On an exit returns 0 with exitCode set. */
  private load(ea: number, size: 1 | 2 | 4): number {
    // `ea` stays an int32: as a uint32 a kernel address (0xc0000000 up) is a double, boxed as a
    // HeapNumber wherever V8 passes it to a helper it did not inline (about 4 bytes of garbage
    // per guest instruction in the Bamboo boot, a scavenge every 30 ms).
    if ((ea & 0xfff) <= 0x1000 - size) {
      const off = this.xlate(ea, false);
      if (off >= 0) {
        return size === 4
          ? this.view.getInt32(off)
          : size === 2
            ? this.view.getUint16(off)
            : this.ram[off];
      }
      if (off === -2) {
        const v = this.onMmio(this.mmioPage + (ea & 0xfff), size, false, 0);
        return size === 4 ? v | 0 : v;
      }
      return 0;
    }
    // Crosses a page: byte by byte.
    let v = 0;
    for (let i = 0; i < size; i++) {
      const b = this.load((ea + i) | 0, 1);
      if (this.exitCode !== Exit.None) return 0;
      v = (v << 8) | b;
    }
    return size === 4 ? v | 0 : v >>> 0;
  }

  private store(ea: number, size: 1 | 2 | 4, v: number): void {
    // An int32 `ea`, as in load.
    if ((ea & 0xfff) <= 0x1000 - size) {
      const off = this.xlate(ea, true);
      if (off >= 0) {
        if (size === 4) this.view.setInt32(off, v);
        else if (size === 2) this.view.setUint16(off, v & 0xffff);
        else this.ram[off] = v;
        this.pre[off >>> 2] = 0;
        this.pre[(off + size - 1) >>> 2] = 0;
        if (this.codePage[off >>> 12] !== 0) this.onCodeWrite(off >>> 12);
        return;
      }
      if (off === -2) {
        const mask = size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
        this.onMmio(this.mmioPage + (ea & 0xfff), size, true, (v & mask) >>> 0);
      }
      return;
    }
    // Check both pages before writing anything, then write byte by byte.
    if (this.xlate(ea, true) === -1 || this.xlate((ea + size - 1) | 0, true) === -1) return;
    for (let i = 0; i < size; i++) this.store((ea + i) | 0, 1, v >>> (8 * (size - 1 - i)));
  }

  /** For the warm-up (warmRun): the memory helpers' rare paths once each, for type feedback.
   *  Needs RAM at 0-0x1fff mapped at 0, and MMIO at page 3 (`mmioVpn`). */
  warmMemoryPaths(): void {
    for (const size of [1, 2, 4] as const)
      for (const ea of [0xffe, 0xfff, 0x3000, 0x3001, 0x3ffe, 0x8000, 0xc0000ffe, 0xc0000fff]) {
        this.exitCode = Exit.None;
        this.load(ea, size);
        this.exitCode = Exit.None;
        this.store(ea, size, 0x12345678);
      }
    this.exitCode = Exit.None;
  }

  /** (RA|0) + d */
  private ea_d(ra: number, d: number): number {
    return ra === 0 ? d : (this.gpr[ra] + d) | 0;
  }

  /** (RA|0) + (RB) */
  private ea_x(ra: number, rb: number): number {
    return ra === 0 ? this.gpr[rb] : (this.gpr[ra] + this.gpr[rb]) | 0;
  }

  // ---- CR / XER helpers --------------------------------------------------------------------

  private cr0(v: number): void {
    const f = (v < 0 ? 8 : v > 0 ? 4 : 2) | (this.xer >>> 31);
    this.cr = (this.cr & 0x0fffffff) | (f << 28);
  }

  private setCrField(bf: number, f: number): void {
    const sh = 28 - 4 * bf;
    this.cr = (this.cr & ~(0xf << sh)) | (f << sh);
  }

  private crBit(bit: number): number {
    return (this.cr >>> (31 - bit)) & 1;
  }

  private setCrBit(bit: number, v: number): void {
    const m = 1 << (31 - bit);
    this.cr = v ? this.cr | m : this.cr & ~m;
  }

  private setCa(c: boolean): void {
    this.xer = c ? this.xer | XER_CA : this.xer & ~XER_CA;
  }

  private ca(): number {
    return (this.xer >>> 29) & 1;
  }

  private setOv(ov: boolean): void {
    this.xer = ov ? this.xer | XER_OV | XER_SO : this.xer & ~XER_OV;
  }

  /** rt ← a + b + c with CA; OE/Rc of the XO form. */
  private addx(
    rt: number,
    oe: number,
    rc: number,
    a: number,
    b: number,
    c: number,
    setCa: boolean,
  ): void {
    const r = (a + b + c) | 0;
    if (setCa) this.setCa((a >>> 0) + (b >>> 0) + c > 0xffffffff);
    if (oe) this.setOv(((a ^ r) & (b ^ r)) < 0);
    this.gpr[rt] = r;
    if (rc) this.cr0(r);
  }

  private logical(ra: number, rc: number, r: number): void {
    this.gpr[ra] = r;
    if (rc) this.cr0(r);
  }

  // ---- branches ----------------------------------------------------------------------------

  b(li: number, aa: number, lk: number): void {
    // `b .` (Linux's machine_hang, a bare-metal guest's end): kvm skips the idle time or ends
    // the run instead of the host executing the loop instruction by instruction.
    if (li === 0 && aa === 0 && lk === 0) return this.exit(Exit.Spin);
    const target = (aa ? li : (this.pc + li) | 0) | 0;
    if (lk) this.lr = this.npc;
    this.npc = target;
  }

  private cond(bo: number, bi: number, useCtr: boolean): boolean {
    let ctrOk = true;
    if (useCtr && !(bo & 4)) {
      this.ctr = (this.ctr - 1) | 0;
      ctrOk = (this.ctr !== 0) !== ((bo & 2) !== 0);
    }
    const condOk = (bo & 16) !== 0 || this.crBit(bi) === ((bo >>> 3) & 1);
    return ctrOk && condOk;
  }

  bc(bo: number, bi: number, bd: number, aa: number, lk: number): void {
    const taken = this.cond(bo, bi, true);
    if (lk) this.lr = this.npc;
    if (taken) this.npc = (aa ? bd : (this.pc + bd) | 0) | 0;
  }

  bclr(bo: number, bi: number, _bh: number, lk: number): void {
    const target = this.lr & ~3;
    const taken = this.cond(bo, bi, true);
    if (lk) this.lr = this.npc;
    if (taken) this.npc = target;
  }

  bcctr(bo: number, bi: number, _bh: number, lk: number): void {
    const taken = this.cond(bo, bi, false);
    if (lk) this.lr = this.npc;
    if (taken) this.npc = this.ctr & ~3;
  }

  sc(_lev: number): void {
    this.exit(Exit.Sc);
  }

  // ---- condition register ------------------------------------------------------------------

  mcrf(bf: number, bfa: number): void {
    this.setCrField(bf, (this.cr >>> (28 - 4 * bfa)) & 0xf);
  }
  private crop(bt: number, ba: number, bb: number, f: (a: number, b: number) => number): void {
    this.setCrBit(bt, f(this.crBit(ba), this.crBit(bb)) & 1);
  }
  crand(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => a & b);
  }
  crandc(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => a & ~b);
  }
  creqv(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => ~(a ^ b));
  }
  crnand(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => ~(a & b));
  }
  crnor(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => ~(a | b));
  }
  cror(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => a | b);
  }
  crorc(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => a | ~b);
  }
  crxor(bt: number, ba: number, bb: number): void {
    this.crop(bt, ba, bb, (a, b) => a ^ b);
  }
  mfcr(rt: number): void {
    this.gpr[rt] = this.cr;
  }
  mfocrf(rt: number, fxm: number): void {
    const m = fxm;
    let mask = 0;
    for (let i = 0; i < 8; i++) if (m & (0x80 >>> i)) mask |= 0xf << (28 - 4 * i);
    this.gpr[rt] = this.cr & mask;
  }
  mtcrf(rs: number, fxm: number): void {
    const m = fxm;
    let mask = 0;
    for (let i = 0; i < 8; i++) if (m & (0x80 >>> i)) mask |= 0xf << (28 - 4 * i);
    this.cr = (this.cr & ~mask) | (this.gpr[rs] & mask);
  }
  mtocrf(rs: number, fxm: number): void {
    this.mtcrf(rs, fxm);
  }
  mcrxr(bf: number): void {
    this.setCrField(bf, this.xer >>> 28);
    this.xer &= 0x0fffffff;
  }

  // ---- integer arithmetic ------------------------------------------------------------------

  addi(rt: number, ra: number, si: number): void {
    this.gpr[rt] = ra === 0 ? si : (this.gpr[ra] + si) | 0;
  }
  addis(rt: number, ra: number, si: number): void {
    const v = si << 16;
    this.gpr[rt] = ra === 0 ? v : (this.gpr[ra] + v) | 0;
  }
  addic(rt: number, ra: number, si: number): void {
    const a = this.gpr[ra],
      b = si;
    this.setCa((a >>> 0) + (b >>> 0) > 0xffffffff);
    this.gpr[rt] = (a + b) | 0;
  }
  addic_dot(rt: number, ra: number, si: number): void {
    this.addic(rt, ra, si);
    this.cr0(this.gpr[rt]);
  }
  subfic(rt: number, ra: number, si: number): void {
    const a = this.gpr[ra],
      b = si;
    this.setCa((~a >>> 0) + (b >>> 0) + 1 > 0xffffffff);
    this.gpr[rt] = (b - a) | 0;
  }
  mulli(rt: number, ra: number, si: number): void {
    this.gpr[rt] = Math.imul(this.gpr[ra], si);
  }
  add(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, this.gpr[ra], this.gpr[rb], 0, false);
  }
  addc(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, this.gpr[ra], this.gpr[rb], 0, true);
  }
  adde(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, this.gpr[ra], this.gpr[rb], this.ca(), true);
  }
  addme(rt: number, ra: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, this.gpr[ra], -1, this.ca(), true);
  }
  addze(rt: number, ra: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, this.gpr[ra], 0, this.ca(), true);
  }
  subf(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, ~this.gpr[ra], this.gpr[rb], 1, false);
  }
  subfc(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, ~this.gpr[ra], this.gpr[rb], 1, true);
  }
  subfe(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, ~this.gpr[ra], this.gpr[rb], this.ca(), true);
  }
  subfme(rt: number, ra: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, ~this.gpr[ra], -1, this.ca(), true);
  }
  subfze(rt: number, ra: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, ~this.gpr[ra], 0, this.ca(), true);
  }
  neg(rt: number, ra: number, oe: number, rc: number): void {
    this.addx(rt, oe, rc, ~this.gpr[ra], 0, 1, false);
  }
  mullw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    const a = this.gpr[ra],
      b = this.gpr[rb];
    const r = Math.imul(a, b);
    if (oe) {
      const p = a * b; // exact near the 32-bit bounds
      this.setOv(p > 0x7fffffff || p < -0x80000000);
    }
    this.gpr[rt] = r;
    if (rc) this.cr0(r);
  }
  mulhw(rt: number, ra: number, rb: number, rc: number): void {
    const r = mulhs(this.gpr[ra], this.gpr[rb]);
    this.gpr[rt] = r;
    if (rc) this.cr0(r);
  }
  mulhwu(rt: number, ra: number, rb: number, rc: number): void {
    const r = mulhu(this.gpr[ra], this.gpr[rb]);
    this.gpr[rt] = r;
    if (rc) this.cr0(r);
  }
  divw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    const a = this.gpr[ra],
      b = this.gpr[rb];
    const bad = b === 0 || (a === -0x80000000 && b === -1);
    // RT is undefined on overflow; this gives 0 (the guests do not print it).
    const r = bad ? 0 : (a / b) | 0;
    if (oe) this.setOv(bad);
    this.gpr[rt] = r;
    if (rc) this.cr0(r);
  }
  divwu(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    const a = this.gpr[ra] >>> 0,
      b = this.gpr[rb] >>> 0;
    const bad = b === 0;
    const r = bad ? 0 : Math.floor(a / b) | 0;
    if (oe) this.setOv(bad);
    this.gpr[rt] = r;
    if (rc) this.cr0(r);
  }

  private cmpField(a: number, b: number): number {
    return (a < b ? 8 : a > b ? 4 : 2) | (this.xer >>> 31);
  }
  cmpi(bf: number, _l: number, ra: number, si: number): void {
    this.setCrField(bf, this.cmpField(this.gpr[ra], si));
  }
  cmpli(bf: number, _l: number, ra: number, ui: number): void {
    this.setCrField(bf, this.cmpField(this.gpr[ra] >>> 0, ui));
  }
  cmp(bf: number, _l: number, ra: number, rb: number): void {
    this.setCrField(bf, this.cmpField(this.gpr[ra], this.gpr[rb]));
  }
  cmpl(bf: number, _l: number, ra: number, rb: number): void {
    this.setCrField(bf, this.cmpField(this.gpr[ra] >>> 0, this.gpr[rb] >>> 0));
  }

  private trap(to: number, a: number, b: number): void {
    if (
      (to & 16 && a < b) ||
      (to & 8 && a > b) ||
      (to & 4 && a === b) ||
      (to & 2 && a >>> 0 < b >>> 0) ||
      (to & 1 && a >>> 0 > b >>> 0)
    ) {
      this.exitEsr = ESR_PTR;
      this.exit(Exit.Program);
    }
  }
  twi(to: number, ra: number, si: number): void {
    this.trap(to, this.gpr[ra], si);
  }
  tw(to: number, ra: number, rb: number): void {
    this.trap(to, this.gpr[ra], this.gpr[rb]);
  }

  // ---- logical, rotate, shift --------------------------------------------------------------

  andi(rs: number, ra: number, ui: number): void {
    const r = this.gpr[rs] & ui;
    this.gpr[ra] = r;
    this.cr0(r);
  }
  andis(rs: number, ra: number, ui: number): void {
    const r = this.gpr[rs] & (ui << 16);
    this.gpr[ra] = r;
    this.cr0(r);
  }
  ori(rs: number, ra: number, ui: number): void {
    this.gpr[ra] = this.gpr[rs] | ui;
  }
  oris(rs: number, ra: number, ui: number): void {
    this.gpr[ra] = this.gpr[rs] | (ui << 16);
  }
  xori(rs: number, ra: number, ui: number): void {
    this.gpr[ra] = this.gpr[rs] ^ ui;
  }
  xoris(rs: number, ra: number, ui: number): void {
    this.gpr[ra] = this.gpr[rs] ^ (ui << 16);
  }
  and(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, this.gpr[rs] & this.gpr[rb]);
  }
  andc(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, this.gpr[rs] & ~this.gpr[rb]);
  }
  or(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, this.gpr[rs] | this.gpr[rb]);
  }
  orc(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, this.gpr[rs] | ~this.gpr[rb]);
  }
  xor(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, this.gpr[rs] ^ this.gpr[rb]);
  }
  nand(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, ~(this.gpr[rs] & this.gpr[rb]));
  }
  nor(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, ~(this.gpr[rs] | this.gpr[rb]));
  }
  eqv(rs: number, ra: number, rb: number, rc: number): void {
    this.logical(ra, rc, ~(this.gpr[rs] ^ this.gpr[rb]));
  }
  extsb(rs: number, ra: number, rc: number): void {
    this.logical(ra, rc, (this.gpr[rs] << 24) >> 24);
  }
  extsh(rs: number, ra: number, rc: number): void {
    this.logical(ra, rc, (this.gpr[rs] << 16) >> 16);
  }
  cntlzw(rs: number, ra: number, rc: number): void {
    this.logical(ra, rc, Math.clz32(this.gpr[rs]));
  }
  rlwimi(rs: number, ra: number, sh: number, mb: number, me: number, rc: number): void {
    const m = mask32(mb, me);
    const r = (rotl(this.gpr[rs], sh) & m) | (this.gpr[ra] & ~m);
    this.logical(ra, rc, r);
  }
  rlwinm(rs: number, ra: number, sh: number, mb: number, me: number, rc: number): void {
    this.logical(ra, rc, rotl(this.gpr[rs], sh) & mask32(mb, me));
  }
  rlwnm(rs: number, ra: number, rb: number, mb: number, me: number, rc: number): void {
    this.logical(ra, rc, rotl(this.gpr[rs], this.gpr[rb] & 31) & mask32(mb, me));
  }
  slw(rs: number, ra: number, rb: number, rc: number): void {
    const n = this.gpr[rb] & 0x3f;
    this.logical(ra, rc, n > 31 ? 0 : this.gpr[rs] << n);
  }
  srw(rs: number, ra: number, rb: number, rc: number): void {
    const n = this.gpr[rb] & 0x3f;
    this.logical(ra, rc, n > 31 ? 0 : (this.gpr[rs] >>> n) | 0);
  }
  private srawBy(rs: number, ra: number, rc: number, n: number): void {
    const s = this.gpr[rs];
    if (n > 31) {
      this.setCa(s < 0);
      this.logical(ra, rc, s >> 31);
    } else {
      this.setCa(s < 0 && n > 0 && (s & ((1 << n) - 1)) !== 0);
      this.logical(ra, rc, s >> n);
    }
  }
  sraw(rs: number, ra: number, rb: number, rc: number): void {
    this.srawBy(rs, ra, rc, this.gpr[rb] & 0x3f);
  }
  srawi(rs: number, ra: number, sh: number, rc: number): void {
    this.srawBy(rs, ra, rc, sh);
  }

  // ---- loads and stores --------------------------------------------------------------------

  private ld(
    rt: number,
    ra: number,
    ea: number,
    size: 1 | 2 | 4,
    signed: boolean,
    update: boolean,
  ): void {
    let v = this.load(ea, size);
    if (this.exitCode !== Exit.None) return;
    if (signed && size === 2) v = (v << 16) >> 16;
    this.gpr[rt] = v;
    if (update) this.gpr[ra] = ea;
  }
  private st(rs: number, ra: number, ea: number, size: 1 | 2 | 4, update: boolean): void {
    this.store(ea, size, this.gpr[rs]);
    if (this.exitCode !== Exit.None) return;
    if (update) this.gpr[ra] = ea;
  }
  lbz(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 1, false, false);
  }
  lbzu(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 1, false, true);
  }
  lhz(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 2, false, false);
  }
  lhzu(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 2, false, true);
  }
  lha(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 2, true, false);
  }
  lhau(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 2, true, true);
  }
  lwz(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 4, false, false);
  }
  lwzu(rt: number, ra: number, d: number): void {
    this.ld(rt, ra, this.ea_d(ra, d), 4, false, true);
  }
  stb(rs: number, ra: number, d: number): void {
    this.st(rs, ra, this.ea_d(ra, d), 1, false);
  }
  stbu(rs: number, ra: number, d: number): void {
    this.st(rs, ra, this.ea_d(ra, d), 1, true);
  }
  sth(rs: number, ra: number, d: number): void {
    this.st(rs, ra, this.ea_d(ra, d), 2, false);
  }
  sthu(rs: number, ra: number, d: number): void {
    this.st(rs, ra, this.ea_d(ra, d), 2, true);
  }
  stw(rs: number, ra: number, d: number): void {
    this.st(rs, ra, this.ea_d(ra, d), 4, false);
  }
  stwu(rs: number, ra: number, d: number): void {
    this.st(rs, ra, this.ea_d(ra, d), 4, true);
  }
  lbzx(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 1, false, false);
  }
  lbzux(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 1, false, true);
  }
  lhzx(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 2, false, false);
  }
  lhzux(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 2, false, true);
  }
  lhax(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 2, true, false);
  }
  lhaux(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 2, true, true);
  }
  lwzx(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 4, false, false);
  }
  lwzux(rt: number, ra: number, rb: number): void {
    this.ld(rt, ra, this.ea_x(ra, rb), 4, false, true);
  }
  stbx(rs: number, ra: number, rb: number): void {
    this.st(rs, ra, this.ea_x(ra, rb), 1, false);
  }
  stbux(rs: number, ra: number, rb: number): void {
    this.st(rs, ra, this.ea_x(ra, rb), 1, true);
  }
  sthx(rs: number, ra: number, rb: number): void {
    this.st(rs, ra, this.ea_x(ra, rb), 2, false);
  }
  sthux(rs: number, ra: number, rb: number): void {
    this.st(rs, ra, this.ea_x(ra, rb), 2, true);
  }
  stwx(rs: number, ra: number, rb: number): void {
    this.st(rs, ra, this.ea_x(ra, rb), 4, false);
  }
  stwux(rs: number, ra: number, rb: number): void {
    this.st(rs, ra, this.ea_x(ra, rb), 4, true);
  }
  lhbrx(rt: number, ra: number, rb: number): void {
    const v = this.load(this.ea_x(ra, rb), 2);
    if (this.exitCode !== Exit.None) return;
    this.gpr[rt] = ((v & 0xff) << 8) | (v >>> 8);
  }
  lwbrx(rt: number, ra: number, rb: number): void {
    const v = this.load(this.ea_x(ra, rb), 4);
    if (this.exitCode !== Exit.None) return;
    this.gpr[rt] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
  }
  sthbrx(rs: number, ra: number, rb: number): void {
    const v = this.gpr[rs];
    this.store(this.ea_x(ra, rb), 2, ((v & 0xff) << 8) | ((v >>> 8) & 0xff));
  }
  stwbrx(rs: number, ra: number, rb: number): void {
    const v = this.gpr[rs];
    this.store(
      this.ea_x(ra, rb),
      4,
      ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24),
    );
  }
  lmw(rt: number, ra: number, d: number): void {
    // Registers are written only after every load succeeded, so a TLB exit restarts cleanly.
    const ea = this.ea_d(ra, d);
    const vals = this.scratch;
    for (let r = rt; r < 32; r++) {
      vals[r] = this.load((ea + 4 * (r - rt)) | 0, 4);
      if (this.exitCode !== Exit.None) return;
    }
    for (let r = rt; r < 32; r++) this.gpr[r] = vals[r];
  }
  stmw(rs: number, ra: number, d: number): void {
    const ea = this.ea_d(ra, d);
    for (let r = rs; r < 32; r++) {
      this.store((ea + 4 * (r - rs)) | 0, 4, this.gpr[r]);
      if (this.exitCode !== Exit.None) return;
    }
  }
  private loadString(rt: number, ea: number, n: number): void {
    const bytes = this.scratchBytes;
    for (let i = 0; i < n; i++) {
      bytes[i] = this.load((ea + i) | 0, 1);
      if (this.exitCode !== Exit.None) return;
    }
    let r = (rt - 1) & 31;
    for (let i = 0; i < n; i++) {
      if ((i & 3) === 0) {
        r = (r + 1) & 31;
        this.gpr[r] = 0;
      }
      this.gpr[r] |= bytes[i] << (24 - 8 * (i & 3));
    }
  }
  private storeString(rs: number, ea: number, n: number): void {
    let r = (rs - 1) & 31;
    for (let i = 0; i < n; i++) {
      if ((i & 3) === 0) r = (r + 1) & 31;
      this.store((ea + i) | 0, 1, this.gpr[r] >>> (24 - 8 * (i & 3)));
      if (this.exitCode !== Exit.None) return;
    }
  }
  lswi(rt: number, ra: number, nb: number): void {
    this.loadString(rt, ra === 0 ? 0 : this.gpr[ra], nb || 32);
  }
  lswx(rt: number, ra: number, rb: number): void {
    this.loadString(rt, this.ea_x(ra, rb), this.xer & 0x7f);
  }
  stswi(rs: number, ra: number, nb: number): void {
    this.storeString(rs, ra === 0 ? 0 : this.gpr[ra], nb || 32);
  }
  stswx(rs: number, ra: number, rb: number): void {
    this.storeString(rs, this.ea_x(ra, rb), this.xer & 0x7f);
  }
  lwarx(rt: number, ra: number, rb: number, _eh: number): void {
    const ea = this.ea_x(ra, rb);
    if (ea & 3) {
      this.exitEa = ea;
      this.exitWrite = false;
      this.exit(Exit.Align);
      return;
    }
    const v = this.load(ea, 4);
    if (this.exitCode !== Exit.None) return;
    this.gpr[rt] = v;
    this.reserveValid = true;
    this.reserveEa = ea;
  }
  stwcx(rs: number, ra: number, rb: number): void {
    const ea = this.ea_x(ra, rb);
    if (ea & 3) {
      this.exitEa = ea;
      this.exitWrite = true;
      this.exit(Exit.Align);
      return;
    }
    let ok = 0;
    if (this.reserveValid) {
      this.store(ea, 4, this.gpr[rs]);
      if (this.exitCode !== Exit.None) return;
      ok = 1;
    }
    this.reserveValid = false;
    this.setCrField(0, (ok << 1) | (this.xer >>> 31));
  }

  // ---- SPRs user state may touch -----------------------------------------------------------

  mfspr(rt: number, spr: number): void {
    let v: number;
    switch (spr) {
      case SPR.XER:
        v = this.xer;
        break;
      case SPR.LR:
        v = this.lr;
        break;
      case SPR.CTR:
        v = this.ctr;
        break;
      case SPR.USPRG0:
        v = this.usprg0;
        break;
      // SPRG3's user-mode read sits just below SPRG4's (the table has no name for it: objdump
      // prints it as a number); all five read SPRGn at n = spr - USPRG0.
      case SPR.SPRG4_R - 1:
      case SPR.SPRG4_R:
      case SPR.SPRG5_R:
      case SPR.SPRG6_R:
      case SPR.SPRG7_R:
        v = this.sprg[spr - SPR.USPRG0];
        break;
      case SPR.TBL_R:
        v = this.tb | 0;
        break;
      case SPR.TBU_R:
        v = Math.floor(this.tb / 4294967296) | 0;
        break;
      default:
        this.trapSpr();
        return;
    }
    this.gpr[rt] = v;
  }
  mtspr(rs: number, spr: number): void {
    const v = this.gpr[rs];
    switch (spr) {
      case SPR.XER:
        this.xer = v & (0xe000007f | 0);
        return;
      case SPR.LR:
        this.lr = v;
        return;
      case SPR.CTR:
        this.ctr = v;
        return;
      case SPR.USPRG0:
        this.usprg0 = v;
        return;
      default:
        this.trapSpr();
    }
  }
  /** An SPR the machine does not hold: privileged in user state (the guest kernel's SPRs) or not
   *  defined; either way the 440 raises a program interrupt and kvm looks at it. */
  private trapSpr(): void {
    this.exitEsr = ESR_PPR;
    this.exit(Exit.Program);
  }

  // ---- storage control: no caches are modelled ---------------------------------------------

  // dcbf, dcbst and icbi still translate their EA and are checked as loads (PPC440x5 manual,
  // chapter 5's access control and each instruction's Exceptions): a miss is a Data TLB Error
  // (DEAR the EA), no read permission a Data Storage interrupt. Touches and dcba never interrupt.
  dcbf(_l2: number, ra: number, rb: number): void {
    this.xlate(this.ea_x(ra, rb), false);
  }
  dcbst(ra: number, rb: number): void {
    this.xlate(this.ea_x(ra, rb), false);
  }
  dcbt(_ra: number, _rb: number): void {}
  dcbtst(_ra: number, _rb: number): void {}
  icbi(ra: number, rb: number): void {
    this.xlate(this.ea_x(ra, rb), false);
  }
  icbt(_ct: number, _ra: number, _rb: number): void {}
  dcba(_ra: number, _rb: number): void {}
  dcbz(ra: number, rb: number): void {
    const ea = this.ea_x(ra, rb) & ~31;
    for (let i = 0; i < 32; i += 4) {
      this.store((ea + i) | 0, 4, 0);
      if (this.exitCode !== Exit.None) return;
    }
  }
  isync(): void {}
  sync(): void {}
  lwsync(): void {}
  mbar(_mo: number): void {}

  // ---- 440 multiply-accumulate (PPC440x5 User's Manual definitions) ------------------------

  /** The high or low halfword of register r. */
  private half(r: number, which: "h" | "l", signed: boolean): number {
    const v = this.gpr[r];
    const h = which === "h" ? v >>> 16 : v & 0xffff;
    return signed ? (h << 16) >> 16 : h;
  }
  /** mul*hw: RT ← 16×16 product (X-form, Rc only). */
  private mulhalf(
    rt: number,
    ra: number,
    rb: number,
    rc: number,
    a: "h" | "l",
    b: "h" | "l",
    signed: boolean,
  ): void {
    const r = (this.half(ra, a, signed) * this.half(rb, b, signed)) | 0;
    this.gpr[rt] = r;
    if (rc) this.cr0(r);
  }
  mulchw(rt: number, ra: number, rb: number, rc: number): void {
    this.mulhalf(rt, ra, rb, rc, "l", "h", true);
  }
  mulchwu(rt: number, ra: number, rb: number, rc: number): void {
    this.mulhalf(rt, ra, rb, rc, "l", "h", false);
  }
  mulhhw(rt: number, ra: number, rb: number, rc: number): void {
    this.mulhalf(rt, ra, rb, rc, "h", "h", true);
  }
  mulhhwu(rt: number, ra: number, rb: number, rc: number): void {
    this.mulhalf(rt, ra, rb, rc, "h", "h", false);
  }
  mullhw(rt: number, ra: number, rb: number, rc: number): void {
    this.mulhalf(rt, ra, rb, rc, "l", "l", true);
  }
  mullhwu(rt: number, ra: number, rb: number, rc: number): void {
    this.mulhalf(rt, ra, rb, rc, "l", "l", false);
  }
  /**
   * mac / nmac: temp ← RT ± product (33 bits). Modulo forms write temp's low 32 bits; saturating
   * forms clamp to the signed (0x7fffffff/0x80000000) or unsigned (0xffffffff, or 0 for a
   * negative unsigned result) range. OE: XER[OV] ← temp does not fit, XER[SO] |= OV. Rc: CR0.
   */
  private mac(
    rt: number,
    ra: number,
    rb: number,
    oe: number,
    rc: number,
    a: "h" | "l",
    b: "h" | "l",
    signed: boolean,
    sat: boolean,
    negate: boolean,
    satSigned = signed,
  ): void {
    const p = this.half(ra, a, signed) * this.half(rb, b, signed);
    const rtv = this.gpr[rt];
    const acc = satSigned ? rtv : rtv >>> 0;
    const temp = negate ? acc - p : acc + p;
    const ov = satSigned ? temp > 0x7fffffff || temp < -0x80000000 : temp > 0xffffffff || temp < 0;
    let r: number;
    if (sat && ov) r = satSigned ? (temp < 0 ? 0x80000000 | 0 : 0x7fffffff) : temp < 0 ? 0 : -1;
    else r = temp | 0;
    this.gpr[rt] = r;
    if (oe) this.setOv(ov);
    if (rc) this.cr0(r);
  }
  macchw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "h", true, false, false);
  }
  macchws(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "h", true, true, false);
  }
  macchwsu(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "h", false, true, false);
  }
  macchwu(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "h", false, false, false);
  }
  machhw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "h", "h", true, false, false);
  }
  machhws(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "h", "h", true, true, false);
  }
  machhwsu(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "h", "h", false, true, false);
  }
  machhwu(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "h", "h", false, false, false);
  }
  maclhw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "l", true, false, false);
  }
  maclhws(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "l", true, true, false);
  }
  maclhwsu(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "l", false, true, false);
  }
  maclhwu(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "l", false, false, false);
  }
  nmacchw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "h", true, false, true);
  }
  nmacchws(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "h", true, true, true);
  }
  nmachhw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "h", "h", true, false, true);
  }
  nmachhws(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "h", "h", true, true, true);
  }
  nmaclhw(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "l", true, false, true);
  }
  nmaclhws(rt: number, ra: number, rb: number, oe: number, rc: number): void {
    this.mac(rt, ra, rb, oe, rc, "l", "l", true, true, true);
  }
  dlmzb(rs: number, ra: number, rb: number, rc: number): void {
    const s = this.gpr[rs],
      b = this.gpr[rb];
    let i = 0;
    let where = 1; // CR0[LT,GT,EQ]: 0b010 zero byte in RS, 0b100 in RB, 0b001 none (PPC440x5 manual, dlmzb; QEMU helper_dlmzb)
    for (; i < 8; i++) {
      const byte = (i < 4 ? s >>> (24 - 8 * i) : b >>> (24 - 8 * (i - 4))) & 0xff;
      if (byte === 0) {
        where = i < 4 ? 2 : 4;
        break;
      }
    }
    const n = i < 8 ? i + 1 : 8;
    this.gpr[ra] = n;
    this.xer = (this.xer & ~0x7f) | n;
    if (rc) this.setCrField(0, (where << 1) | (this.xer >>> 31));
  }

  /** mfapidi: the 440 has no auxiliary processor, and QEMU 7.2 raises an illegal-instruction
   *  program interrupt for it; so does the machine. */
  mfapidi(_rt: number, _ra: number): void {
    this.exitEsr = ESR_PIL;
    this.exit(Exit.Program);
  }

  /** A word the machine has no semantics for ends the run with a clear report (the dispatch
   *  fallback for an id of the role without a case, and future scaffolded stubs). */
  unimplemented(name: string): void {
    this.exitName = name;
    this.exit(Exit.Unimpl);
  }

  /** Ids outside the vCPU role: floating point (runs here while MSR[FP] is 1), privileged
   *  (ROLE_EMULATE: a program interrupt kvm emulates from guest supervisor state) and illegal
   *  (no role: invalid words, and the entries illegal on the 440 such as isel and udi*). A
   *  method, not a closure per machine: optimised code of `run` that calls the warm-up machine's
   *  closure deoptimises at another machine's ("wrong call target"). */
  notVcpu(id: number, w: number): void {
    const role = ROLES[id];
    if (role & ROLE_FPU) {
      if (this.fpEnabled) execFpu(this, id, w, this.outsideRole);
      else this.exit(Exit.Fpu);
    } else {
      this.exitEsr = role & ROLE_EMULATE ? ESR_PPR : ESR_PIL;
      this.exit(Exit.Program);
    }
  }

  /** An id of the role without a case in the generated dispatch (tables newer than the build). */
  private readonly outsideRole = (id: number, _w: number): void => {
    this.unimplemented(INFO[id].entry);
  };

  // ---- floating point (fpu.ts holds the registers and computes) ------------------------------
  // These run only while the guest's MSR[FP] is 1 (`fpEnabled`); otherwise the run loop exits
  // with Exit.Fpu before dispatch and kvm delivers FP Unavailable.

  /** Loads a double (two big-endian words; both are read before FRT changes). */
  private lfdAt(frt: number, ra: number, ea: number, update: boolean): void {
    const hi = this.load(ea, 4);
    if (this.exitCode !== Exit.None) return;
    const lo = this.load((ea + 4) | 0, 4);
    if (this.exitCode !== Exit.None) return;
    this.fpu.setRaw(frt, hi >>> 0, lo >>> 0);
    if (update) this.gpr[ra] = ea;
  }
  private lfsAt(frt: number, ra: number, ea: number, update: boolean): void {
    const v = this.load(ea, 4);
    if (this.exitCode !== Exit.None) return;
    const [hi, lo] = fromSingleBits(v >>> 0);
    this.fpu.setRaw(frt, hi, lo);
    if (update) this.gpr[ra] = ea;
  }
  /** Stores a double; a second word that exits leaves the first written, and the instruction is
   *  re-executed after the fill (the same bytes again). */
  private stfdAt(t: number, ra: number, ea: number, update: boolean): void {
    this.store(ea, 4, this.fpu.fpr[2 * t] | 0);
    if (this.exitCode !== Exit.None) return;
    this.store((ea + 4) | 0, 4, this.fpu.fpr[2 * t + 1] | 0);
    if (this.exitCode !== Exit.None) return;
    if (update) this.gpr[ra] = ea;
  }
  private stfsAt(t: number, ra: number, ea: number, update: boolean): void {
    this.store(ea, 4, toSingleBits(this.fpu.fpr[2 * t], this.fpu.fpr[2 * t + 1]) | 0);
    if (this.exitCode !== Exit.None) return;
    if (update) this.gpr[ra] = ea;
  }
  lfs(frt: number, ra: number, d: number): void {
    this.lfsAt(frt, ra, this.ea_d(ra, d), false);
  }
  lfsu(frt: number, ra: number, d: number): void {
    this.lfsAt(frt, ra, this.ea_d(ra, d), true);
  }
  lfsx(frt: number, ra: number, rb: number): void {
    this.lfsAt(frt, ra, this.ea_x(ra, rb), false);
  }
  lfsux(frt: number, ra: number, rb: number): void {
    this.lfsAt(frt, ra, this.ea_x(ra, rb), true);
  }
  lfd(frt: number, ra: number, d: number): void {
    this.lfdAt(frt, ra, this.ea_d(ra, d), false);
  }
  lfdu(frt: number, ra: number, d: number): void {
    this.lfdAt(frt, ra, this.ea_d(ra, d), true);
  }
  lfdx(frt: number, ra: number, rb: number): void {
    this.lfdAt(frt, ra, this.ea_x(ra, rb), false);
  }
  lfdux(frt: number, ra: number, rb: number): void {
    this.lfdAt(frt, ra, this.ea_x(ra, rb), true);
  }
  stfs(frt: number, ra: number, d: number): void {
    this.stfsAt(frt, ra, this.ea_d(ra, d), false);
  }
  stfsu(frt: number, ra: number, d: number): void {
    this.stfsAt(frt, ra, this.ea_d(ra, d), true);
  }
  stfsx(frt: number, ra: number, rb: number): void {
    this.stfsAt(frt, ra, this.ea_x(ra, rb), false);
  }
  stfsux(frt: number, ra: number, rb: number): void {
    this.stfsAt(frt, ra, this.ea_x(ra, rb), true);
  }
  stfd(frt: number, ra: number, d: number): void {
    this.stfdAt(frt, ra, this.ea_d(ra, d), false);
  }
  stfdu(frt: number, ra: number, d: number): void {
    this.stfdAt(frt, ra, this.ea_d(ra, d), true);
  }
  stfdx(frt: number, ra: number, rb: number): void {
    this.stfdAt(frt, ra, this.ea_x(ra, rb), false);
  }
  stfdux(frt: number, ra: number, rb: number): void {
    this.stfdAt(frt, ra, this.ea_x(ra, rb), true);
  }
  stfiwx(frt: number, ra: number, rb: number): void {
    this.store(this.ea_x(ra, rb), 4, this.fpu.fpr[2 * frt + 1] | 0);
  }

  /** Rc=1: CR1 = FPSCR[FX FEX VX OX]. */
  private fpRecord(rc: number): void {
    if (rc) this.setCrField(1, this.fpu.cr1());
  }
  /** FRT ← FRA op FRB (FRC for fmul). */
  private fpArith(
    frt: number,
    fra: number,
    frb: number,
    rc: number,
    op: FpOp,
    single: boolean,
  ): void {
    this.fpu.arith(op, frt, fra, frb, single);
    this.fpRecord(rc);
  }
  private fpMadd(
    frt: number,
    fra: number,
    frc: number,
    frb: number,
    rc: number,
    subtract: boolean,
    negate: boolean,
    single: boolean,
  ): void {
    this.fpu.madd(frt, fra, frc, frb, subtract, negate, single);
    this.fpRecord(rc);
  }
  fadd(frt: number, fra: number, frb: number, rc: number): void {
    this.fpArith(frt, fra, frb, rc, "add", false);
  }
  fadds(frt: number, fra: number, frb: number, rc: number): void {
    this.fpArith(frt, fra, frb, rc, "add", true);
  }
  fsub(frt: number, fra: number, frb: number, rc: number): void {
    this.fpArith(frt, fra, frb, rc, "sub", false);
  }
  fsubs(frt: number, fra: number, frb: number, rc: number): void {
    this.fpArith(frt, fra, frb, rc, "sub", true);
  }
  fmul(frt: number, fra: number, frc: number, rc: number): void {
    this.fpArith(frt, fra, frc, rc, "mul", false);
  }
  fmuls(frt: number, fra: number, frc: number, rc: number): void {
    this.fpArith(frt, fra, frc, rc, "mul", true);
  }
  fdiv(frt: number, fra: number, frb: number, rc: number): void {
    this.fpArith(frt, fra, frb, rc, "div", false);
  }
  fdivs(frt: number, fra: number, frb: number, rc: number): void {
    this.fpArith(frt, fra, frb, rc, "div", true);
  }
  fmadd(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, false, false, false);
  }
  fmadds(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, false, false, true);
  }
  fmsub(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, true, false, false);
  }
  fmsubs(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, true, false, true);
  }
  fnmadd(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, false, true, false);
  }
  fnmadds(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, false, true, true);
  }
  fnmsub(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, true, true, false);
  }
  fnmsubs(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    this.fpMadd(frt, fra, frc, frb, rc, true, true, true);
  }
  fsqrt(frt: number, frb: number, rc: number): void {
    this.fpu.fsqrt(frt, frb, false);
    this.fpRecord(rc);
  }
  fsqrts(frt: number, frb: number, rc: number): void {
    this.fpu.fsqrt(frt, frb, true);
    this.fpRecord(rc);
  }
  /** fres/frsqrte (estimates: fpu.ts). Bit 15 is reserved on the 440 (the tables' l15 is a later
   *  ISA's field): set, the form is invalid, and the PPC440x5 manual (9.2) says the core executes
   *  invalid forms without an Illegal Instruction exception; so does the machine. */
  fres(frt: number, _l15: number, frb: number, rc: number): void {
    this.fpu.fres(frt, frb);
    this.fpRecord(rc);
  }
  frsqrte(frt: number, _l15: number, frb: number, rc: number): void {
    this.fpu.frsqrte(frt, frb);
    this.fpRecord(rc);
  }
  /** fsel: FRC when FRA >= 0 (not a NaN), else FRB; moves bits and leaves the FPSCR alone. */
  fsel(frt: number, fra: number, frb: number, frc: number, rc: number): void {
    const src = this.fpu.get(fra) >= 0 ? frc : frb;
    this.fpMove(frt, rc, src, 0, 0);
  }
  frsp(frt: number, frb: number, rc: number): void {
    this.fpu.frsp(frt, frb);
    this.fpRecord(rc);
  }
  fctiw(frt: number, frb: number, rc: number): void {
    this.fpu.fctiw(frt, frb, false);
    this.fpRecord(rc);
  }
  fctiwz(frt: number, frb: number, rc: number): void {
    this.fpu.fctiw(frt, frb, true);
    this.fpRecord(rc);
  }
  fcmpu(bf: number, fra: number, frb: number): void {
    this.setCrField(bf, this.fpu.compare(fra, frb, false));
  }
  fcmpo(bf: number, fra: number, frb: number): void {
    this.setCrField(bf, this.fpu.compare(fra, frb, true));
  }
  /** The moves copy bits, changing only the sign: and-mask then or-mask on the high word. */
  private fpMove(frt: number, rc: number, src: number, clear: number, set: number): void {
    const f = this.fpu.fpr;
    this.fpu.setRaw(frt, ((f[2 * src] & ~clear) | set) >>> 0, f[2 * src + 1]);
    this.fpRecord(rc);
  }
  fmr(frt: number, frb: number, rc: number): void {
    this.fpMove(frt, rc, frb, 0, 0);
  }
  fneg(frt: number, frb: number, rc: number): void {
    const b = frb;
    this.fpMove(frt, rc, b, 0x80000000, ~this.fpu.fpr[2 * b] & 0x80000000);
  }
  fabs(frt: number, frb: number, rc: number): void {
    this.fpMove(frt, rc, frb, 0x80000000, 0);
  }
  fnabs(frt: number, frb: number, rc: number): void {
    this.fpMove(frt, rc, frb, 0, 0x80000000);
  }
  /** mffs: FRT = 0xfff80000 : FPSCR, as QEMU 7.2 and the 440 leave the high word. */
  mffs(frt: number, rc: number): void {
    this.fpu.setRaw(frt, 0xfff80000, this.fpu.fpscr);
    this.fpRecord(rc);
  }
  mtfsf(flm: number, frb: number, rc: number): void {
    this.fpu.mtfsf(flm, frb);
    this.fpRecord(rc);
  }
  mtfsfi(bf: number, fpimm: number, rc: number): void {
    this.fpu.mtfsfi(bf, fpimm);
    this.fpRecord(rc);
  }
  mtfsb0(fpscr_bt: number, rc: number): void {
    this.fpu.mtfsb(fpscr_bt, false);
    this.fpRecord(rc);
  }
  mtfsb1(fpscr_bt: number, rc: number): void {
    this.fpu.mtfsb(fpscr_bt, true);
    this.fpRecord(rc);
  }
  mcrfs(bf: number, bfa: number): void {
    this.setCrField(bf, this.fpu.mcrfs(bfa));
  }
}

/**
 * The second tier: `run` compiled again with the generated dispatch switch (`switchVcpu`) in
 * place of its first tier's table call, as on MIPS: with the switch in the loop V8 inlines the
 * hot handlers (crc32-long: 0.72 of the CPU of the table at 0b7daa1). The TypeScript `run`
 * stays the source; when its compiled text cannot be matched (instrumented code), undefined.
 */
function inlineDispatch(): Ppc440Machine["run"] | undefined {
  const src = firstTierSource(AS_WRITTEN, TIER_CALL);
  if (src === undefined) return undefined;
  const cases = switchVcpu.replace("default: x = outside(", "default: x = h.notVcpu(");
  const body = src.replace(TIER_CALL, `let x; const h = this; ${cases}`);
  // The text must not name module bindings (Exit is a const enum, inlined).
  if (/\b(?:Exit|execVcpu|decode)\d*\b(?!\s*:)/.test(body.replace(/this\.\w+/g, "")))
    return undefined;
  return new Function(`"use strict"; return function ${body}`)() as Ppc440Machine["run"];
}

/** `run` as written (the TypeScript source of both tiers). */
const AS_WRITTEN = Ppc440Machine.prototype.run;

/** The first tier's call in run's text as tsx, vitest or the CLI bundle print it: the second
 *  tier puts the switch in its place. */
const TIER_CALL = /const x\s*=\s*firstTier\[id\]\(this,\s*w\);/;

/** run's text is as written, so the second tier can be built from it (a bundler that rewrote
 *  it would leave the vCPU on its first tier; tests and the web page check it). */
export const DISPATCH_INLINED = firstTierSource(AS_WRITTEN, TIER_CALL) !== undefined;

/** The entries the first tier dispatches in a switch of its own, in front of its table
 *  (core/tiers.ts `hotFirstTier`): the twelve most executed in the Bamboo boot, 78% of its
 *  63 M instructions (sampled every 997). Bamboo boot, alternating fresh processes: 0.88-0.93 s
 *  against 1.05-1.11 s with the table alone (8 pairs), about the same with 16 or 20 entries,
 *  slower with 30 (V8 optimises the bigger loop later); crc32 (6.7 M instructions) 5% slower. */
export const HOT_ENTRIES: ReadonlySet<string> = new Set([
  "bc",
  "addi",
  "lwz",
  "stw",
  "rlwinm",
  "add",
  "cmpl",
  "subf",
  "or",
  "mfspr",
  "cmpi",
  "b",
]);

/** The first tier: `run` with HOT_ENTRIES' cases before the table call (as written if its
 *  text cannot be matched), in place on the prototype before anything is compiled. */
const FIRST_TIER_RUN: Ppc440Machine["run"] =
  hotFirstTier(
    AS_WRITTEN,
    TIER_CALL,
    switchVcpu,
    (id) => INFO[id].entry,
    HOT_ENTRIES,
    (cases) =>
      `let x; const h = this; switch (id) {\n${cases}\ndefault: x = firstTier[id](this, w);\n}`,
  ) ?? AS_WRITTEN;
Ppc440Machine.prototype.run = FIRST_TIER_RUN;

/** Guest instructions after which a kvm builds the second tier (`SECOND_TIER`, through a
 *  core/tiers.ts TierSchedule). */
export const SECOND_TIER_AFTER = 64_000_000;

/** Guest instructions between building the second tier and installing it, while V8 optimises
 *  it in the background. */
export const SECOND_TIER_DELAY = 30_000_000;

/** The second tier, built and warmed once per process. */
export const SECOND_TIER = new SecondTier<Ppc440Machine["run"]>(
  () => {
    const run = inlineDispatch();
    if (run !== undefined) warmRun(run);
    return run;
  },
  Ppc440Machine.prototype,
  "run",
);

/** The dispatch warm-up (core/warm.ts) of `run`, first or second tier, through `run` itself,
 *  whose call sites are the ones a guest's code reaches (warming through execVcpu left the
 *  Bamboo boot recompiling the switch's `run` 20-28 times). Each word alone at 0x800 of a
 *  scratch page, RA/RB/RT picking registers holding 0, small or large values; the machine is
 *  discarded. */
function warmRun(run: Ppc440Machine["run"]): void {
  const memory = new GuestMemory(false);
  memory.addRam({ base: 0, size: 0x2000, name: "dispatch warm-up" });
  const m = new Ppc440Machine(memory);
  m.fpEnabled = true;
  m.shadowFill(0, 0, true, true, true);
  // The memory helpers' rare paths (an access across a page, MMIO), which no word below
  // reaches: without feedback there, the first such access after `run` is optimised
  // deoptimises it (a Bamboo boot compiled `run` five times, 250-700 ms of CPU each).
  // Kernel addresses (above 2^31) too, and MMIO pages and values as a board has them: numbers
  // beyond V8's small integers (mmioPage changing representation was a `wrong map` deopt).
  m.shadowFill(1, 0x1000, true, true, true);
  m.shadowFill(0xc0000, 0, true, true, true);
  m.shadowFill(0xc0001, 0x1000, true, true, true);
  m.mmioVpn = 3;
  m.mmioPage = 0xef600000;
  m.onMmio = (pa) => (pa & 1 ? 0xfedcba98 : 1);
  m.warmMemoryPaths();
  m.mmioVpn = -1;
  // And run's own exit on a fetch from an unmapped page.
  m.pc = 0x7000;
  run.call(m, m.icount + 1);
  warmDispatch(INFO, ROLES, ROLE_VCPU | ROLE_FPU, (w) => {
    for (let r = 0; r < 32; r++) m.gpr[r] = r < 8 ? 0 : r < 16 ? r * 4 : -r;
    m.view.setInt32(0x800, w);
    m.invalidateCode(0x800, 4);
    m.pc = 0x800;
    run.call(m, m.icount + 1);
  });
}
warmRun(FIRST_TIER_RUN);
