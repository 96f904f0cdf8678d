// V8 stores a field that has only held small integers ("Smis") untagged, and changes its
// representation the first time another number is stored in it: the object's map is deprecated
// and every function optimised against that map is deoptimised and compiled again. Chrome's V8
// (pointer compression) has 31-bit Smis, Node's 32-bit. In the browser a guest word with bit 30
// or 31 set (a CR or XER with its high bits, a DEAR, a TLB word, an LR outside the kernel's
// addresses) therefore changes representation in the middle of a run, the first time one lands
// in each field: a Bamboo Linux boot in Chromium took ~150 such deoptimisations, in waves of 25 to
// 47, and twice the background compile time Node's takes.
//
// settleIntFields stores 2^30 (the smallest integer that is no 31-bit Smi; a 32-bit one is) into
// each integer field of a freshly built machine and puts the value back, so that every field has
// its final representation before anything is compiled.
//
// Counts of instructions (and deadlines in them) outgrow even Node's 32-bit Smis, after 2^31
// instructions: in the Malta boot that is just as the kernel starts (2.04 G instructions), and
// it deoptimised every translated block, the interpreter's second tier and the translator's loop
// at once. Fields named in `counters` get a double representation from the start. Only where
// they are written once per slice, not per instruction: a double field incremented per
// instruction (the 440 interpreter's icount) made the 440's crc32-long 22% slower.

/** The smallest integer outside the 31-bit Smi range (inside the 32-bit one). */
const WIDE = 2 ** 30;

const NONE: ReadonlySet<string> = new Set();

/** Arrays with more elements are left alone (tables rather than machine state). */
const MAX_ARRAY = 1 << 12;

/**
 * Gives every integer field of the objects reachable from `root` (own enumerable data
 * properties, array elements; not typed arrays, buffers, maps, sets or functions) the
 * representation a 32-bit value needs, and those named in `counters` a double one. Values are
 * unchanged. Returns the objects visited.
 */
export function settleIntFields(root: object, counters: ReadonlySet<string> = NONE): number {
  const seen = new Set<object>();
  const work: object[] = [root];
  while (work.length > 0) {
    const o = work.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    if (Array.isArray(o)) {
      if (o.length <= MAX_ARRAY) for (const v of o) if (isWalked(v)) work.push(v);
      continue;
    }
    const r = o as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d === undefined || !("value" in d)) continue;
      const v: unknown = d.value;
      if (typeof v === "number") {
        if (d.writable && counters.has(k)) {
          r[k] = 0.5;
          r[k] = v;
        } else if (d.writable && Number.isInteger(v) && v >= -WIDE && v < WIDE) {
          r[k] = WIDE;
          r[k] = v;
        }
      } else if (isWalked(v)) work.push(v);
    }
  }
  return seen.size;
}

function isWalked(v: unknown): v is object {
  return (
    typeof v === "object" &&
    v !== null &&
    !ArrayBuffer.isView(v) &&
    !(v instanceof ArrayBuffer) &&
    !(v instanceof Map) &&
    !(v instanceof Set) &&
    !Object.isFrozen(v)
  );
}
