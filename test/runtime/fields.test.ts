// settleIntFields (runtime/core/fields.ts): it rewrites integer fields in place, so what it must
// never do is change a value, or reach into the guest's memory or the tables the machine holds.
import { describe, expect, it } from "vitest";
import { settleIntFields } from "../../runtime/core/fields.ts";

describe("settleIntFields", () => {
  it("leaves every value as it was, through nested objects and arrays", () => {
    class Regs {
      cr = 0;
      xer = 0x7fffffff;
      pc = -0x40000000;
      tb = 2 ** 40;
      icount = 12345;
      half = 0.5;
      neg0 = -0;
      name = "r";
    }
    const regs = new Regs();
    const tlb = Array.from({ length: 4 }, (_, i) => ({ word0: i, word1: -i }));
    const root = { regs, tlb, nested: { deep: { n: 1 } } };
    const before = JSON.stringify(root);
    // icount: a counter, given a double representation; its value is unchanged too.
    expect(settleIntFields(root, new Set(["icount"]))).toBe(1 + 1 + 1 + 4 + 2); // root, regs, tlb, its entries, nested, deep
    expect(JSON.stringify(root)).toBe(before);
    expect(Object.is(regs.neg0, -0)).toBe(true);
  });

  it("writes no typed array, buffer, map, set, frozen object, read-only field or accessor", () => {
    const ram = new Int32Array([1, 2, 3]);
    const frozen = Object.freeze({ a: 1 });
    const ro = Object.defineProperty({}, "k", { value: 5, writable: false, enumerable: true });
    let sets = 0;
    const acc = Object.defineProperty({}, "v", { get: () => 1, set: () => sets++, enumerable: true });
    const big = { table: Array.from({ length: 5000 }, () => ({ x: 1 })) };
    const root = { ram, buf: new ArrayBuffer(8), map: new Map([[1, { x: 1 }]]), set: new Set([{ x: 1 }]), frozen, ro, acc, big };
    // root, ro, acc, big and big.table (its elements are left alone: a table, not machine state).
    expect(settleIntFields(root)).toBe(5);
    expect(Array.from(ram)).toEqual([1, 2, 3]);
    expect(sets).toBe(0);
    expect((ro as { k: number }).k).toBe(5);
  });
});
