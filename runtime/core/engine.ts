// The execution engines a vCPU can run guest code with. Both run the same generated handler
// methods (one semantics per instruction): the interpreter decodes and dispatches word by word;
// the translator compiles hot straight-line runs of guest code into JavaScript functions that call
// the same methods with constant operands (runtime/<isa>/translate.ts).

export const ENGINES = ["interp", "translate"] as const;
export type Engine = (typeof ENGINES)[number];

/** The engine `isagen run` and the boards use when none is named: the translator, since it
 *  passes every guest, oracle and lockstep test the interpreter does and runs CPU-bound code 5
 *  to 11 times faster (bench/), and the Linux boots faster too (one `bench/linux.ts` run: Malta
 *  10.9 s against 20.8 s interpreted, Bamboo 1.1 s against 1.2 s). */
export const DEFAULT_ENGINE: Engine = "translate";

export function isEngine(s: string): s is Engine {
  return (ENGINES as readonly string[]).includes(s);
}
