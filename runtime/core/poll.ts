// Polling loops, skipped. A guest that waits for a device by reading a register in a tight loop
// (Linux's Malta clock calibration reads the RTC's UIP flag for two seconds of guest time: about
// 12 M MMIO exits) makes the same round over and over: the same accesses with the same values,
// the same registers when it reaches its poll, no store to RAM, nothing else leaving the guest.
// Such a round is a fixed point: until a device value changes, every further round ends in the
// very same state, so running them only moves time. Once two rounds in a row look alike and every
// access in them says how long it stays "quiet" (MmioDevice.quiet), the hypervisor moves time
// over the rounds that cannot see a change, as if they had run: the instruction count, and with
// it every timer, advances by whole rounds, and the guest's next round is the first that can see
// something new. Nothing the guest can observe differs from running them; only the exit counters
// show fewer MMIO exits. A round must fit in what the slice allows (timer deadlines included).

/** Accesses remembered: a round may hold up to ROUND_MAX of them. */
const RING = 8;
const ROUND_MAX = 4;

export interface PollAccess {
  pc: number;
  pa: number;
  width: number;
  isWrite: boolean;
  /** The stored value, or the value the load returned. */
  value: number;
}

export interface PollStats {
  /** Times rounds were skipped, and the instructions they stood for. */
  skips: number;
  instructions: number;
}

export class PollSkip {
  readonly stats: PollStats = { skips: 0, instructions: 0 };
  private readonly pc = new Int32Array(RING);
  private readonly pa = new Int32Array(RING);
  private readonly kind = new Int32Array(RING); // width | isWrite << 3
  private readonly value = new Int32Array(RING);
  private readonly icount = new Float64Array(RING);
  private readonly exits = new Float64Array(RING);
  private readonly stores = new Float64Array(RING);
  private readonly regs: Int32Array[];
  private n = 0;

  constructor(regCount: number) {
    this.regs = Array.from({ length: RING }, () => new Int32Array(regCount));
  }

  /**
   * Records an MMIO access that just completed, with the vCPU's state after it (`icount`
   * retired, `exits` taken, RAM `stores` made, `regs`). Returns how many instructions the guest
   * may skip now (whole rounds, at most `room`), or 0. `quiet(i)` is the board's answer for the
   * i-th access of the last round (0..length-1): how many instructions from now it stays quiet.
   */
  observe(
    a: PollAccess,
    icount: number,
    exits: number,
    stores: number,
    regs: Int32Array,
    room: number,
    quiet: (access: PollAccess) => number,
  ): number {
    const s = this.n % RING;
    this.pc[s] = a.pc;
    this.pa[s] = a.pa;
    this.kind[s] = a.width | (a.isWrite ? 8 : 0);
    this.value[s] = a.value;
    this.icount[s] = icount;
    this.exits[s] = exits;
    this.stores[s] = stores;
    this.regs[s].set(regs);
    this.n++;
    // The round: back to the last access at this PC, within ROUND_MAX; then the round before.
    for (let len = 1; len <= ROUND_MAX; len++) {
      if (this.n <= 2 * len) return 0;
      const b = (this.n - 1 - len) % RING;
      if (!this.same(s, b)) continue;
      const c = (this.n - 1 - 2 * len) % RING;
      const period = icount - this.icount[b];
      if (period <= 0 || this.icount[b] - this.icount[c] !== period) return 0;
      if (exits - this.exits[b] !== len || this.exits[b] - this.exits[c] !== len) return 0;
      if (stores !== this.stores[b] || stores !== this.stores[c]) return 0;
      for (let k = 1; k < len; k++) {
        if (!this.same((this.n - 1 - k) % RING, (this.n - 1 - len - k) % RING)) return 0;
      }
      if (!equal(this.regs[s], this.regs[b]) || !equal(this.regs[b], this.regs[c])) return 0;
      let calm = room;
      for (let k = 0; k < len; k++) {
        const i = (this.n - 1 - k) % RING;
        calm = Math.min(
          calm,
          quiet({
            pc: this.pc[i],
            pa: this.pa[i],
            width: this.kind[i] & 7,
            isWrite: (this.kind[i] & 8) !== 0,
            value: this.value[i],
          }),
        );
        if (calm <= period) return 0;
      }
      // Rounds r = 1..k start their accesses before `calm` runs out, and fit in `room`.
      const rounds = Math.min(Math.floor((calm - 1) / period), Math.floor(room / period));
      if (rounds < 1) return 0;
      this.stats.skips++;
      this.stats.instructions += rounds * period;
      this.n = 0; // the next rounds are measured afresh
      return rounds * period;
    }
    return 0;
  }

  private same(x: number, y: number): boolean {
    return (
      this.pc[x] === this.pc[y] &&
      this.pa[x] === this.pa[y] &&
      this.kind[x] === this.kind[y] &&
      this.value[x] === this.value[y]
    );
  }
}

function equal(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
