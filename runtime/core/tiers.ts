// The interpreters' two tiers, the same skeleton for each ISA (mips/machine.ts, ppc/machine.ts).
//
// First tier: `run` calls one small function per decoded id, `table[id](machine, w)`, each the
// generated switch's case for that id (its handler called with the operands taken from the
// word). The loop and each entry are small, so V8 optimises them within a few thousand guest
// instructions. A `run` holding the whole switch runs faster once optimised, but V8 waits longer
// before it optimises a function that size and then compiles it for 100-300 ms while the guest
// runs it in Ignition at about 20 ns an instruction: a short guest in a fresh process paid that.
//
// Second tier: `run` compiled again from its own text with the switch in place of the table
// call (and, on MIPS, the handlers' text in the cases). Built once a guest has run long enough
// to repay its compile, warmed (which has V8 optimise it in the background), and installed
// some instructions later, when that compile is done: installed at once, the guest ran it
// unoptimised and V8 compiled it a second time for the loop already running (OSR).

/** One id's entry of the first tier. */
export type Entry<H, R> = (h: H, w: number) => R;

/** A case of a generated dispatch switch (generated/<isa>/roles.ts, `switchSource`). */
const CASE = /^case (\d+): x = (h\.[\w$]+\(.*\)); break;$/;

/** The calls of a generated switch's cases (`switchVcpu`), by id. */
function caseCalls(switchSource: string): Map<number, string> {
  const calls = new Map<number, string>();
  for (const line of switchSource.split("\n")) {
    const m = CASE.exec(line.trim());
    if (m) calls.set(Number(m[1]), m[2]);
  }
  return calls;
}

/**
 * The first tier's table from a generated switch's text (`switchVcpu`): entry `id` returns
 * that case's call on `h`; ids without a case (outside the role) call `h[outside](id, w)`.
 * `count`: the decoder's ids (OP_COUNT, plus any id the machine uses for undecodable words).
 */
export function dispatchTable<H, R>(
  switchSource: string,
  count: number,
  outside: string,
): Entry<H, R>[] {
  const calls = caseCalls(switchSource);
  if (calls.size === 0) throw new Error("dispatchTable: no case in the switch text");
  const entries: string[] = [];
  for (let id = 0; id < count; id++)
    entries.push(`(h, w) => ${calls.get(id) ?? `h.${outside}(${id}, w)`}`);
  return new Function(`"use strict"; return [\n${entries.join(",\n")}\n];`)() as Entry<H, R>[];
}

/**
 * The text of the first tier's `run` for its second tier: undefined unless it reads as written
 * (`run(` and the first tier's call `call`), as a bundler or instrumentation may not leave it;
 * the vCPU then stays on its first tier.
 */
export function firstTierSource(
  run: (...args: never[]) => unknown,
  call: RegExp,
): string | undefined {
  const src = run.toString();
  return src.startsWith("run(") && call.test(src) ? src : undefined;
}

/**
 * The first tier's `run` with its hottest cases in front of the table: `run`'s text (as
 * `firstTierSource` reads it) with `call` replaced by `dispatch(cases)`, where `cases` are the
 * generated switch's cases (`switchSource`, read as `dispatchTable` reads them) of the ids whose
 * entry is in `hot`. A case's call
 * has a known target, which V8 inlines into the loop; the table call it replaces goes through
 * V8's generic Call builtins. Kept to a few entries: the loop must stay small enough for V8 to
 * optimise it within a few thousand guest instructions (see the header). Undefined when `run`
 * does not read as written, or no id is hot. The 440 uses it (its second tier comes after the
 * Bamboo boot's 63 M instructions); MIPS does not: its second tier takes over at 26 M, and its
 * twelve hottest entries made crc32 (11 M) 15% slower and the Malta boot's first 300 M no faster.
 */
export function hotFirstTier<F>(
  run: F & ((...args: never[]) => unknown),
  call: RegExp,
  switchSource: string,
  entryOf: (id: number) => string,
  hot: ReadonlySet<string>,
  dispatch: (cases: string) => string,
): F | undefined {
  const src = firstTierSource(run, call);
  if (src === undefined) return undefined;
  const cases = [...caseCalls(switchSource)]
    .filter(([id]) => hot.has(entryOf(id)))
    .map(([id, call]) => `case ${id}: x = ${call}; break;`)
    .join("\n");
  if (cases === "") return undefined;
  return new Function(`"use strict"; return function ${src.replace(call, dispatch(cases))}`)() as F;
}

/**
 * A second tier, once per process: `build` compiles it (and warms it) or returns undefined
 * when it cannot (instrumented code); installing it sets `proto[key]` (the machine class's
 * `run`) to it, for every machine.
 */
export class SecondTier<F> {
  private fn: F | undefined;
  private tried = false;
  private done = false;

  constructor(
    private readonly build: () => F | undefined,
    private readonly proto: object,
    private readonly key: string,
  ) {
    // V8 treats a class's method as a constant until it is first replaced, and that first
    // write throws away all optimised code that relied on it: the first tier's table and
    // handlers, the second tier itself, optimised in the background during its warm-up (the
    // Malta boot then compiled it twice again, 0.3-0.4 s of CPU). Replaced here, at load,
    // before anything is optimised, it is a plain property from the start.
    const p = proto as Record<string, unknown>;
    const first = p[key];
    p[key] = undefined;
    p[key] = first;
  }

  /** Builds and warms it (once). True when it is built. */
  prepare(): boolean {
    if (!this.tried) {
      this.tried = true;
      this.fn = this.build();
    }
    return this.fn !== undefined;
  }

  /** It was built (by this process's first guest that ran long). */
  get built(): boolean {
    return this.fn !== undefined;
  }

  /** It is in place. */
  get installed(): boolean {
    return this.done;
  }

  /** Installs it (built first if need be). True when it is in place. */
  install(): boolean {
    if (!this.done && this.prepare()) {
      (this.proto as Record<string, unknown>)[this.key] = this.fn;
      this.done = true;
    }
    return this.done;
  }
}

/**
 * When one guest builds and installs a second tier: built once it has retired `after`
 * instructions, installed `delay` instructions later (at once if an earlier guest of the
 * process built it). A kvm calls `before(icount)` before each slice.
 */
export class TierSchedule {
  /** 0: first tier; 1: second built, not installed; 2: nothing left to do. */
  private state = 0;
  private installAt = 0;

  constructor(
    private readonly tier: Pick<SecondTier<unknown>, "built" | "prepare" | "install">,
    private readonly after: number,
    private readonly delay: number,
  ) {}

  before(icount: number): void {
    if (this.state === 2 || icount <= this.after) return;
    if (this.state === 0) {
      this.installAt = this.tier.built ? 0 : icount + this.delay;
      this.state = this.tier.prepare() ? 1 : 2;
    }
    if (this.state === 1 && icount > this.installAt) {
      this.tier.install();
      this.state = 2;
    }
  }
}
