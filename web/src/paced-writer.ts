// Guest output to the terminal at most every PACE_MS. xterm.js draws on the next animation frame
// after each write, and a guest that prints as it computes (crc32-long: a line every 0.7 ms)
// had the page redraw its 32 rows at 60 frames a second: on 2 cores the page's main thread and
// compositor then took about half a core from the guest's worker (crc32-long on Malta: 1.78x
// Node's wall time with every write drawn, 1.30x with none). Output after a quiet spell (an echo
// of a typed key) is written at once; output that follows within PACE_MS waits for the next
// turn, with all that came meanwhile.

/** Shortest time between two writes to the sink (ms): at most 10 redraws a second. */
export const PACE_MS = 100;

export class PacedWriter {
  private pending: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = -Infinity;

  constructor(private readonly sink: (bytes: Uint8Array) => void) {}

  write(bytes: Uint8Array): void {
    this.pending.push(bytes);
    if (this.timer !== undefined) return;
    const wait = this.last + PACE_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Writes what is pending now, as one chunk. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    this.last = performance.now();
    const chunks = this.pending;
    this.pending = [];
    if (chunks.length === 1) return this.sink(chunks[0]);
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.length;
    }
    this.sink(all);
  }

  /** Drops what is pending (the terminal is reset). */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
