// The generator's table model (generator/model.ts) as JSON for the page, and back. The model is
// plain data, but with Maps, Sets, bigints and shared references (a field object appears in the
// ISA's field map and in every entry that uses it), which JSON alone loses. Encoded as a table of
// nodes, each referred to by index, so sharing and cycles come back as they were. Built at build
// time by vite.config.ts from the YAML tables (reading them needs node:fs), decoded in the page.

type Node =
  | ["o", [string, unknown][]]
  | ["a", unknown[]]
  | ["m", [unknown, unknown][]]
  | ["s", unknown[]]
  | ["r", string, string];

/** A reference to node i: { $: i }; a bigint: { n: "123" }; undefined: { u: 1 }. */
export function encodeModel(root: unknown): string {
  const nodes: Node[] = [];
  const ids = new Map<object, number>();
  const enc = (v: unknown): unknown => {
    if (v === undefined) return { u: 1 };
    if (typeof v === "bigint") return { n: v.toString() };
    if (typeof v === "number" && !Number.isFinite(v)) return { f: String(v) };
    if (v === null || typeof v !== "object") {
      if (typeof v === "function") throw new Error("the model holds a function: it cannot be shipped to the page");
      return v;
    }
    const seen = ids.get(v);
    if (seen !== undefined) return { $: seen };
    const id = nodes.length;
    ids.set(v, id);
    nodes.push(["a", []]); // placeholder, filled below (children may refer back to it)
    let node: Node;
    if (Array.isArray(v)) node = ["a", v.map(enc)];
    else if (v instanceof Map) node = ["m", [...v].map(([k, x]): [unknown, unknown] => [enc(k), enc(x)])];
    else if (v instanceof Set) node = ["s", [...v].map(enc)];
    else if (v instanceof RegExp) node = ["r", v.source, v.flags];
    else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        throw new Error(`the model holds a ${proto?.constructor?.name ?? "class"} instance: it cannot be shipped to the page`);
      node = ["o", Object.entries(v).map(([k, x]): [string, unknown] => [k, enc(x)])];
    }
    nodes[id] = node;
    return { $: id };
  };
  const top = enc(root);
  return JSON.stringify({ top, nodes });
}

export function decodeModel<T>(text: string): T {
  const { top, nodes } = JSON.parse(text) as { top: unknown; nodes: Node[] };
  // Objects are made first, then filled, so references (cycles included) resolve to them.
  const made: unknown[] = nodes.map((n) =>
    n[0] === "o" ? {} : n[0] === "a" ? [] : n[0] === "m" ? new Map() : n[0] === "s" ? new Set() : new RegExp(n[1], n[2]),
  );
  const dec = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") return v;
    const r = v as { $?: number; n?: string; u?: 1; f?: string };
    if (r.$ !== undefined) return made[r.$];
    if (r.n !== undefined) return BigInt(r.n);
    if (r.f !== undefined) return Number(r.f);
    return undefined;
  };
  nodes.forEach((n, i) => {
    const m = made[i];
    if (n[0] === "o") for (const [k, x] of n[1]) (m as Record<string, unknown>)[k] = dec(x);
    else if (n[0] === "a") for (const x of n[1]) (m as unknown[]).push(dec(x));
    else if (n[0] === "m") for (const [k, x] of n[1]) (m as Map<unknown, unknown>).set(dec(k), dec(x));
    else if (n[0] === "s") for (const x of n[1]) (m as Set<unknown>).add(dec(x));
  });
  return dec(top) as T;
}
