// Plans the decoder: a decision tree of switches over bit-fields, so that decoding never
// scans a list of masks. At each node it switches on the longest run of bits that every
// remaining candidate fixes; candidates that leave those bits open go down every branch, and
// overrides decide where two candidates still match the same words.
import { wins } from "./relations.ts";
import type { Variant } from "./model.ts";

export type DecodeNode =
  | { k: "leaf"; v: Variant | null }
  | { k: "test"; mask: number; match: number; then: DecodeNode; else: DecodeNode }
  | { k: "switch"; lo: number; width: number; cases: { values: number[]; node: DecodeNode }[]; dflt: DecodeNode };

interface Cand {
  v: Variant;
  mask: number;
  match: number;
}

/** Longest run of set bits in m (ties: the most significant). */
function longestRun(m: number): { lo: number; width: number } {
  let best = { lo: 0, width: 0 };
  for (let i = 31; i >= 0; ) {
    if (!((m >>> i) & 1)) {
      i--;
      continue;
    }
    let j = i;
    while (j - 1 >= 0 && (m >>> (j - 1)) & 1) j--;
    if (i - j + 1 > best.width) best = { lo: j, width: i - j + 1 };
    i = j - 1;
  }
  return best;
}

/** A leaf; words of a reserved (`invalid: true`) entry decode as invalid. */
function leaf(v: Variant | null): DecodeNode {
  return { k: "leaf", v: v && !v.entry.invalid ? v : null };
}

function winner(cands: Cand[]): Variant | null {
  // The candidate no other candidate overrides (checks guarantee there is one).
  const top = cands.filter((c) => !cands.some((o) => o !== c && wins(o.v.entry, c.v.entry)));
  return (top[0] ?? cands[0])?.v ?? null;
}

function key(n: DecodeNode): string {
  switch (n.k) {
    case "leaf":
      return n.v ? `L${n.v.id}` : "L0";
    case "test":
      return `T${n.mask},${n.match}(${key(n.then)})(${key(n.else)})`;
    case "switch":
      return `S${n.lo},${n.width}{${n.cases.map((c) => `${c.values.join("|")}:${key(c.node)}`).join(";")}}(${key(n.dflt)})`;
  }
}

function build(cands: Cand[], known: number): DecodeNode {
  if (cands.length === 0) return { k: "leaf", v: null };
  const rem = (c: Cand) => (c.mask & ~known) >>> 0;
  const active = cands.filter((c) => rem(c) !== 0);
  const settled = cands.filter((c) => rem(c) === 0);
  if (active.length === 0) return leaf(winner(cands));
  // A settled candidate matches everything here; only active ones that override it can win.
  const contenders = settled.length
    ? active.filter((a) => settled.every((s) => wins(a.v.entry, s.v.entry)))
    : active;
  if (contenders.length === 0) return leaf(winner(settled));
  cands = [...contenders, ...settled];
  if (contenders.length === 1) {
    const c = contenders[0];
    return {
      k: "test",
      mask: rem(c),
      match: (c.match & rem(c)) >>> 0,
      then: leaf(c.v),
      else: build(settled, known),
    };
  }
  let common = 0xffffffff;
  for (const c of contenders) common &= rem(c);
  common >>>= 0;
  let run: { lo: number; width: number };
  if (common !== 0) run = longestRun(common);
  else {
    // No bit is fixed by all: take the bit fixed by most, grown while the same candidates fix it.
    let bestBit = -1;
    let bestCount = 0;
    for (let i = 31; i >= 0; i--) {
      const n = contenders.filter((c) => (rem(c) >>> i) & 1).length;
      if (n > bestCount) (bestCount = n), (bestBit = i);
    }
    const who = (i: number) => contenders.map((c) => (rem(c) >>> i) & 1).join("");
    const sig = who(bestBit);
    let lo = bestBit;
    let hi = bestBit;
    while (hi < 31 && who(hi + 1) === sig) hi++;
    while (lo > 0 && who(lo - 1) === sig) lo--;
    run = { lo, width: hi - lo + 1 };
  }
  const runMask = (run.width === 32 ? 0xffffffff : ((2 ** run.width - 1) * 2 ** run.lo)) >>> 0;
  const fixing = cands.filter((c) => (c.mask & runMask) >>> 0 === runMask);
  const open = cands.filter((c) => (c.mask & runMask) >>> 0 !== runMask);
  const byValue = new Map<number, Cand[]>();
  for (const c of fixing) {
    const v = ((c.match & runMask) >>> 0) / 2 ** run.lo;
    if (!byValue.has(v)) byValue.set(v, []);
    byValue.get(v)!.push(c);
  }
  const nextKnown = (known | runMask) >>> 0;
  const dflt = build(open, nextKnown);
  const dkey = key(dflt);
  const groups = new Map<string, { values: number[]; node: DecodeNode }>();
  for (const v of [...byValue.keys()].sort((a, b) => a - b)) {
    const node = build([...byValue.get(v)!, ...open], nextKnown);
    const k = key(node);
    if (k === dkey) continue;
    const g = groups.get(k);
    if (g) g.values.push(v);
    else groups.set(k, { values: [v], node });
  }
  return { k: "switch", lo: run.lo, width: run.width, cases: [...groups.values()], dflt };
}

export function planDecoder(variants: Variant[]): DecodeNode {
  return build(
    variants.map((v) => ({ v, mask: v.mask, match: v.match })),
    0,
  );
}

/** Follows the tree for one word (used by tests and `explain`), returning the path taken. */
export function walk(
  root: DecodeNode,
  w: number,
): { v: Variant | null; steps: { node: DecodeNode; value?: number; taken: string }[] } {
  const steps: { node: DecodeNode; value?: number; taken: string }[] = [];
  let n = root;
  for (;;) {
    if (n.k === "leaf") return { v: n.v, steps };
    if (n.k === "test") {
      const ok = ((w & n.mask) >>> 0) === n.match;
      steps.push({ node: n, taken: ok ? "match" : "no match" });
      n = ok ? n.then : n.else;
      continue;
    }
    const value = Math.floor((w >>> 0) / 2 ** n.lo) % 2 ** n.width;
    const c = n.cases.find((x) => x.values.includes(value));
    steps.push({ node: n, value, taken: c ? "case" : "default" });
    n = c ? c.node : n.dflt;
  }
}
