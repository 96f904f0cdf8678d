// What the explorer's hex box accepts: words as `isagen decode` takes them ("7c0802a6 38600005",
// optionally 0x-prefixed), or a pasted hex dump (xxd, hexdump -C, od -A x -t x1, objdump -d/-s)
// whose lines start with an address. Words are values, written in the chosen byte order as the
// CLI's --endian reads them; a dump's digits are bytes in memory order, read as `disasm` reads a
// binary. The first address of a dump is the listing's base.

export interface ParsedHex {
  /** Words as the decoder sees them. */
  words: number[];
  /** The dump's first address, when the text was a dump. */
  base?: number;
  problems: string[];
}

const bswap = (w: number) => (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;

/** A dump line: an address, then ':' or whitespace (xxd "00000010:", hexdump "00000010  ", objdump "  10:"). */
const DUMP_LINE = /^\s*(?:0x)?([0-9a-f]{1,16}):?\s+(.*)$/i;

export function parseHex(text: string, swap: boolean, littleEndian: boolean): ParsedHex {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const problems: string[] = [];
  // A dump: every line starts with an address and a colon (xxd, objdump), or with an address
  // and bytes as pairs of digits (hexdump -C, od -A x -t x1); words alone are 8 digits each.
  const isDump = lines.length > 0 && lines.every((l) => /^\s*(?:0x)?[0-9a-f]{1,16}:/i.test(l) || /^\s*[0-9a-f]{1,16}\s+[0-9a-f]{2}(\s|$)/i.test(l));
  if (!isDump) {
    const words: number[] = [];
    for (const tok of text.split(/[\s,]+/).filter(Boolean)) {
      const m = /^(?:0x)?([0-9a-f]{1,8})$/i.exec(tok);
      if (!m) {
        problems.push(`${JSON.stringify(tok)}: not a hex word (up to 8 hex digits)`);
        continue;
      }
      const w = parseInt(m[1], 16) >>> 0;
      words.push(swap ? bswap(w) : w);
    }
    return { words, problems };
  }
  const bytes: number[] = [];
  let base: number | undefined;
  for (const line of lines) {
    const m = DUMP_LINE.exec(line)!;
    if (base === undefined) base = parseInt(m[1], 16) >>> 0;
    // The hex digits up to the first token that is not hex (objdump's mnemonic, hexdump's |ascii|).
    let rest = m[2].replace(/\|.*$/, "");
    const toks: string[] = [];
    for (const t of rest.trim().split(/\s+/)) {
      if (!/^[0-9a-f]+$/i.test(t) || t.length % 2 !== 0) break;
      toks.push(t);
    }
    rest = toks.join("");
    for (let i = 0; i < rest.length; i += 2) bytes.push(parseInt(rest.slice(i, i + 2), 16));
  }
  const words: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const [a, b, c, d] = bytes.slice(i, i + 4);
    words.push((littleEndian ? (d << 24) | (c << 16) | (b << 8) | a : (a << 24) | (b << 16) | (c << 8) | d) >>> 0);
  }
  if (bytes.length % 4) problems.push(`${bytes.length % 4} trailing byte(s) after the last whole word were not disassembled`);
  return { words, base, problems };
}

export { bswap };
