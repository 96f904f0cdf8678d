// Checks across instructions of one ISA: overlapping encodings (with a witness word),
// duplicate mnemonics per dialect, overrides that mean nothing, aliases that can never hold.
import { extractRaw, hex32, insertRaw } from "./bits.ts";
import type { Diagnostics } from "./diagnostics.ts";
import { evaluate, expandMacros, type Expr, type RegfileLookup } from "./expr.ts";
import { exprFields, type Entry, type Field, type Isa, type Variant } from "./model.ts";

// In their own module (relations.ts) so that explain and asm load without the table loader.
export { overlaps, regLookup, wins } from "./relations.ts";
import { overlaps, regLookup, wins } from "./relations.ts";

export function checkIsa(isa: Isa, diags: Diagnostics): void {
  const loc = (e: Entry) => `${e.pos.file}:${e.pos.line}:${e.pos.col}`;

  const keys = new Set(isa.entries.map((x) => x.key));
  for (const e of [...isa.entries, ...isa.invalidEntries])
    for (const o of e.overrides)
      if (!keys.has(o) && !isa.knownKeys.has(o))
        diags.error(e.pos, `${e.key}: overrides unknown instruction '${o}'`);

  // Overlaps: any two variants of different entries that some word matches (reserved ones included).
  const vs = isa.variants;
  const all = [...vs, ...isa.invalidEntries.flatMap((e) => e.variants)];
  const reported = new Set<string>();
  for (const [i, j] of overlappingPairs(all)) {
    const a = all[i];
    {
      const b = all[j];
      if (a.entry === b.entry) continue;
      const pair = `${a.entry.key}\u0000${b.entry.key}`;
      if (reported.has(pair)) continue;
      const witness = (a.match | b.match) >>> 0;
      if (a.mask === b.mask && a.match === b.match) {
        reported.add(pair);
        diags.error(
          b.entry.pos,
          `${b.mnemonic} has the same encoding as ${a.mnemonic} (${loc(a.entry)}), e.g. ${hex32(witness)}; one of them can never be decoded`,
        );
        continue;
      }
      if (wins(a.entry, b.entry) || wins(b.entry, a.entry)) continue;
      reported.add(pair);
      const kind =
        ((a.mask & b.mask) >>> 0) === b.mask >>> 0
          ? `${a.mnemonic} is a special case of ${b.mnemonic}`
          : ((a.mask & b.mask) >>> 0) === a.mask >>> 0
            ? `${b.mnemonic} is a special case of ${a.mnemonic}`
            : "the encodings intersect";
      diags.error(
        b.entry.pos,
        `${b.mnemonic} overlaps ${a.mnemonic} (${loc(a.entry)}): ${kind}; both match ${hex32(witness)}. ` +
          `Make the encodings disjoint, or say which wins with 'overrides: [${b.entry.key}]' on ${a.entry.key} (or the reverse)`,
      );
    }
  }

  // Duplicate mnemonics within a dialect.
  const seen = new Map<string, Variant>();
  for (const v of vs)
    for (const d of v.entry.dialects) {
      if (!isa.dialects.includes(d)) continue;
      const k = `${d}\u0000${v.mnemonic}`;
      const prev = seen.get(k);
      if (prev && prev.entry !== v.entry && !wins(v.entry, prev.entry) && !wins(prev.entry, v.entry))
        diags.error(v.entry.pos, `mnemonic '${v.mnemonic}' is defined twice in dialect '${d}' (also at ${loc(prev.entry)})`);
      else if (!prev) seen.set(k, v);
    }

  // TS names of variants must be unique (they name ids and cases).
  const names = new Map<string, Variant>();
  for (const v of vs) {
    const prev = names.get(v.name);
    if (prev && prev !== v)
      diags.error(v.entry.pos, `'${v.mnemonic}' and '${prev.mnemonic}' (${loc(prev.entry)}) both become '${v.name}' in code; rename one`);
    names.set(v.name, v);
  }

  checkAliases(isa, diags);
}

/**
 * Every pair i < j of encodings that some word matches, in (i, j) order. Encodings are grouped by
 * mask; two groups are compared through a hash of the bits both masks fix, so the work grows with
 * the number of encodings times the number of distinct masks, not with its square.
 */
export function overlappingPairs(all: readonly { mask: number; match: number }[]): [number, number][] {
  const groups = new Map<number, number[]>();
  all.forEach((v, i) => {
    const g = groups.get(v.mask >>> 0);
    if (g) g.push(i);
    else groups.set(v.mask >>> 0, [i]);
  });
  const masks = [...groups.keys()];
  const pairs: [number, number][] = [];
  for (let x = 0; x < masks.length; x++)
    for (let y = x; y < masks.length; y++) {
      const common = (masks[x] & masks[y]) >>> 0;
      const gx = groups.get(masks[x])!;
      const gy = groups.get(masks[y])!;
      const byKey = new Map<number, number[]>();
      for (const i of gx) {
        const k = (all[i].match & common) >>> 0;
        const l = byKey.get(k);
        if (l) l.push(i);
        else byKey.set(k, [i]);
      }
      for (const j of gy) {
        const l = byKey.get((all[j].match & common) >>> 0);
        if (!l) continue;
        for (const i of l) {
          if (x === y && i >= j) continue;
          pairs.push(i < j ? [i, j] : [j, i]);
        }
      }
    }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return pairs;
}

/** Numbers in an expression (the values its comparisons are about). */
function numbers(e: Expr, out = new Set<number>()): Set<number> {
  if (e.k === "num") out.add(e.v);
  else if (e.k === "un") numbers(e.a, out);
  else if (e.k === "bin") (numbers(e.a, out), numbers(e.b, out));
  else if (e.k === "cond") (numbers(e.c, out), numbers(e.a, out), numbers(e.b, out));
  else if (e.k === "call") for (const a of e.args) numbers(a, out);
  return out;
}

/**
 * A quick try before the exhaustive search: each operand at 0, all ones, and each number the
 * condition mentions (in the operand's units). Most conditions hold for one of these; when none
 * does, checkAliases searches as before (and reports the same count).
 */
function likelyHolds(variants: Variant[], cond: Expr, fields: Field[], regs: RegfileLookup): boolean {
  const nums = [...numbers(cond)];
  for (const v of variants) {
    const free = fields.filter((f) => !v.entry.varied.some((x) => x.field.name === f.name));
    const options = free.map((f) => {
      const all = 2 ** f.width - 1;
      const raws = new Set<number>([0, all]);
      for (const n of nums) for (const m of [n, n + 1, n - 1]) raws.add(Math.floor(m / 2 ** f.shift) & all);
      return [...raws];
    });
    if (options.reduce((p, o) => p * o.length, 1) > 4096) continue;
    const env = new Map<string, number>([["pc", 0x1000]]);
    const pick = (i: number, w: number): boolean => {
      if (i < free.length) return options[i].some((raw) => pick(i + 1, (w | insertRaw(free[i].pieces, raw)) >>> 0));
      for (const f of fields) {
        let raw = extractRaw(f.pieces, w);
        if (f.signed && raw >= 2 ** (f.width - 1)) raw -= 2 ** f.width;
        env.set(f.name, raw * 2 ** f.shift);
      }
      const r = evaluate(cond, env, regs);
      return typeof r === "number" ? r !== 0 : r.length > 0;
    };
    if (pick(0, v.match)) return true;
  }
  return false;
}

/** At most this many combinations are tried exhaustively; beyond, a deterministic sample. */
const EXHAUSTIVE_LIMIT = 1 << 20;

function checkAliases(isa: Isa, diags: Diagnostics): void {
  const regs = regLookup(isa);
  const byKey = new Map<string, Entry>();
  for (const e of isa.entries) if (!byKey.has(e.key)) byKey.set(e.key, e); // the first, as find() gave
  for (const a of isa.aliases) {
    if (!a.when) continue;
    const entry = byKey.get(a.of)!;
    const cond = expandMacros(a.when, isa.macros);
    const fields = exprFields(isa, cond);
    // Variants fix some fields; the condition must hold for some variant and operand values.
    let holds = likelyHolds(entry.variants, cond, fields, regs);
    let tried = 0;
    for (const v of holds ? [] : entry.variants) {
      const free = fields.filter((f) => !v.entry.varied.some((x) => x.field.name === f.name));
      const bits = free.reduce((s, f) => s + f.width, 0);
      const env = new Map<string, number>([["pc", 0x1000]]);
      const setFrom = (word: number) => {
        for (const f of fields) {
          let raw = extractRaw(f.pieces, word);
          if (f.signed && raw >= 2 ** (f.width - 1)) raw -= 2 ** f.width;
          env.set(f.name, raw * 2 ** f.shift);
        }
      };
      // Operand bits come from a candidate word; fixed bits from the variant.
      let freeMask = 0;
      for (const f of free) freeMask |= f.mask;
      const freeBits: number[] = [];
      for (let i = 0; i < 32; i++) if ((freeMask >>> i) & 1) freeBits.push(i);
      const wordFor = (n: number) => {
        let w = v.match;
        for (let i = 0; i < freeBits.length; i++) if (Math.floor(n / 2 ** i) & 1) w |= 1 << freeBits[i];
        return w >>> 0;
      };
      const count = bits <= 20 ? 2 ** bits : EXHAUSTIVE_LIMIT;
      let seed = 0x9e3779b9;
      for (let n = 0; n < count && !holds; n++) {
        let word: number;
        if (bits <= 20) word = wordFor(n);
        else {
          seed = (seed ^ (seed << 13)) >>> 0;
          seed = (seed ^ (seed >>> 17)) >>> 0;
          seed = (seed ^ (seed << 5)) >>> 0;
          word = (v.match | (seed & freeMask & ~v.mask)) >>> 0;
          if (n < 4) word = n === 0 ? v.match : n === 1 ? (v.match | freeMask) >>> 0 : word;
        }
        setFrom(word);
        tried++;
        const r = evaluate(cond, env, regs);
        if (typeof r === "number" ? r !== 0 : r.length > 0) holds = true;
      }
      if (holds) break;
    }
    if (!holds)
      diags.error(
        a.whenPos,
        `alias '${a.nameSrc}' of ${a.of}: condition '${a.whenSrc}' can never hold (checked ${tried} operand combinations${
          fields.length ? ` of ${fields.map((f) => f.name).join(", ")}` : ""
        })`,
      );
  }
}

