// Handler inlining as source text (runtime/core/inline.ts): the text it writes for a call must do
// exactly what the call does, and what it cannot read safely stays a call.
import { describe, expect, it } from "vitest";
import { INFO, ROLE_VCPU, ROLES, sourceVcpu } from "../../generated/ppc440/index.ts";
import { elementsInLocals, Inliner, tokenize } from "../../runtime/core/inline.ts";
import { HANDLER_SCOPE, Ppc440Machine } from "../../runtime/ppc/machine.ts";
import { GuestMemory } from "../../runtime/vmm/memory.ts";
import { xorshift } from "../support/random.ts";

const K = 0x10;
function twice(v: number): number {
  return v * 2;
}
function noisy(v: number): number {
  const w = v + 1;
  return w;
}

class Toy {
  a = 0;
  b = 0;
  log: number[] = [];
  readonly regs = new Int32Array(4);
  hook = (v: number) => this.log.push(v);
  early(x: number, y: number): void {
    if (x > y) return;
    this.a = (this.a + x) | 0;
    if (y & 1) return this.note(y);
    this.b = twice(y) | K;
  }
  note(v: number): void {
    this.log.push(v);
  }
  pick(r: number): number {
    return this.regs[r & 3] + 1;
  }
  sw(op: number, v: number): void {
    switch (op & 3) {
      case 0:
        this.a = this.pick(v);
        return;
      case 1:
        this.b = v > 2 ? twice(v) : noisy(v);
        break;
      default:
        this.early(v, op);
    }
    this.a ^= 1;
  }
  shadow(v: number): void {
    const x = v + 1;
    {
      const x = v + 2;
      this.a = x;
    }
    this.b = x;
  }
  rec(n: number): void {
    if (n > 0) this.rec(n - 1);
    this.a++;
  }
  nested(v: number): void {
    this.log.push([v].map((x) => x + 1)[0]);
  }
  usesUnknown(v: number): void {
    this.a = noisy(v);
  }
  viaHook(v: number): void {
    this.hook(v);
  }
  keyed(v: number): void {
    const o = { v, w: v + 1 };
    this.a = o.v + o.w;
  }
  keyed2(v: number): void {
    const o = { v: 1 };
    this.a = o.v + v;
  }
  ternary(v: number): void {
    const w = v + 1;
    this.a = v > 0 ? w : v;
  }
}

const scope = { [twice.name]: twice, K };

function compile(stmt: string): (h: Toy) => void {
  return new Function(...Object.keys(scope), `"use strict"; return function (h) { ${stmt} };`)(
    ...Object.values(scope),
  ) as (h: Toy) => void;
}

describe("Inliner", () => {
  const inl = new Inliner(Toy.prototype, new Set(Object.keys(new Toy())), scope);

  it("writes text that does what the call does (returns, switch, nested calls, scope names)", () => {
    const rnd = xorshift(7);
    for (const name of ["early", "sw", "shadow", "note", "ternary"]) {
      for (let i = 0; i < 200; i++) {
        const x = (rnd() % 9) - 4;
        const y = (rnd() % 9) - 4;
        const call = `h.${name}(${x}, ${y})`;
        const text = inl.statement(call, "h");
        const a = new Toy();
        const b = new Toy();
        a.regs.set([1, 2, 3, 4]);
        b.regs.set([1, 2, 3, 4]);
        (a as unknown as Record<string, (...v: number[]) => void>)[name](x, y);
        compile(text)(b);
        expect({ a: b.a, b: b.b, log: b.log }, `${call} → ${text}`).toEqual({
          a: a.a,
          b: a.b,
          log: a.log,
        });
      }
    }
  });

  it("inlines what it can read, and leaves calls it cannot", () => {
    expect(inl.statement("h.early(1, 2)", "h")).not.toMatch(/\.early\(|\.note\(/);
    expect(inl.statement("h.early(1, 2)", "h")).not.toMatch(/twice\(/); // one return expression
    expect(inl.statement("h.early(1, 3)", "h")).toMatch(/h\.log\.push\(/); // not the receiver's
    // Constant operands: the ifs they decide are gone.
    expect(inl.statement("h.early(1, 2)", "h")).not.toMatch(/\bif\b|log/);
    expect(inl.statement("h.early(1, 2)", "h")).toBe(inl.statement("h.early(1, 2)", "h"));
    expect(inl.statement("h.sw(0, 2)", "h")).not.toMatch(/\.pick\(/); // one return expression
    expect(inl.statement("h.rec(3)", "h")).toBe("h.rec(3);"); // recursive
    expect(inl.statement("h.nested(3)", "h")).toBe("h.nested(3);"); // a function inside
    expect(inl.statement("h.usesUnknown(3)", "h")).toBe("h.usesUnknown(3);"); // noisy: not in scope
    expect(inl.statement("h.hook(3)", "h")).toBe("h.hook(3);"); // an own field, not a method
    expect(inl.statement("h.viaHook(3)", "h")).toMatch(/h\.hook\(/);
    expect(inl.statement("h.keyed(3)", "h")).toBe("h.keyed(3);"); // a local as an object key
    expect(inl.statement("h.keyed2(3)", "h")).toBe("h.keyed2(3);");
    expect(inl.statement("h.ternary(3)", "h")).not.toMatch(/ternary\(/);
  });

  it("reads tokens as JavaScript does", () => {
    expect(tokenize("a>>>=b; c=1e-3/2; d = 'x;y'")).toEqual([
      "a",
      ">>>=",
      "b",
      ";",
      "c",
      "=",
      "1e-3",
      "/",
      "2",
      ";",
      "d",
      "=",
      "'x;y'",
    ]);
    expect(tokenize("x = /re/g")).toBeUndefined();
    expect(tokenize("x = `t`")).toBeUndefined();
  });
});

describe("the 440's handlers inlined into blocks", () => {
  const m = new Ppc440Machine(
    (() => {
      const mem = new GuestMemory(false);
      mem.addRam({ base: 0, size: 0x1000, name: "t" });
      return mem;
    })(),
  );
  const inl = new Inliner(Ppc440Machine.prototype, new Set(Object.keys(m)), HANDLER_SCOPE);

  it("every vCPU instruction's text compiles, and the common ones are no longer calls", () => {
    const rnd = xorshift(3);
    for (const info of INFO) {
      if (!(ROLES[info.id] & ROLE_VCPU)) continue;
      const w = info.match | (rnd() & ~info.mask) | 0;
      const call = sourceVcpu(info.id, w, "h");
      if (call === undefined) continue;
      const text = inl.statement(call, "h");
      expect(
        () => new Function("h", ...Object.keys(HANDLER_SCOPE), text),
        `${info.name}: ${text}`,
      ).not.toThrow();
      if (
        ["addi", "rlwinm", "add", "cmp", "cmpli", "bc", "or", "mtspr", "lwz", "stw"].includes(
          info.entry,
        )
      )
        expect(text, info.name).not.toMatch(new RegExp(`h\\.${info.entry}\\(`));
    }
  });
});

describe("elementsInLocals", () => {
  const KEEPS = new Set(["exit"]);
  /** Runs block text `src` (names: h, $gpr) on a fresh register file; returns the result and
   *  the registers after. */
  const run = (src: string, h: Record<string, unknown> = { exit: (v: number) => v }) => {
    const gpr = Int32Array.from({ length: 34 }, (_, k) => k * 3 - 7);
    const result = new Function("h", "$gpr", "HI", src)(h, gpr, 32) as unknown;
    return { result, gpr: Array.from(gpr) };
  };
  const local = (src: string) => elementsInLocals(src, "$gpr", "h", "gpr", KEEPS, { HI: 32 });

  it("keeps what the text computes: values converted as the Int32Array does, written back at each return", () => {
    const src =
      "const g_1 = $gpr; g_1[3] = g_1[4] + 0x7fffffff; if (g_1[3] < 0) return h.exit(g_1[3]);" +
      " $gpr[HI] = $gpr[5] * 65536 * 65536 + 9; for (let i = 0; i < 3; i++) $gpr[6] = $gpr[6] + $gpr[3]; return 0;";
    const t = local(src);
    expect(t).toMatch(/\br3\b/);
    expect(t).not.toMatch(/g_1/);
    expect(run(t!)).toEqual(run(src));
    const src2 = src.replace("+ 0x7fffffff", "+ 1");
    expect(run(local(src2)!)).toEqual(run(src2));
  });

  it("leaves text that reaches the array any other way as it is", () => {
    for (const src of [
      "const i = 3; $gpr[i] = 1; return 0;", // index not constant
      "$gpr[3] += 1; return 0;", // compound assignment
      "$gpr[3]++; return 0;",
      "h.other($gpr[3]); return 0;", // a call that may read the registers
      "return h.gpr[3];", // the field itself
      "const g = $gpr, y = 1; return g[3];", // an alias in a list
      "f(h); return 0;", // the receiver passed on
    ])
      expect(local(src), src).toBeUndefined();
  });
});
