// The generated dispatch as source text (switchVcpu, switchFpu: for a loop that compiles the
// switch in) against the dispatch functions: compiled, it makes the same call as execVcpu /
// execFpu for every variant's own encoding and for random words, the fallback included. A
// recording handler set (a Proxy) stands for the handlers.
import { describe, expect, it } from "vitest";
import * as mips from "../../generated/mips32r2/index.ts";
import * as ppc from "../../generated/ppc440/index.ts";
import { xorshift } from "../support/random.ts";

type Call = { method: string; args: number[] } | { outside: number };
type Exec = (h: unknown, id: number, w: number, outside: (id: number, w: number) => Call) => Call;

const recorder = new Proxy(
  {},
  {
    get:
      (_t, method: string) =>
      (...args: number[]) => ({ method, args }),
  },
);
const outside = (id: number): Call => ({ outside: id });

function compile(source: string): Exec {
  return new Function("h", "id", "w", "outside", `let x; ${source} return x;`) as Exec;
}

const ISAS = [
  ["mips32r2", mips],
  ["ppc440", ppc],
] as const;

describe.each(ISAS)("%s dispatch as source", (_name, g) => {
  const roles = [
    [g.switchVcpu, g.execVcpu as unknown as Exec],
    [g.switchFpu, g.execFpu as unknown as Exec],
  ] as const;

  it("makes the calls the dispatch functions make", () => {
    const rnd = xorshift(0x5717c4);
    const words = [
      ...g.INFO.map((i) => i.match),
      ...Array.from({ length: 20000 }, () => rnd() | 0),
    ];
    for (const [source, exec] of roles) {
      const run = compile(source);
      for (const w of words) {
        const id = g.decode(w);
        expect(run(recorder, id, w, outside), `${w >>> 0}`).toEqual(exec(recorder, id, w, outside));
      }
    }
  });
});
