// The guest's console output kept by the page: the bytes for the log download and the same as
// text for the page's state (tests and the bench read it). A guest can print without end (`yes`
// in its shell), so both keep only the last LOG_MAX bytes; the download says how many came
// before. Text is made in pieces: String.fromCharCode(...bytes) overflows V8's stack at about
// 150 K arguments, and one slice of a guest can print more than that.

/** Bytes of output kept (the latest). */
export const LOG_MAX = 16 * 1024 * 1024;

/** Bytes as text, one character per byte (latin1). */
export function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x2000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return s;
}

/** Bytes over an ArrayBuffer (what postMessage hands over, and what a Blob takes). */
type Bytes = Uint8Array<ArrayBuffer>;

export class ConsoleLog {
  private chunks: Bytes[] = [];
  private size = 0;
  /** Bytes printed and no longer kept. */
  dropped = 0;
  /** The output as latin1 text: the last LOG_MAX bytes at least (cut back to them when it
   *  reaches twice that, so that a long run does not copy it at each add). */
  text = "";

  add(bytes: Bytes): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
    this.text += latin1(bytes);
    while (this.size > LOG_MAX) {
      const first = this.chunks[0];
      const over = this.size - LOG_MAX;
      // Drop whole chunks, or the front of the oldest one.
      const cut = Math.min(first.length, over);
      if (cut === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(cut);
      this.size -= cut;
      this.dropped += cut;
    }
    if (this.text.length >= 2 * LOG_MAX) this.text = this.text.slice(-LOG_MAX);
  }

  /** The kept output, after a line saying how much came before it, if any. */
  bytes(): Bytes[] {
    if (this.dropped === 0) return [...this.chunks];
    const note = `[isagen: the first ${this.dropped} bytes of output are not kept; the last ${this.size} follow]\n`;
    return [Uint8Array.from(note, (c) => c.charCodeAt(0)), ...this.chunks];
  }
}
