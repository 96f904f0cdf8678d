// The lazily read graph behind explain's and asm's cache (cli/lazy-graph.ts): what goes in comes
// back with the same values, shape, key order and sharing, whichever chunks are read and in what
// order; chunks are read only when used; a damaged chunk is an error, never a wrong value.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { DamagedGraph, decodeGraph, encodeGraph, Lazy, LazyTable, Unencodable } from "../cli/lazy-graph.ts";

/** A graph with what JSON alone loses, split across chunks "a" and "b" by its anchors. */
function sample() {
  const shared = { name: "shared", list: [1, 2, 3] };
  const a: Record<string, unknown> = { kind: "a", shared, negZero: -0, nan: NaN, inf: -Infinity, big: 12345678901234567890n, none: undefined };
  const b: Record<string, unknown> = { kind: "b", shared, a, re: /x+\.y/giu };
  a.b = b; // a cycle across chunks
  a.self = a;
  const holey: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const keyObj = { k: 1 };
  const root = {
    $: "a dollar key",
    ["__proto__"]: "not the prototype",
    10: "integer-like key first",
    z: "then the others in order",
    map: new Map<unknown, unknown>([
      [keyObj, "object key"],
      ["a", a],
      [-0, "minus zero key"],
    ]),
    set: new Set<unknown>([keyObj, shared, "s"]),
    holey,
    list: [a, b, shared],
    boxed: new Lazy(b, "b"),
    boxedPrimitive: new Lazy(42),
    table: new LazyTable<object>([
      ["the b", b, "b"],
      ["the list", [a, b], "b"],
    ]),
  };
  Object.defineProperty(root, "__proto__", { value: "not the prototype", enumerable: true, configurable: true, writable: true });
  const anchors = new Map<object, string>([
    [a, "a"],
    [b, "b"],
  ]);
  return { root, anchor: (o: object) => anchors.get(o) };
}

const write = (bytes: Buffer) => {
  const f = join(mkdtempSync(join(tmpdir(), "isagen-graph-")), "g.lg");
  writeFileSync(f, bytes);
  return f;
};

describe("a lazily read graph", () => {
  it("reads back deep-equal, with its sharing, cycles and key order", () => {
    const { root, anchor } = sample();
    const back = decodeGraph(write(encodeGraph(root, anchor))) as typeof root;
    expect(Object.keys(back)).toEqual(Object.keys(root));
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    const [a, b, shared] = back.list as [Record<string, unknown>, Record<string, unknown>, object];
    expect(a.self).toBe(a);
    expect(a.b).toBe(b);
    expect(b.a).toBe(a);
    expect(a.shared).toBe(shared);
    expect(b.shared).toBe(shared);
    expect(back.map.get("a")).toBe(a);
    expect([...back.set][0]).toBe([...back.map.keys()][0]);
    expect(back.boxed.value).toBe(b);
    expect(back.boxedPrimitive.value).toBe(42);
    expect(back.table.keys()).toEqual(["the b", "the list"]);
    expect(back.table.get("the b")).toBe(b);
    expect(back.table.get("the list")).toEqual([a, b]);
    expect((back.table.at(1) as unknown as unknown[])[1]).toBe(b);
    expect(back.table.get("no such name")).toBeUndefined();
    expect(Object.is(a.negZero, -0)).toBe(true);
    expect(1 in back.holey).toBe(false);
    expect("none" in a).toBe(true);
    // (Lazy boxes are compared by their values.)
    const plain = (x: typeof root) => ({ ...x, boxed: x.boxed.value, boxedPrimitive: x.boxedPrimitive.value, table: [x.table.at(0), x.table.at(1)] });
    expect(isDeepStrictEqual(plain(back), plain(root))).toBe(true);
  });

  it("reads a chunk only when something in it is used", () => {
    const { root, anchor } = sample();
    const bytes = encodeGraph(root, anchor);
    // Break chunk "b" (its JSON's first byte): the root and what is in it still read. (`a`
    // went to the root: it is a Map's value.)
    const n = bytes.readUInt32LE(12);
    const chunks = Array.from({ length: n }, (_, i) => [bytes.readUInt32LE(16 + 8 * i), bytes.readUInt32LE(20 + 8 * i)]);
    expect(n).toBe(2);
    const [offset, length] = chunks.find(([o, l]) => bytes.toString("latin1", o, o + l).includes('"kind":"b"'))!;
    expect(offset).toBeGreaterThan(chunks[0][0]);
    const broken = Buffer.from(bytes);
    broken[offset] = 0x7b; // '{': not JSON any more
    expect(length).toBeGreaterThan(1);
    let damaged = 0;
    const back = decodeGraph(write(broken), () => damaged++) as typeof root;
    const a = back.map.get("a") as Record<string, unknown>;
    expect(a.kind).toBe("a");
    expect(damaged).toBe(0);
    expect(() => a.b).toThrow(DamagedGraph);
    expect(() => back.boxed.value).toThrow(DamagedGraph);
    expect(() => back.table.get("the b")).toThrow(DamagedGraph);
    expect(damaged).toBeGreaterThan(0);
  });

  it("refuses what is not such a graph, and a file changed between its chunks", () => {
    const { root, anchor } = sample();
    const bytes = encodeGraph(root, anchor);
    for (const bad of [Buffer.alloc(0), bytes.subarray(0, 40), Buffer.from("isagenLG\x02\0\0\0" + "x".repeat(64), "latin1")])
      expect(() => decodeGraph(write(bad))).toThrow(DamagedGraph);
    const f = write(bytes);
    const back = decodeGraph(f) as typeof root;
    const other = sample();
    (other.root as Record<string, unknown>).z = "another graph, other offsets";
    writeFileSync(f, encodeGraph(other.root, other.anchor));
    expect(() => back.boxed.value).toThrow(DamagedGraph);
    // Rewritten with the same contents, it is read on.
    const again = decodeGraph(f) as typeof root;
    writeFileSync(f, readFileSync(f));
    expect((again.boxed.value as Record<string, unknown>).kind).toBe("b");
  });

  it("does not store what it cannot give back", () => {
    expect(() => encodeGraph({ f: () => 1 }, () => undefined)).toThrow(Unencodable);
    expect(() => encodeGraph({ d: new Date(0) }, () => undefined)).toThrow(Unencodable);
    expect(() => encodeGraph({ s: Symbol("x") }, () => undefined)).toThrow(Unencodable);
  });
});
