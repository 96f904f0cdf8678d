// Bit positions: parsing the table's notation (MSB-0 or LSB-0) into LSB-0 pieces, and the
// arithmetic on 32-bit masks the checks and the planner share.

export type BitOrder = "msb0" | "lsb0";

/** A contiguous run of bits, LSB-0: bits lo .. lo+width-1. */
export interface Piece {
  lo: number;
  width: number;
}

/** Parses '6-10', '21', '25..21' or '16-20,11-15' (pieces from most to least significant). */
export function parseBits(spec: string, order: BitOrder): Piece[] | string {
  const pieces: Piece[] = [];
  for (const part of spec.split(",")) {
    const m = /^\s*(\d+)\s*(?:(?:-|\.\.)\s*(\d+))?\s*$/.exec(part);
    if (!m) return `bad bit range '${part.trim()}' (write e.g. 6-10 or 21)`;
    let a = Number(m[1]);
    let b = m[2] === undefined ? a : Number(m[2]);
    if (a > 31 || b > 31) return `bit ${Math.max(a, b)} is out of range 0-31`;
    if (order === "msb0") {
      a = 31 - a;
      b = 31 - b;
    }
    pieces.push({ lo: Math.min(a, b), width: Math.abs(a - b) + 1 });
  }
  return pieces;
}

export function pieceMask(p: Piece): number {
  return (p.width === 32 ? 0xffffffff : ((1 << p.width) - 1) << p.lo) >>> 0;
}

export function piecesMask(ps: readonly Piece[]): number {
  let m = 0;
  for (const p of ps) m |= pieceMask(p);
  return m >>> 0;
}

export function totalWidth(ps: readonly Piece[]): number {
  return ps.reduce((s, p) => s + p.width, 0);
}

/** Raw (unsigned, unshifted) value of the concatenated pieces in word w. */
export function extractRaw(ps: readonly Piece[], w: number): number {
  let v = 0;
  for (const p of ps) v = v * 2 ** p.width + ((w >>> p.lo) & (2 ** p.width - 1));
  return v >>> 0;
}

/** Places a raw value into the pieces (inverse of extractRaw). */
export function insertRaw(ps: readonly Piece[], value: number): number {
  let w = 0;
  let v = value;
  for (let i = ps.length - 1; i >= 0; i--) {
    const p = ps[i];
    w |= (v & (2 ** p.width - 1)) << p.lo;
    v = Math.floor(v / 2 ** p.width);
  }
  return w >>> 0;
}

export function popcount(m: number): number {
  let c = 0;
  for (let x = m >>> 0; x; x = (x & (x - 1)) >>> 0) c++;
  return c;
}

/** Names bit positions of a mask in the table's order, compactly: '6-10, 31'. */
export function describeMask(mask: number, order: BitOrder): string {
  const bits: number[] = [];
  for (let i = 31; i >= 0; i--) if ((mask >>> i) & 1) bits.push(order === "msb0" ? 31 - i : i);
  const runs: string[] = [];
  for (let i = 0; i < bits.length; ) {
    let j = i;
    while (j + 1 < bits.length && Math.abs(bits[j + 1] - bits[j]) === 1) j++;
    runs.push(i === j ? `${bits[i]}` : `${bits[i]}-${bits[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}

export function hex32(w: number): string {
  return "0x" + (w >>> 0).toString(16).padStart(8, "0");
}

/** The pattern of a mask/match pair, MSB first: 0/1 where fixed, '.' elsewhere. */
export function bitPicture(mask: number, match: number): string {
  let s = "";
  for (let i = 31; i >= 0; i--) s += (mask >>> i) & 1 ? String((match >>> i) & 1) : ".";
  return s;
}
