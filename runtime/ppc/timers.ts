// The 440's Book E timer facilities on the instruction-count timebase: the decrementer (DEC,
// DECAR auto-reload) and the timer status and control bits it drives (TSR[DIS], TCR[DIE],
// TCR[ARE]); after booke.c's kvmppc_emulate_dec and the decrementer callback. The timebase
// counts one tick per guest instruction, so the decrementer fires at the exact instruction it
// would on an instruction-counting clock, whatever the slice length.

import type { Ppc440Machine } from "./machine.ts";

/** TSR[DIS]: decrementer interrupt status. */
export const TSR_DIS = 0x08000000;
/** TCR[DIE]: decrementer interrupt enable. */
export const TCR_DIE = 0x04000000;
/** TCR[ARE]: auto-reload DEC from DECAR at expiry. */
export const TCR_ARE = 0x00400000;

export class BookeTimer {
  /** Timer Control Register. */
  tcr = 0;
  /** Timer Status Register (write-1-to-clear through mtspr). */
  tsr = 0;
  /** Decrementer Auto-Reload (write-only on the 440; reads return the value kept). */
  decar = 0;
  /** DEC value at timebase `decTb`; DEC counts down one per tick and stops at 0. */
  private decAt = 0;
  private decTb = 0;

  constructor(private readonly machine: Ppc440Machine) {}

  /** DEC now. */
  get dec(): number {
    const d = this.decAt - (this.machine.tb - this.decTb);
    return d > 0 ? d : 0;
  }

  /** mtspr DEC: counts down from `v` from now on, then looks for an expiry at once (0). */
  setDec(v: number): void {
    this.decAt = v >>> 0;
    this.decTb = this.machine.tb;
    this.tick();
  }

  /** Instructions until DEC reaches 0 (Infinity when it is stopped at 0). */
  untilDec(): number {
    const d = this.dec;
    return d > 0 ? d : Infinity;
  }

  /** TSR[DIS] with TCR[DIE]: a decrementer interrupt waits for MSR[EE]. */
  get decPending(): boolean {
    return (this.tsr & TSR_DIS) !== 0 && (this.tcr & TCR_DIE) !== 0;
  }

  /** The decrementer can still raise an interrupt: enabled, and counting. */
  get decCanFire(): boolean {
    return (this.tcr & TCR_DIE) !== 0 && this.untilDec() !== Infinity;
  }

  /** After a slice: a DEC that reached 0 sets TSR[DIS] and reloads from DECAR when TCR[ARE]. */
  tick(): void {
    if (this.decAt === 0) return;
    const tb = this.machine.tb;
    const elapsed = tb - this.decTb;
    if (elapsed < this.decAt) return;
    this.tsr |= TSR_DIS;
    if (this.tcr & TCR_ARE && this.decar !== 0) {
      // Reloaded from DECAR at each expiry (no recursion, however long the gap).
      const period = this.decar >>> 0;
      this.decAt = period - ((elapsed - this.decAt) % period);
      this.decTb = tb;
    } else {
      this.decAt = 0;
      this.decTb = tb;
    }
  }
}
