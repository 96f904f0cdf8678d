// core/inline-source.ts moves handler bodies into the dispatch switch: the switch must behave
// exactly as the one that calls the methods, and what it cannot move safely must stay a call.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inlineBody, inlineSwitch } from "../../runtime/core/inline-source.ts";
import { Machine } from "../../runtime/mips/machine.ts";

const TABLE = [3, 1, 4, 1];

class Toy {
  readonly r = new Int32Array(8);
  acc = 0;
  add(a: number, b: number): number {
    if (a === 0) return 0;
    this.r[a] = (this.r[a] + this.r[b]) | 0;
    return 0;
  }
  pick(a: number, b: number): number {
    const r = this.r;
    // a local named like a parameter elsewhere, a ternary, nested brackets in the return
    const x2 = r[a] > r[b] ? r[a] : r[b];
    if (x2 < 0) return Math.max(-x2 & 7, [1, 2][a & 1]);
    this.acc = (this.acc + x2) | 0;
    return x2 & 3 ? 1 : 2;
  }
  loop(a: number, _b: number): number {
    let s = 0;
    for (let i = 0; i < (a & 7); i++) {
      if (this.r[i] < 0) return i + 10;
      s += this.r[i];
    }
    this.acc = s | 0;
    return 0;
  }
  moduleBinding(a: number, _b: number): number {
    return TABLE[a & 3];
  }
  arrow(a: number, _b: number): number {
    return [a].map((v) => v + 1)[0];
  }
  bareThis(a: number, _b: number): number {
    return Object.keys(this).length + a;
  }
}

const NAMES = ["add", "pick", "loop", "moduleBinding", "arrow", "bareThis"] as const;
const SWITCH =
  "switch (id) {\n" +
  NAMES.map((n, i) => `case ${i}: x = h.${n}(((w >>> 3) & 7), (w & 7)); break;`).join("\n") +
  "\ndefault: x = -1;\n}";

function compile(src: string, views: string): (this: Toy, id: number, w: number) => number {
  return new Function(
    `return function (id, w) { ${views} let x; const h = this; ${src} return x; }`,
  )();
}

describe("source inlining of handlers into a switch", () => {
  const { text, inlined } = inlineSwitch(SWITCH, Toy.prototype, new Set(["r"]), "$");
  const inlinedRun = compile(text, "const $r = this.r;");
  const callRun = compile(SWITCH, "");

  it("moves the bodies it can and keeps calls for the rest", () => {
    expect(inlined).toBe(3);
    for (const n of ["moduleBinding", "arrow", "bareThis"]) expect(text).toContain(`h.${n}(`);
    for (const n of ["add", "pick", "loop"]) expect(text).not.toContain(`h.${n}(`);
    expect(text).toContain("$r[");
  });

  it("behaves exactly as the calls (random registers and words)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -2147483648, max: 2147483647 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(5), fc.nat(63)), { minLength: 1, maxLength: 20 }),
        (regs, prog) => {
          const a = new Toy(),
            b = new Toy();
          a.r.set(regs);
          b.r.set(regs);
          for (const [id, w] of prog) {
            expect(inlinedRun.call(a, id, w)).toBe(callRun.call(b, id, w));
            expect([...a.r, a.acc]).toEqual([...b.r, b.acc]);
          }
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it("refuses texts it cannot move", () => {
    const hoist = new Set<string>();
    expect(inlineBody("f(a){return `${a}`}", ["1"], hoist, "$", "$c")).toBeUndefined();
    expect(inlineBody("f(a){return arguments[0]}", ["1"], hoist, "$", "$c")).toBeUndefined();
    expect(inlineBody("f(a){const {b}=a;return b}", ["1"], hoist, "$", "$c")).toBeUndefined();
    expect(inlineBody("f(a){const x=a;return x}", ["1"], hoist, "$", "$c")).toBeUndefined();
    expect(inlineBody("f(a,b){return a}", ["1"], hoist, "$", "$c")).toBeUndefined();
    expect(inlineBody("f(a){return a+1}", ["w"], hoist, "$", "$c")).toBe(
      "$c:{let a=w;{{x=( a+1);break $c}}}",
    );
  });

  it("the MIPS interpreter's compiled run holds the hot handlers' bodies", () => {
    const run = Machine.prototype.run.toString();
    for (const n of [
      "addiu",
      "addu",
      "lw",
      "sw",
      "lbu",
      "sb",
      "xor",
      "srl",
      "sll",
      "andi",
      "beq",
      "bne",
    ])
      expect(run).not.toMatch(new RegExp(`\\bh\\.${n}\\(`));
    expect(run).toContain("$gpr[");
  });
});

describe("what the MIPS compiled run reads once per slice", () => {
  it("only setUserMode, which the hypervisor calls between slices, changes the shadow table in use", () => {
    const p = Machine.prototype as unknown as Record<string, unknown>;
    const writers = Object.getOwnPropertyNames(p).filter(
      (n) =>
        n !== "constructor" &&
        typeof p[n] === "function" &&
        /this\.(rtab|wtab)\s*=[^=]/.test(String(p[n])),
    );
    expect(writers).toEqual(["setUserMode"]);
  });
});
