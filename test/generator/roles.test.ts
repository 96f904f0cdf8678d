// The generated role dispatch (generated/<isa>/roles.ts) against the model: every variant's own
// encoding reaches the method named after its table entry, with the entry's operands in layout
// order as the generated accessors read them, exactly when the entry belongs to the role
// (generator/roles.ts); every other word goes to the fallback. A recording handler set is a
// Proxy: any method name records itself and its arguments, so no handler set needs stubs.
import { describe, expect, it } from "vitest";
import { invalidWhenHolds } from "../../generator/explain.ts";
import { buildModels } from "../../generator/gen.ts";
import { entryRoles, ROLE_DEFS, type Role } from "../../generator/roles.ts";
import * as mips from "../../generated/mips32r2/index.ts";
import * as ppc from "../../generated/ppc440/index.ts";
import { xorshift } from "../support/random.ts";
import { ROOT } from "../support/root.ts";

type Call = { method: string; args: number[] } | { outside: number };
type Exec = (h: unknown, id: number, w: number, outside: (id: number, w: number) => Call) => Call;

const GENERATED = {
  ppc440: { g: ppc, exec: { vcpu: ppc.execVcpu, fpu: ppc.execFpu, emulate: ppc.execEmulate }, source: { vcpu: ppc.sourceVcpu, fpu: ppc.sourceFpu } },
  mips32r2: { g: mips, exec: { vcpu: mips.execVcpu, fpu: mips.execFpu, emulate: mips.execEmulate }, source: { vcpu: mips.sourceVcpu, fpu: mips.sourceFpu } },
} as const;

const recorder = new Proxy({}, { get: (_t, method: string) => (...args: number[]) => ({ method, args }) });

describe.each(buildModels(ROOT).map((b) => [b.isa.name, b.isa] as const))("%s roles", (name, isa) => {
  const { g, exec, source } = GENERATED[name as keyof typeof GENERATED];
  const run = (role: Role, w: number): Call =>
    (exec[role] as unknown as Exec)(recorder, g.decode(w), w, (id) => ({ outside: id }));

  it("ROLES has each id's roles as bits", () => {
    for (const v of isa.variants) {
      const bits = entryRoles(isa, v.entry).reduce((a, r) => a | ROLE_DEFS.find((d) => d.role === r)!.bit, 0);
      expect(g.ROLES[v.id], v.mnemonic).toBe(bits);
    }
    expect(g.ROLES[0]).toBe(0);
  });

  it("each role's dispatch calls the entry's method with its operands, or the fallback", () => {
    let called = 0;
    for (const v of isa.variants) {
      if (invalidWhenHolds(isa, v, v.match)) continue; // e.g. lmw with RA >= RT: undefined
      const w = v.match;
      const id = g.decode(w);
      const entry = g.INFO[id].entry;
      const model = isa.entries.find((e) => e.key === entry)!;
      const operands = (g.operands as unknown as Record<string, (w: number) => Record<string, number>>)[`${entry}Operands`](w);
      for (const d of ROLE_DEFS) {
        const got = run(d.role, w);
        if (entryRoles(isa, model).includes(d.role)) {
          expect(got, `${v.mnemonic} ${d.role}`).toEqual({ method: entry, args: model.operands.map((f) => operands[f.name]) });
          called++;
        } else expect(got, `${v.mnemonic} ${d.role}`).toEqual({ outside: id });
      }
    }
    expect(called).toBeGreaterThan(isa.variants.length / 2);
  });

  it("random words: a method call exactly when the decoded entry has the role", () => {
    const next = xorshift(name === "ppc440" ? 440 : 32);
    for (let i = 0; i < 20000; i++) {
      const w = next() >>> 0;
      const id = g.decode(w);
      for (const d of ROLE_DEFS) {
        const got = run(d.role, w);
        expect("method" in got, `${w.toString(16)} ${d.role}`).toBe((g.ROLES[id] & d.bit) !== 0);
      }
    }
  });

  it("the translator's source for a word makes the same call as the dispatch", () => {
    const next = xorshift(name === "ppc440" ? 4400 : 3200);
    const words = [...isa.variants.map((v) => v.match), ...Array.from({ length: 20000 }, () => next() >>> 0)];
    for (const w of words) {
      const id = g.decode(w);
      for (const role of ["vcpu", "fpu"] as const) {
        const src = source[role](id, w, "rec");
        const direct = run(role, w);
        if (src === undefined) expect(direct, w.toString(16)).toEqual({ outside: id });
        else expect(new Function("rec", `return ${src};`)(recorder), `${w.toString(16)}: ${src}`).toEqual(direct);
      }
    }
  });

  it("illegal-on-core entries and undefined words belong to no role", () => {
    for (const e of isa.entries.filter((x) => x.illegalOnCore)) expect(entryRoles(isa, e), e.key).toEqual([]);
    expect(g.ROLES[g.decode(name === "ppc440" ? 0 : 0xffffffff)]).toBe(0);
  });
});
