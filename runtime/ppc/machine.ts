// The PowerPC 440 vCPU as the "hardware" of seeds 002/004: it runs guest code the way a 440
// host ran a KVM guest, with MSR[PR]=1 in address space 1. Every user-level instruction of the
// ppc440 ISA executes here; everything else leaves as an exit for kvm.ts:
//
//   - privileged instructions (INFO.privileged, or mfspr/mtspr of an SPR user state may not
//     touch) and illegal ones (INFO.illegalOnCore, e.g. isel) → X_PROGRAM with the ESR bit a
//     real 440 would set (PPR / PIL), traps (tw, twi) → X_PROGRAM with ESR[PTR], sc → X_SC;
//   - floating point while the guest's MSR[FP] is 0 → X_FPU (kvm delivers FP Unavailable);
//   - `b .`, a branch to itself → X_SPIN (kvm fast-forwards to the next interrupt, or stops);
//   - a fetch or data access whose page the hardware TLB does not map → X_ITLB / X_DTLB; the
//     same for a permission the shadow entry lacks (kvm re-checks the guest TLB);
//   - MMIO: kvm answers a DTLB exit on a non-RAM guest mapping by re-running the instruction
//     once with `mmioVpn`/`mmioPage` set; that access goes to `onMmio` (KVM's userspace exit).
//
// The hardware TLB holds 64 shadow entries of 4 KB, written directly by kvm.ts and replaced
// round-robin (seed 004: "store shadow mappings directly into the hardware TLB, accepting that
// the host kernel will clobber these as part of the normal 440 TLB round robin"). In front of it
// sit three flat per-page tables (read, write, execute; 2^20 entries each, host RAM offset + 1)
// which are the per-vCPU translation cache: they change exactly when the 64 entries change.
//
// Instruction words are predecoded per RAM word into a Uint16Array (generated decode() id + 1),
// filled on first execution and cleared by every store to that word. Execution goes through the
// generated dispatchId with this class as the `Handlers` implementation.
//
// The timebase counts one tick per instruction (deterministic; the guests never print it).

import { decode, INFO, methodTable, OP_COUNT, type Handlers } from "../../generated/ppc440/index.ts";
import * as F from "../../generated/ppc440/operands.ts";
import type { GuestMemory } from "../vmm/memory.ts";
import { fromSingleBits, Ppc440Fpu, toSingleBits, type FpOp } from "./fpu.ts";

// Exit codes returned by `run`.
export const X_NONE = 0; // slice ended (instruction limit)
export const X_PROGRAM = 1; // exitEsr: ESR_PIL / ESR_PPR / ESR_PTR; exitWord
export const X_SC = 2;
export const X_ITLB = 3; // exitEa = pc
export const X_DTLB = 4; // exitEa, exitWrite
export const X_FPU = 5; // floating-point instruction
export const X_UNIMPL = 6; // exitName: an instruction the machine does not implement
export const X_ALIGN = 7; // exitEa: lwarx/stwcx. not word aligned
export const X_SPIN = 8; // `b .` at pc, not retired: only an interrupt can leave it

export const ESR_PIL = 0x08000000;
export const ESR_PPR = 0x04000000;
export const ESR_PTR = 0x02000000;
export const ESR_ST = 0x00800000;

export const SHADOW_ENTRIES = 64;

// Per-op class, looked up once per instruction: 0 run here, 1 privileged, 2 illegal, 3 FP.
const K_RUN = 0;
const K_PRIV = 1;
const K_ILLEGAL = 2;
const K_FP = 3;
const OPCLASS = new Uint8Array(OP_COUNT);
for (const info of INFO) {
  if (info.illegalOnCore || info.id === 0) OPCLASS[info.id] = K_ILLEGAL;
  else if (info.privileged) OPCLASS[info.id] = K_PRIV;
  else if (info.source.includes("/fp.yaml")) OPCLASS[info.id] = K_FP;
  // The user-defined instructions (udi*) have no decoder on the 440EP: illegal.
  else if (info.entry.startsWith("udi")) OPCLASS[info.id] = K_ILLEGAL;
}

// The handler of each decoded id: the generated methodTable, filled once the class exists
// (bottom of this file). The run loop calls `EXEC[id].call(this, w)`.
type Exec = (this: Ppc440Machine, w: number) => void;
let EXEC: Exec[] = [];

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

export class Ppc440Machine implements Handlers<void> {
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
  private exitCode = X_NONE;

  // RAM (one slot at guest-physical 0) and the predecode cache.
  private readonly ram: Uint8Array;
  private readonly view: DataView;
  readonly ramBytes: number;
  private readonly pre: Uint16Array;

  // Translation cache over the shadow TLB: host offset of the page + 1, or 0.
  private readonly rdMap = new Int32Array(1 << 20);
  private readonly wrMap = new Int32Array(1 << 20);
  private readonly exMap = new Int32Array(1 << 20);
  // The 64 hardware entries: guest-virtual page (or -1) and round-robin victim.
  readonly shadowVpn = new Int32Array(SHADOW_ENTRIES).fill(-1);
  /** The guest TLB entry each shadow entry was filled from (kvm's tag), or -1. */
  readonly shadowSource = new Int8Array(SHADOW_ENTRIES).fill(-1);
  private victim = 0;
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
  }

  get tb(): number {
    return this.icount + this.tbOffset;
  }

  // ---- shadow TLB (written by kvm) -------------------------------------------------------

  /** Writes a 4 KB shadow entry for guest-virtual page `vpn` → RAM page `pa`, round-robin. */
  shadowFill(vpn: number, pa: number, r: boolean, w: boolean, x: boolean, source = -1): void {
    // Already present (e.g. a permission upgrade): rewrite in place.
    let slot = -1;
    for (let i = 0; i < SHADOW_ENTRIES; i++) if (this.shadowVpn[i] === vpn) slot = i;
    if (slot < 0) {
      slot = this.victim;
      this.victim = (this.victim + 1) & (SHADOW_ENTRIES - 1);
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
    for (let i = 0; i < SHADOW_ENTRIES; i++) {
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
    for (let i = 0; i < SHADOW_ENTRIES; i++) {
      const v = this.shadowVpn[i];
      if (v >= 0) this.unmap(v);
      this.shadowVpn[i] = -1;
    }
    this.fetchVpn = -1;
  }

  /** Host code wrote RAM behind the machine's back (loader, DMA): forget predecoded words. */
  invalidateCode(pa = 0, len = this.ramBytes): void {
    this.pre.fill(0, pa >>> 2, Math.min(this.pre.length, (pa + len + 3) >>> 2));
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
  run(limit: number): number {
    this.exitCode = X_NONE;
    const pre = this.pre;
    const view = this.view;
    while (this.icount < limit) {
      const pc = this.pc;
      const vpn = pc >>> 12;
      if (vpn !== this.fetchVpn) {
        const e = this.exMap[vpn];
        if (e === 0) {
          this.exitEa = pc;
          return X_ITLB;
        }
        this.fetchVpn = vpn;
        this.fetchBase = e - 1;
      }
      const off = this.fetchBase + (pc & 0xfff);
      const w = view.getInt32(off);
      let id = pre[off >>> 2];
      if (id === 0) {
        id = decode(w) + 1;
        pre[off >>> 2] = id;
      }
      id--;
      const k = OPCLASS[id];
      if (k !== K_RUN) {
        this.exitWord = w;
        if (k === K_FP) {
          if (!this.fpEnabled) return X_FPU;
        } else {
          this.exitEsr = k === K_PRIV ? ESR_PPR : ESR_PIL;
          return X_PROGRAM;
        }
      }
      this.npc = (pc + 4) | 0;
      EXEC[id].call(this, w);
      if (this.exitCode !== X_NONE) {
        this.exitWord = w;
        return this.exitCode;
      }
      this.pc = this.npc;
      this.icount++;
    }
    return X_NONE;
  }

  /** Called by kvm after emulating the instruction at pc. */
  retire(nextPc: number): void {
    this.pc = nextPc | 0;
    this.icount++;
  }

  private exit(code: number): void {
    this.exitCode = code;
  }

  // ---- memory ----------------------------------------------------------------------------

  private dmiss(ea: number, write: boolean): void {
    this.exitEa = ea | 0;
    this.exitWrite = write;
    this.exitCode = X_DTLB;
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
    ea >>>= 0;
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
      const b = this.load((ea + i) >>> 0, 1);
      if (this.exitCode !== X_NONE) return 0;
      v = (v << 8) | b;
    }
    return size === 4 ? v | 0 : v >>> 0;
  }

  private store(ea: number, size: 1 | 2 | 4, v: number): void {
    ea >>>= 0;
    if ((ea & 0xfff) <= 0x1000 - size) {
      const off = this.xlate(ea, true);
      if (off >= 0) {
        if (size === 4) this.view.setInt32(off, v);
        else if (size === 2) this.view.setUint16(off, v & 0xffff);
        else this.ram[off] = v;
        this.pre[off >>> 2] = 0;
        this.pre[(off + size - 1) >>> 2] = 0;
        return;
      }
      if (off === -2) {
        const mask = size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
        this.onMmio(this.mmioPage + (ea & 0xfff), size, true, (v & mask) >>> 0);
      }
      return;
    }
    // Check both pages before writing anything, then write byte by byte.
    if (this.xlate(ea, true) === -1 || this.xlate((ea + size - 1) >>> 0, true) === -1) return;
    for (let i = 0; i < size; i++) this.store((ea + i) >>> 0, 1, v >>> (8 * (size - 1 - i)));
  }

  private ea_d(w: number): number {
    const ra = F.ra(w);
    return ra === 0 ? F.d(w) : (this.gpr[ra] + F.d(w)) | 0;
  }

  private ea_x(w: number): number {
    const ra = F.ra(w);
    return ra === 0 ? this.gpr[F.rb(w)] : (this.gpr[ra] + this.gpr[F.rb(w)]) | 0;
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

  /** rt ← a + b + c with CA; OE/Rc from the XO-form word. */
  private addx(w: number, a: number, b: number, c: number, setCa: boolean): void {
    const r = (a + b + c) | 0;
    if (setCa) this.setCa((a >>> 0) + (b >>> 0) + c > 0xffffffff);
    if (w & 0x400) this.setOv(((a ^ r) & (b ^ r)) < 0);
    this.gpr[F.rt(w)] = r;
    if (w & 1) this.cr0(r);
  }

  private logical(w: number, r: number): void {
    this.gpr[F.ra(w)] = r;
    if (w & 1) this.cr0(r);
  }

  // ---- branches ----------------------------------------------------------------------------

  b(w: number): void {
    // `b .` (Linux's machine_hang, a bare-metal guest's end): kvm skips the idle time or ends
    // the run instead of the host executing the loop instruction by instruction.
    if (w === 0x48000000) return this.exit(X_SPIN);
    const target = (w & 2 ? F.li(w) : (this.pc + F.li(w)) | 0) | 0;
    if (w & 1) this.lr = this.npc;
    this.npc = target;
  }

  private cond(w: number, useCtr: boolean): boolean {
    const bo = F.bo(w);
    let ctrOk = true;
    if (useCtr && !(bo & 4)) {
      this.ctr = (this.ctr - 1) | 0;
      ctrOk = (this.ctr !== 0) !== ((bo & 2) !== 0);
    }
    const condOk = (bo & 16) !== 0 || this.crBit(F.bi(w)) === ((bo >>> 3) & 1);
    return ctrOk && condOk;
  }

  bc(w: number): void {
    const taken = this.cond(w, true);
    if (w & 1) this.lr = this.npc;
    if (taken) this.npc = (w & 2 ? F.bd(w) : (this.pc + F.bd(w)) | 0) | 0;
  }

  bclr(w: number): void {
    const target = this.lr & ~3;
    const taken = this.cond(w, true);
    if (w & 1) this.lr = this.npc;
    if (taken) this.npc = target;
  }

  bcctr(w: number): void {
    const taken = this.cond(w, false);
    if (w & 1) this.lr = this.npc;
    if (taken) this.npc = this.ctr & ~3;
  }

  sc(_w: number): void {
    this.exit(X_SC);
  }

  // ---- condition register ------------------------------------------------------------------

  mcrf(w: number): void {
    this.setCrField(F.bf(w), (this.cr >>> (28 - 4 * F.bfa(w))) & 0xf);
  }
  private crop(w: number, f: (a: number, b: number) => number): void {
    this.setCrBit((w >>> 21) & 31, f(this.crBit((w >>> 16) & 31), this.crBit((w >>> 11) & 31)) & 1);
  }
  crand(w: number): void {
    this.crop(w, (a, b) => a & b);
  }
  crandc(w: number): void {
    this.crop(w, (a, b) => a & ~b);
  }
  creqv(w: number): void {
    this.crop(w, (a, b) => ~(a ^ b));
  }
  crnand(w: number): void {
    this.crop(w, (a, b) => ~(a & b));
  }
  crnor(w: number): void {
    this.crop(w, (a, b) => ~(a | b));
  }
  cror(w: number): void {
    this.crop(w, (a, b) => a | b);
  }
  crorc(w: number): void {
    this.crop(w, (a, b) => a | ~b);
  }
  crxor(w: number): void {
    this.crop(w, (a, b) => a ^ b);
  }
  mfcr(w: number): void {
    this.gpr[F.rt(w)] = this.cr;
  }
  mfocrf(w: number): void {
    const m = F.fxm(w);
    let mask = 0;
    for (let i = 0; i < 8; i++) if (m & (0x80 >>> i)) mask |= 0xf << (28 - 4 * i);
    this.gpr[F.rt(w)] = this.cr & mask;
  }
  mtcrf(w: number): void {
    const m = F.fxm(w);
    let mask = 0;
    for (let i = 0; i < 8; i++) if (m & (0x80 >>> i)) mask |= 0xf << (28 - 4 * i);
    this.cr = (this.cr & ~mask) | (this.gpr[F.rs(w)] & mask);
  }
  mtocrf(w: number): void {
    this.mtcrf(w);
  }
  mcrxr(w: number): void {
    this.setCrField(F.bf(w), this.xer >>> 28);
    this.xer &= 0x0fffffff;
  }

  // ---- integer arithmetic ------------------------------------------------------------------

  addi(w: number): void {
    const ra = F.ra(w);
    this.gpr[F.rt(w)] = ra === 0 ? F.si(w) : (this.gpr[ra] + F.si(w)) | 0;
  }
  addis(w: number): void {
    const ra = F.ra(w);
    const v = F.si(w) << 16;
    this.gpr[F.rt(w)] = ra === 0 ? v : (this.gpr[ra] + v) | 0;
  }
  addic(w: number): void {
    const a = this.gpr[F.ra(w)],
      b = F.si(w);
    this.setCa((a >>> 0) + (b >>> 0) > 0xffffffff);
    this.gpr[F.rt(w)] = (a + b) | 0;
  }
  addic_dot(w: number): void {
    this.addic(w);
    this.cr0(this.gpr[F.rt(w)]);
  }
  subfic(w: number): void {
    const a = this.gpr[F.ra(w)],
      b = F.si(w);
    this.setCa((~a >>> 0) + (b >>> 0) + 1 > 0xffffffff);
    this.gpr[F.rt(w)] = (b - a) | 0;
  }
  mulli(w: number): void {
    this.gpr[F.rt(w)] = Math.imul(this.gpr[F.ra(w)], F.si(w));
  }
  add(w: number): void {
    this.addx(w, this.gpr[F.ra(w)], this.gpr[F.rb(w)], 0, false);
  }
  addc(w: number): void {
    this.addx(w, this.gpr[F.ra(w)], this.gpr[F.rb(w)], 0, true);
  }
  adde(w: number): void {
    this.addx(w, this.gpr[F.ra(w)], this.gpr[F.rb(w)], this.ca(), true);
  }
  addme(w: number): void {
    this.addx(w, this.gpr[F.ra(w)], -1, this.ca(), true);
  }
  addze(w: number): void {
    this.addx(w, this.gpr[F.ra(w)], 0, this.ca(), true);
  }
  subf(w: number): void {
    this.addx(w, ~this.gpr[F.ra(w)], this.gpr[F.rb(w)], 1, false);
  }
  subfc(w: number): void {
    this.addx(w, ~this.gpr[F.ra(w)], this.gpr[F.rb(w)], 1, true);
  }
  subfe(w: number): void {
    this.addx(w, ~this.gpr[F.ra(w)], this.gpr[F.rb(w)], this.ca(), true);
  }
  subfme(w: number): void {
    this.addx(w, ~this.gpr[F.ra(w)], -1, this.ca(), true);
  }
  subfze(w: number): void {
    this.addx(w, ~this.gpr[F.ra(w)], 0, this.ca(), true);
  }
  neg(w: number): void {
    this.addx(w, ~this.gpr[F.ra(w)], 0, 1, false);
  }
  mullw(w: number): void {
    const a = this.gpr[F.ra(w)],
      b = this.gpr[F.rb(w)];
    const r = Math.imul(a, b);
    if (w & 0x400) {
      const p = a * b; // exact near the 32-bit bounds
      this.setOv(p > 0x7fffffff || p < -0x80000000);
    }
    this.gpr[F.rt(w)] = r;
    if (w & 1) this.cr0(r);
  }
  mulhw(w: number): void {
    const r = mulhs(this.gpr[F.ra(w)], this.gpr[F.rb(w)]);
    this.gpr[F.rt(w)] = r;
    if (w & 1) this.cr0(r);
  }
  mulhwu(w: number): void {
    const r = mulhu(this.gpr[F.ra(w)], this.gpr[F.rb(w)]);
    this.gpr[F.rt(w)] = r;
    if (w & 1) this.cr0(r);
  }
  divw(w: number): void {
    const a = this.gpr[F.ra(w)],
      b = this.gpr[F.rb(w)];
    const bad = b === 0 || (a === -0x80000000 && b === -1);
    // RT is undefined on overflow; this gives 0 (the guests do not print it).
    const r = bad ? 0 : (a / b) | 0;
    if (w & 0x400) this.setOv(bad);
    this.gpr[F.rt(w)] = r;
    if (w & 1) this.cr0(r);
  }
  divwu(w: number): void {
    const a = this.gpr[F.ra(w)] >>> 0,
      b = this.gpr[F.rb(w)] >>> 0;
    const bad = b === 0;
    const r = bad ? 0 : Math.floor(a / b) | 0;
    if (w & 0x400) this.setOv(bad);
    this.gpr[F.rt(w)] = r;
    if (w & 1) this.cr0(r);
  }

  private cmpField(a: number, b: number): number {
    return (a < b ? 8 : a > b ? 4 : 2) | (this.xer >>> 31);
  }
  cmpi(w: number): void {
    this.setCrField(F.bf(w), this.cmpField(this.gpr[F.ra(w)], F.si(w)));
  }
  cmpli(w: number): void {
    this.setCrField(F.bf(w), this.cmpField(this.gpr[F.ra(w)] >>> 0, F.ui(w)));
  }
  cmp(w: number): void {
    this.setCrField(F.bf(w), this.cmpField(this.gpr[F.ra(w)], this.gpr[F.rb(w)]));
  }
  cmpl(w: number): void {
    this.setCrField(F.bf(w), this.cmpField(this.gpr[F.ra(w)] >>> 0, this.gpr[F.rb(w)] >>> 0));
  }

  private trap(w: number, a: number, b: number): void {
    const to = F.to(w);
    if (
      (to & 16 && a < b) ||
      (to & 8 && a > b) ||
      (to & 4 && a === b) ||
      (to & 2 && a >>> 0 < b >>> 0) ||
      (to & 1 && a >>> 0 > b >>> 0)
    ) {
      this.exitEsr = ESR_PTR;
      this.exit(X_PROGRAM);
    }
  }
  twi(w: number): void {
    this.trap(w, this.gpr[F.ra(w)], F.si(w));
  }
  tw(w: number): void {
    this.trap(w, this.gpr[F.ra(w)], this.gpr[F.rb(w)]);
  }

  // ---- logical, rotate, shift --------------------------------------------------------------

  andi(w: number): void {
    const r = this.gpr[F.rs(w)] & F.ui(w);
    this.gpr[F.ra(w)] = r;
    this.cr0(r);
  }
  andis(w: number): void {
    const r = this.gpr[F.rs(w)] & (F.ui(w) << 16);
    this.gpr[F.ra(w)] = r;
    this.cr0(r);
  }
  ori(w: number): void {
    this.gpr[F.ra(w)] = this.gpr[F.rs(w)] | F.ui(w);
  }
  oris(w: number): void {
    this.gpr[F.ra(w)] = this.gpr[F.rs(w)] | (F.ui(w) << 16);
  }
  xori(w: number): void {
    this.gpr[F.ra(w)] = this.gpr[F.rs(w)] ^ F.ui(w);
  }
  xoris(w: number): void {
    this.gpr[F.ra(w)] = this.gpr[F.rs(w)] ^ (F.ui(w) << 16);
  }
  and(w: number): void {
    this.logical(w, this.gpr[F.rs(w)] & this.gpr[F.rb(w)]);
  }
  andc(w: number): void {
    this.logical(w, this.gpr[F.rs(w)] & ~this.gpr[F.rb(w)]);
  }
  or(w: number): void {
    this.logical(w, this.gpr[F.rs(w)] | this.gpr[F.rb(w)]);
  }
  orc(w: number): void {
    this.logical(w, this.gpr[F.rs(w)] | ~this.gpr[F.rb(w)]);
  }
  xor(w: number): void {
    this.logical(w, this.gpr[F.rs(w)] ^ this.gpr[F.rb(w)]);
  }
  nand(w: number): void {
    this.logical(w, ~(this.gpr[F.rs(w)] & this.gpr[F.rb(w)]));
  }
  nor(w: number): void {
    this.logical(w, ~(this.gpr[F.rs(w)] | this.gpr[F.rb(w)]));
  }
  eqv(w: number): void {
    this.logical(w, ~(this.gpr[F.rs(w)] ^ this.gpr[F.rb(w)]));
  }
  extsb(w: number): void {
    this.logical(w, (this.gpr[F.rs(w)] << 24) >> 24);
  }
  extsh(w: number): void {
    this.logical(w, (this.gpr[F.rs(w)] << 16) >> 16);
  }
  cntlzw(w: number): void {
    this.logical(w, Math.clz32(this.gpr[F.rs(w)]));
  }
  rlwimi(w: number): void {
    const m = mask32(F.mb(w), F.me(w));
    const r = (rotl(this.gpr[F.rs(w)], F.sh(w)) & m) | (this.gpr[F.ra(w)] & ~m);
    this.logical(w, r);
  }
  rlwinm(w: number): void {
    this.logical(w, rotl(this.gpr[F.rs(w)], F.sh(w)) & mask32(F.mb(w), F.me(w)));
  }
  rlwnm(w: number): void {
    this.logical(w, rotl(this.gpr[F.rs(w)], this.gpr[F.rb(w)] & 31) & mask32(F.mb(w), F.me(w)));
  }
  slw(w: number): void {
    const n = this.gpr[F.rb(w)] & 0x3f;
    this.logical(w, n > 31 ? 0 : this.gpr[F.rs(w)] << n);
  }
  srw(w: number): void {
    const n = this.gpr[F.rb(w)] & 0x3f;
    this.logical(w, n > 31 ? 0 : (this.gpr[F.rs(w)] >>> n) | 0);
  }
  private srawBy(w: number, n: number): void {
    const s = this.gpr[F.rs(w)];
    if (n > 31) {
      this.setCa(s < 0);
      this.logical(w, s >> 31);
    } else {
      this.setCa(s < 0 && n > 0 && (s & ((1 << n) - 1)) !== 0);
      this.logical(w, s >> n);
    }
  }
  sraw(w: number): void {
    this.srawBy(w, this.gpr[F.rb(w)] & 0x3f);
  }
  srawi(w: number): void {
    this.srawBy(w, F.sh(w));
  }

  // ---- loads and stores --------------------------------------------------------------------

  private ld(w: number, ea: number, size: 1 | 2 | 4, signed: boolean, update: boolean): void {
    let v = this.load(ea, size);
    if (this.exitCode !== X_NONE) return;
    if (signed && size === 2) v = (v << 16) >> 16;
    this.gpr[F.rt(w)] = v;
    if (update) this.gpr[F.ra(w)] = ea;
  }
  private st(w: number, ea: number, size: 1 | 2 | 4, update: boolean): void {
    this.store(ea, size, this.gpr[F.rs(w)]);
    if (this.exitCode !== X_NONE) return;
    if (update) this.gpr[F.ra(w)] = ea;
  }
  lbz(w: number): void {
    this.ld(w, this.ea_d(w), 1, false, false);
  }
  lbzu(w: number): void {
    this.ld(w, this.ea_d(w), 1, false, true);
  }
  lhz(w: number): void {
    this.ld(w, this.ea_d(w), 2, false, false);
  }
  lhzu(w: number): void {
    this.ld(w, this.ea_d(w), 2, false, true);
  }
  lha(w: number): void {
    this.ld(w, this.ea_d(w), 2, true, false);
  }
  lhau(w: number): void {
    this.ld(w, this.ea_d(w), 2, true, true);
  }
  lwz(w: number): void {
    this.ld(w, this.ea_d(w), 4, false, false);
  }
  lwzu(w: number): void {
    this.ld(w, this.ea_d(w), 4, false, true);
  }
  stb(w: number): void {
    this.st(w, this.ea_d(w), 1, false);
  }
  stbu(w: number): void {
    this.st(w, this.ea_d(w), 1, true);
  }
  sth(w: number): void {
    this.st(w, this.ea_d(w), 2, false);
  }
  sthu(w: number): void {
    this.st(w, this.ea_d(w), 2, true);
  }
  stw(w: number): void {
    this.st(w, this.ea_d(w), 4, false);
  }
  stwu(w: number): void {
    this.st(w, this.ea_d(w), 4, true);
  }
  lbzx(w: number): void {
    this.ld(w, this.ea_x(w), 1, false, false);
  }
  lbzux(w: number): void {
    this.ld(w, this.ea_x(w), 1, false, true);
  }
  lhzx(w: number): void {
    this.ld(w, this.ea_x(w), 2, false, false);
  }
  lhzux(w: number): void {
    this.ld(w, this.ea_x(w), 2, false, true);
  }
  lhax(w: number): void {
    this.ld(w, this.ea_x(w), 2, true, false);
  }
  lhaux(w: number): void {
    this.ld(w, this.ea_x(w), 2, true, true);
  }
  lwzx(w: number): void {
    this.ld(w, this.ea_x(w), 4, false, false);
  }
  lwzux(w: number): void {
    this.ld(w, this.ea_x(w), 4, false, true);
  }
  stbx(w: number): void {
    this.st(w, this.ea_x(w), 1, false);
  }
  stbux(w: number): void {
    this.st(w, this.ea_x(w), 1, true);
  }
  sthx(w: number): void {
    this.st(w, this.ea_x(w), 2, false);
  }
  sthux(w: number): void {
    this.st(w, this.ea_x(w), 2, true);
  }
  stwx(w: number): void {
    this.st(w, this.ea_x(w), 4, false);
  }
  stwux(w: number): void {
    this.st(w, this.ea_x(w), 4, true);
  }
  lhbrx(w: number): void {
    const v = this.load(this.ea_x(w), 2);
    if (this.exitCode !== X_NONE) return;
    this.gpr[F.rt(w)] = ((v & 0xff) << 8) | (v >>> 8);
  }
  lwbrx(w: number): void {
    const v = this.load(this.ea_x(w), 4);
    if (this.exitCode !== X_NONE) return;
    this.gpr[F.rt(w)] =
      ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
  }
  sthbrx(w: number): void {
    const v = this.gpr[F.rs(w)];
    this.store(this.ea_x(w), 2, ((v & 0xff) << 8) | ((v >>> 8) & 0xff));
  }
  stwbrx(w: number): void {
    const v = this.gpr[F.rs(w)];
    this.store(
      this.ea_x(w),
      4,
      ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24),
    );
  }
  lmw(w: number): void {
    // Registers are written only after every load succeeded, so a TLB exit restarts cleanly.
    const rt = F.rt(w);
    const ea = this.ea_d(w);
    const vals = this.scratch;
    for (let r = rt; r < 32; r++) {
      vals[r] = this.load((ea + 4 * (r - rt)) | 0, 4);
      if (this.exitCode !== X_NONE) return;
    }
    for (let r = rt; r < 32; r++) this.gpr[r] = vals[r];
  }
  stmw(w: number): void {
    const rs = F.rs(w);
    const ea = this.ea_d(w);
    for (let r = rs; r < 32; r++) {
      this.store((ea + 4 * (r - rs)) | 0, 4, this.gpr[r]);
      if (this.exitCode !== X_NONE) return;
    }
  }
  private loadString(rt: number, ea: number, n: number): void {
    const bytes = this.scratchBytes;
    for (let i = 0; i < n; i++) {
      bytes[i] = this.load((ea + i) | 0, 1);
      if (this.exitCode !== X_NONE) return;
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
      if (this.exitCode !== X_NONE) return;
    }
  }
  lswi(w: number): void {
    const ra = F.ra(w);
    this.loadString(F.rt(w), ra === 0 ? 0 : this.gpr[ra], F.nb(w) || 32);
  }
  lswx(w: number): void {
    this.loadString(F.rt(w), this.ea_x(w), this.xer & 0x7f);
  }
  stswi(w: number): void {
    const ra = F.ra(w);
    this.storeString(F.rs(w), ra === 0 ? 0 : this.gpr[ra], F.nb(w) || 32);
  }
  stswx(w: number): void {
    this.storeString(F.rs(w), this.ea_x(w), this.xer & 0x7f);
  }
  lwarx(w: number): void {
    const ea = this.ea_x(w);
    if (ea & 3) {
      this.exitEa = ea;
      this.exitWrite = false;
      this.exit(X_ALIGN);
      return;
    }
    const v = this.load(ea, 4);
    if (this.exitCode !== X_NONE) return;
    this.gpr[F.rt(w)] = v;
    this.reserveValid = true;
    this.reserveEa = ea;
  }
  stwcx(w: number): void {
    const ea = this.ea_x(w);
    if (ea & 3) {
      this.exitEa = ea;
      this.exitWrite = true;
      this.exit(X_ALIGN);
      return;
    }
    let ok = 0;
    if (this.reserveValid) {
      this.store(ea, 4, this.gpr[F.rs(w)]);
      if (this.exitCode !== X_NONE) return;
      ok = 1;
    }
    this.reserveValid = false;
    this.setCrField(0, (ok << 1) | (this.xer >>> 31));
  }

  // ---- SPRs user state may touch -----------------------------------------------------------

  mfspr(w: number): void {
    const n = F.spr(w);
    let v: number;
    switch (n) {
      case 1:
        v = this.xer;
        break;
      case 8:
        v = this.lr;
        break;
      case 9:
        v = this.ctr;
        break;
      case 256:
        v = this.usprg0;
        break;
      case 259:
      case 260:
      case 261:
      case 262:
      case 263:
        v = this.sprg[n - 256];
        break;
      case 268:
        v = this.tb | 0;
        break;
      case 269:
        v = Math.floor(this.tb / 4294967296) | 0;
        break;
      default:
        this.trapSpr(w);
        return;
    }
    this.gpr[F.rt(w)] = v;
  }
  mtspr(w: number): void {
    const n = F.spr(w);
    const v = this.gpr[F.rs(w)];
    switch (n) {
      case 1:
        this.xer = v & (0xe000007f | 0);
        return;
      case 8:
        this.lr = v;
        return;
      case 9:
        this.ctr = v;
        return;
      case 256:
        this.usprg0 = v;
        return;
      default:
        this.trapSpr(w);
    }
  }
  /** An SPR the machine does not hold: privileged in user state (the guest kernel's SPRs) or not
   *  defined; either way the 440 raises a program interrupt and kvm looks at it. */
  private trapSpr(_w: number): void {
    this.exitEsr = ESR_PPR;
    this.exit(X_PROGRAM);
  }

  // ---- storage control: no caches are modelled ---------------------------------------------

  dcbf(_w: number): void {}
  dcbst(_w: number): void {}
  dcbt(_w: number): void {}
  dcbtst(_w: number): void {}
  icbi(_w: number): void {}
  icbt(_w: number): void {}
  dcba(_w: number): void {}
  dcbz(w: number): void {
    const ea = this.ea_x(w) & ~31;
    for (let i = 0; i < 32; i += 4) {
      this.store((ea + i) | 0, 4, 0);
      if (this.exitCode !== X_NONE) return;
    }
  }
  isync(_w: number): void {}
  sync(_w: number): void {}
  lwsync(_w: number): void {}
  mbar(_w: number): void {}

  // ---- 440 multiply-accumulate (PPC440x5 User's Manual definitions) ------------------------

  private halfA(w: number, which: "h" | "l", signed: boolean): number {
    const v = this.gpr[F.ra(w)];
    const h = which === "h" ? v >>> 16 : v & 0xffff;
    return signed ? (h << 16) >> 16 : h;
  }
  private halfB(w: number, which: "h" | "l", signed: boolean): number {
    const v = this.gpr[F.rb(w)];
    const h = which === "h" ? v >>> 16 : v & 0xffff;
    return signed ? (h << 16) >> 16 : h;
  }
  /** mul*hw: RT ← 16×16 product (X-form, Rc only). */
  private mulhalf(w: number, a: "h" | "l", b: "h" | "l", signed: boolean): void {
    const r = (this.halfA(w, a, signed) * this.halfB(w, b, signed)) | 0;
    this.gpr[F.rt(w)] = r;
    if (w & 1) this.cr0(r);
  }
  mulchw(w: number): void {
    this.mulhalf(w, "l", "h", true);
  }
  mulchwu(w: number): void {
    this.mulhalf(w, "l", "h", false);
  }
  mulhhw(w: number): void {
    this.mulhalf(w, "h", "h", true);
  }
  mulhhwu(w: number): void {
    this.mulhalf(w, "h", "h", false);
  }
  mullhw(w: number): void {
    this.mulhalf(w, "l", "l", true);
  }
  mullhwu(w: number): void {
    this.mulhalf(w, "l", "l", false);
  }
  /**
   * mac / nmac: temp ← RT ± product (33 bits). Modulo forms write temp's low 32 bits; saturating
   * forms clamp to the signed (0x7fffffff/0x80000000) or unsigned (0xffffffff, or 0 for a
   * negative unsigned result) range. OE: XER[OV] ← temp does not fit, XER[SO] |= OV. Rc: CR0.
   */
  private mac(
    w: number,
    a: "h" | "l",
    b: "h" | "l",
    signed: boolean,
    sat: boolean,
    negate: boolean,
    satSigned = signed,
  ): void {
    const p = this.halfA(w, a, signed) * this.halfB(w, b, signed);
    const rtv = this.gpr[F.rt(w)];
    const acc = satSigned ? rtv : rtv >>> 0;
    const temp = negate ? acc - p : acc + p;
    const ov = satSigned ? temp > 0x7fffffff || temp < -0x80000000 : temp > 0xffffffff || temp < 0;
    let r: number;
    if (sat && ov) r = satSigned ? (temp < 0 ? 0x80000000 | 0 : 0x7fffffff) : temp < 0 ? 0 : -1;
    else r = temp | 0;
    this.gpr[F.rt(w)] = r;
    if (w & 0x400) this.setOv(ov);
    if (w & 1) this.cr0(r);
  }
  macchw(w: number): void {
    this.mac(w, "l", "h", true, false, false);
  }
  macchws(w: number): void {
    this.mac(w, "l", "h", true, true, false);
  }
  macchwsu(w: number): void {
    this.mac(w, "l", "h", false, true, false);
  }
  macchwu(w: number): void {
    this.mac(w, "l", "h", false, false, false);
  }
  machhw(w: number): void {
    this.mac(w, "h", "h", true, false, false);
  }
  machhws(w: number): void {
    this.mac(w, "h", "h", true, true, false);
  }
  machhwsu(w: number): void {
    this.mac(w, "h", "h", false, true, false);
  }
  machhwu(w: number): void {
    this.mac(w, "h", "h", false, false, false);
  }
  maclhw(w: number): void {
    this.mac(w, "l", "l", true, false, false);
  }
  maclhws(w: number): void {
    this.mac(w, "l", "l", true, true, false);
  }
  maclhwsu(w: number): void {
    this.mac(w, "l", "l", false, true, false);
  }
  maclhwu(w: number): void {
    this.mac(w, "l", "l", false, false, false);
  }
  nmacchw(w: number): void {
    this.mac(w, "l", "h", true, false, true);
  }
  nmacchws(w: number): void {
    this.mac(w, "l", "h", true, true, true);
  }
  nmachhw(w: number): void {
    this.mac(w, "h", "h", true, false, true);
  }
  nmachhws(w: number): void {
    this.mac(w, "h", "h", true, true, true);
  }
  nmaclhw(w: number): void {
    this.mac(w, "l", "l", true, false, true);
  }
  nmaclhws(w: number): void {
    this.mac(w, "l", "l", true, true, true);
  }
  dlmzb(w: number): void {
    const s = this.gpr[F.rs(w)],
      b = this.gpr[F.rb(w)];
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
    this.gpr[F.ra(w)] = n;
    this.xer = (this.xer & ~0x7f) | n;
    if (w & 1) this.setCrField(0, (where << 1) | (this.xer >>> 31));
  }

  /** A word the machine has no semantics for ends the run with a clear report. */
  unimplemented(name: string, _w: number): void {
    this.exitName = name;
    this.exit(X_UNIMPL);
  }

  invalid(_w: number): void {
    this.exitEsr = ESR_PIL;
    this.exit(X_PROGRAM);
  }

  // Scaffolded by `isagen gen --scaffold`. The run loop never reaches these: privileged and
  // illegal instructions exit as X_PROGRAM and floating point as X_FPU before dispatch (OPCLASS),
  // and kvm.ts emulates them. The stubs stay so that a table change that makes one of them
  // user-level shows up here as an unimplemented instruction rather than a silent no-op.

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rfi(w: number): void {
    return this.unimplemented("rfi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rfci(w: number): void {
    return this.unimplemented("rfci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rfmci(w: number): void {
    return this.unimplemented("rfmci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfmsr(w: number): void {
    return this.unimplemented("mfmsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtmsr(w: number): void {
    return this.unimplemented("mtmsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  wrtee(w: number): void {
    return this.unimplemented("wrtee", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  wrteei(w: number): void {
    return this.unimplemented("wrteei", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbre(w: number): void {
    return this.unimplemented("tlbre", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbwe(w: number): void {
    return this.unimplemented("tlbwe", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbsx(w: number): void {
    return this.unimplemented("tlbsx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbivax(w: number): void {
    return this.unimplemented("tlbivax", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbsync(w: number): void {
    return this.unimplemented("tlbsync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbi(w: number): void {
    return this.unimplemented("dcbi", w);
  }

  /** No APU answers an identifier request: illegal instruction, as QEMU 7.2's 440 (not a
   * fatal "unimplemented" that ends the guest). */
  mfapidi(w: number): void {
    this.invalid(w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi0fcm(w: number): void {
    return this.unimplemented("udi0fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi1fcm(w: number): void {
    return this.unimplemented("udi1fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi2fcm(w: number): void {
    return this.unimplemented("udi2fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi3fcm(w: number): void {
    return this.unimplemented("udi3fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi4fcm(w: number): void {
    return this.unimplemented("udi4fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi5fcm(w: number): void {
    return this.unimplemented("udi5fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi6fcm(w: number): void {
    return this.unimplemented("udi6fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi7fcm(w: number): void {
    return this.unimplemented("udi7fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi8fcm(w: number): void {
    return this.unimplemented("udi8fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi9fcm(w: number): void {
    return this.unimplemented("udi9fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi10fcm(w: number): void {
    return this.unimplemented("udi10fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi11fcm(w: number): void {
    return this.unimplemented("udi11fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi12fcm(w: number): void {
    return this.unimplemented("udi12fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi13fcm(w: number): void {
    return this.unimplemented("udi13fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi14fcm(w: number): void {
    return this.unimplemented("udi14fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi15fcm(w: number): void {
    return this.unimplemented("udi15fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfdcr(w: number): void {
    return this.unimplemented("mfdcr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtdcr(w: number): void {
    return this.unimplemented("mtdcr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfdcrx(w: number): void {
    return this.unimplemented("mfdcrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtdcrx(w: number): void {
    return this.unimplemented("mtdcrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfdcrux(w: number): void {
    return this.unimplemented("mfdcrux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtdcrux(w: number): void {
    return this.unimplemented("mtdcrux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  iccci(w: number): void {
    return this.unimplemented("iccci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dccci(w: number): void {
    return this.unimplemented("dccci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icread(w: number): void {
    return this.unimplemented("icread", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcread(w: number): void {
    return this.unimplemented("dcread", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbre_440(w: number): void {
    return this.unimplemented("tlbre_440", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbwe_440(w: number): void {
    return this.unimplemented("tlbwe_440", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  isel(w: number): void {
    return this.unimplemented("isel", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfsr(w: number): void {
    return this.unimplemented("mfsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtsr(w: number): void {
    return this.unimplemented("mtsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfsrin(w: number): void {
    return this.unimplemented("mfsrin", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtsrin(w: number): void {
    return this.unimplemented("mtsrin", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbie(w: number): void {
    return this.unimplemented("tlbie", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbia(w: number): void {
    return this.unimplemented("tlbia", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbli(w: number): void {
    return this.unimplemented("tlbli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  eciwx(w: number): void {
    return this.unimplemented("eciwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ecowx(w: number): void {
    return this.unimplemented("ecowx", w);
  }

  // ---- floating point (fpu.ts holds the registers and computes) ------------------------------
  // These run only while the guest's MSR[FP] is 1 (`fpEnabled`); otherwise the run loop exits
  // with X_FPU before dispatch and kvm delivers FP Unavailable.

  /** Loads a double (two big-endian words; both are read before FRT changes). */
  private lfdAt(w: number, ea: number, update: boolean): void {
    const hi = this.load(ea, 4);
    if (this.exitCode !== X_NONE) return;
    const lo = this.load((ea + 4) | 0, 4);
    if (this.exitCode !== X_NONE) return;
    this.fpu.setRaw(F.frt(w), hi >>> 0, lo >>> 0);
    if (update) this.gpr[F.ra(w)] = ea;
  }
  private lfsAt(w: number, ea: number, update: boolean): void {
    const v = this.load(ea, 4);
    if (this.exitCode !== X_NONE) return;
    const [hi, lo] = fromSingleBits(v >>> 0);
    this.fpu.setRaw(F.frt(w), hi, lo);
    if (update) this.gpr[F.ra(w)] = ea;
  }
  /** Stores a double; a second word that exits leaves the first written, and the instruction is
   *  re-executed after the fill (the same bytes again). */
  private stfdAt(w: number, ea: number, update: boolean): void {
    const t = F.frt(w);
    this.store(ea, 4, this.fpu.fpr[2 * t] | 0);
    if (this.exitCode !== X_NONE) return;
    this.store((ea + 4) | 0, 4, this.fpu.fpr[2 * t + 1] | 0);
    if (this.exitCode !== X_NONE) return;
    if (update) this.gpr[F.ra(w)] = ea;
  }
  private stfsAt(w: number, ea: number, update: boolean): void {
    const t = F.frt(w);
    this.store(ea, 4, toSingleBits(this.fpu.fpr[2 * t], this.fpu.fpr[2 * t + 1]) | 0);
    if (this.exitCode !== X_NONE) return;
    if (update) this.gpr[F.ra(w)] = ea;
  }
  lfs(w: number): void {
    this.lfsAt(w, this.ea_d(w), false);
  }
  lfsu(w: number): void {
    this.lfsAt(w, this.ea_d(w), true);
  }
  lfsx(w: number): void {
    this.lfsAt(w, this.ea_x(w), false);
  }
  lfsux(w: number): void {
    this.lfsAt(w, this.ea_x(w), true);
  }
  lfd(w: number): void {
    this.lfdAt(w, this.ea_d(w), false);
  }
  lfdu(w: number): void {
    this.lfdAt(w, this.ea_d(w), true);
  }
  lfdx(w: number): void {
    this.lfdAt(w, this.ea_x(w), false);
  }
  lfdux(w: number): void {
    this.lfdAt(w, this.ea_x(w), true);
  }
  stfs(w: number): void {
    this.stfsAt(w, this.ea_d(w), false);
  }
  stfsu(w: number): void {
    this.stfsAt(w, this.ea_d(w), true);
  }
  stfsx(w: number): void {
    this.stfsAt(w, this.ea_x(w), false);
  }
  stfsux(w: number): void {
    this.stfsAt(w, this.ea_x(w), true);
  }
  stfd(w: number): void {
    this.stfdAt(w, this.ea_d(w), false);
  }
  stfdu(w: number): void {
    this.stfdAt(w, this.ea_d(w), true);
  }
  stfdx(w: number): void {
    this.stfdAt(w, this.ea_x(w), false);
  }
  stfdux(w: number): void {
    this.stfdAt(w, this.ea_x(w), true);
  }
  stfiwx(w: number): void {
    this.store(this.ea_x(w), 4, this.fpu.fpr[2 * F.frt(w) + 1] | 0);
  }

  /** Rc=1: CR1 = FPSCR[FX FEX VX OX]. */
  private fpRecord(w: number): void {
    if (F.rc(w)) this.setCrField(1, this.fpu.cr1());
  }
  private fpArith(w: number, op: FpOp, single: boolean): void {
    this.fpu.arith(op, F.frt(w), F.fra(w), op === "mul" ? F.frc(w) : F.frb(w), single);
    this.fpRecord(w);
  }
  private fpMadd(w: number, subtract: boolean, negate: boolean, single: boolean): void {
    this.fpu.madd(F.frt(w), F.fra(w), F.frc(w), F.frb(w), subtract, negate, single);
    this.fpRecord(w);
  }
  fadd(w: number): void {
    this.fpArith(w, "add", false);
  }
  fadds(w: number): void {
    this.fpArith(w, "add", true);
  }
  fsub(w: number): void {
    this.fpArith(w, "sub", false);
  }
  fsubs(w: number): void {
    this.fpArith(w, "sub", true);
  }
  fmul(w: number): void {
    this.fpArith(w, "mul", false);
  }
  fmuls(w: number): void {
    this.fpArith(w, "mul", true);
  }
  fdiv(w: number): void {
    this.fpArith(w, "div", false);
  }
  fdivs(w: number): void {
    this.fpArith(w, "div", true);
  }
  fmadd(w: number): void {
    this.fpMadd(w, false, false, false);
  }
  fmadds(w: number): void {
    this.fpMadd(w, false, false, true);
  }
  fmsub(w: number): void {
    this.fpMadd(w, true, false, false);
  }
  fmsubs(w: number): void {
    this.fpMadd(w, true, false, true);
  }
  fnmadd(w: number): void {
    this.fpMadd(w, false, true, false);
  }
  fnmadds(w: number): void {
    this.fpMadd(w, false, true, true);
  }
  fnmsub(w: number): void {
    this.fpMadd(w, true, true, false);
  }
  fnmsubs(w: number): void {
    this.fpMadd(w, true, true, true);
  }
  fsqrt(w: number): void {
    this.fpu.fsqrt(F.frt(w), F.frb(w), false);
    this.fpRecord(w);
  }
  fsqrts(w: number): void {
    this.fpu.fsqrt(F.frt(w), F.frb(w), true);
    this.fpRecord(w);
  }
  /** fres: an estimate; the exact single reciprocal is within the architected 1/256. */
  fres(w: number): void {
    this.fpu.setResult(F.frt(w), Math.fround(1 / this.fpu.get(F.frb(w))));
    this.fpRecord(w);
  }
  /** frsqrte: likewise, the exact value as the estimate. */
  frsqrte(w: number): void {
    this.fpu.setResult(F.frt(w), 1 / Math.sqrt(this.fpu.get(F.frb(w))));
    this.fpRecord(w);
  }
  /** fsel: FRC when FRA >= 0 (not a NaN), else FRB; moves bits and leaves the FPSCR alone. */
  fsel(w: number): void {
    const src = this.fpu.get(F.fra(w)) >= 0 ? F.frc(w) : F.frb(w);
    this.fpMove(w, src, 0, 0);
  }
  frsp(w: number): void {
    this.fpu.frsp(F.frt(w), F.frb(w));
    this.fpRecord(w);
  }
  fctiw(w: number): void {
    this.fpu.fctiw(F.frt(w), F.frb(w), false);
    this.fpRecord(w);
  }
  fctiwz(w: number): void {
    this.fpu.fctiw(F.frt(w), F.frb(w), true);
    this.fpRecord(w);
  }
  fcmpu(w: number): void {
    this.setCrField(F.bf(w), this.fpu.compare(F.fra(w), F.frb(w), false));
  }
  fcmpo(w: number): void {
    this.setCrField(F.bf(w), this.fpu.compare(F.fra(w), F.frb(w), true));
  }
  /** The moves copy bits, changing only the sign: and-mask then or-mask on the high word. */
  private fpMove(w: number, src: number, clear: number, set: number): void {
    const f = this.fpu.fpr;
    this.fpu.setRaw(F.frt(w), ((f[2 * src] & ~clear) | set) >>> 0, f[2 * src + 1]);
    this.fpRecord(w);
  }
  fmr(w: number): void {
    this.fpMove(w, F.frb(w), 0, 0);
  }
  fneg(w: number): void {
    const b = F.frb(w);
    this.fpMove(w, b, 0x80000000, ~this.fpu.fpr[2 * b] & 0x80000000);
  }
  fabs(w: number): void {
    this.fpMove(w, F.frb(w), 0x80000000, 0);
  }
  fnabs(w: number): void {
    this.fpMove(w, F.frb(w), 0, 0x80000000);
  }
  /** mffs: FRT = 0xfff80000 : FPSCR, as QEMU 7.2 and the 440 leave the high word. */
  mffs(w: number): void {
    this.fpu.setRaw(F.frt(w), 0xfff80000, this.fpu.fpscr);
    this.fpRecord(w);
  }
  mtfsf(w: number): void {
    this.fpu.mtfsf(F.flm(w), F.frb(w));
    this.fpRecord(w);
  }
  mtfsfi(w: number): void {
    this.fpu.mtfsfi(F.bf(w), F.fpimm(w));
    this.fpRecord(w);
  }
  mtfsb0(w: number): void {
    this.fpu.mtfsb(F.fpscr_bt(w), false);
    this.fpRecord(w);
  }
  mtfsb1(w: number): void {
    this.fpu.mtfsb(F.fpscr_bt(w), true);
    this.fpRecord(w);
  }
  mcrfs(w: number): void {
    this.setCrField(F.bf(w), this.fpu.mcrfs(F.bfa(w)));
  }
}

// A table entry added since this class was written (the type checker reports it, until
// `gen --scaffold` adds the stub) runs as unimplemented instead of failing at load.
EXEC = methodTable<Ppc440Machine, void>(Ppc440Machine.prototype, (entry) =>
  function (this: Ppc440Machine, w: number) {
    this.unimplemented(entry, w);
  },
);
