// The oracle's one coupling to the runtime: run a guest ELF on a board under an execution engine
// and return its console bytes. Everything else in test/oracle/ is runtime-agnostic.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ppcBoard from "../../runtime/boards/bamboo/index.ts";
import * as mipsBoard from "../../runtime/boards/malta/index.ts";
import { type Arch, elfSymbol } from "./model.ts";

/** Every execution engine the runtime has; the translator translates from the first entry into
 * a block (hot threshold 1), so the oracle's run-once code is translated code. */
export { ENGINES } from "../../runtime/core/engine.ts";

export interface GuestRun {
  output: string;
  /** how the run ended: "stopped" for a guest that reset the board */
  kind: string;
  detail: string;
  /** Engine "translate": entries into the translator at the slot's address (one per case: each
   * case writes the slot's page, which drops its blocks) and how many became a block (the rest
   * are words the translator leaves to the interpreter, e.g. the 440's floating point). */
  slot?: { entries: number; translated: number };
}

/** A hook for the mutation test: receives the vCPU/hypervisor object before the run. */
export type Tamper = (kvm: unknown) => void;

type Create = (opts: {
  kernel: string;
  uartSink: (c: number) => void;
  engine: string;
  translator?: { hotThreshold: number; stages: number; pageHot: number };
}) =>
  | { ok: true; value: { kvm: { run(max: number): { kind: string } } } }
  | { ok: false; error: string };

/** Instructions between two turns of the event loop. */
const SLICE = 50_000_000;

/** Counts the translator's attempts at the slot's address (its translate method, wrapped on
 * this instance: ppc translate(off, vpc), mips translate(pc, off); the slot's host offset and
 * guest address differ on MIPS and are equal on the 440, so either argument matching is one
 * attempt). */
function countSlot(kvm: unknown, slotPc: number): GuestRun["slot"] {
  const t = (kvm as { translator?: { translate(a: number, b: number): unknown } }).translator;
  if (!t) return undefined;
  const n = { entries: 0, translated: 0 };
  const translate = t.translate.bind(t);
  t.translate = (a: number, b: number) => {
    const block = translate(a, b);
    if ((a | 0) === (slotPc | 0) || (b | 0) === (slotPc | 0)) {
      n.entries++;
      if (block !== undefined) n.translated++;
    }
    return block;
  };
  return n;
}

/** Runs `elf` on the board `create` builds, from a temporary file, and collects its console. */
async function runWith(
  create: Create,
  elf: Uint8Array,
  engine: string,
  maxInsns: number,
  tamper?: Tamper,
): Promise<GuestRun> {
  const dir = mkdtempSync(join(tmpdir(), "oracle-run-"));
  try {
    const kernel = join(dir, "oracle.elf");
    writeFileSync(kernel, elf);
    const out: number[] = [];
    // Translate every start at its first entry (Malta's translator ignores the 440's stages).
    const eager = { translator: { hotThreshold: 1, stages: 1, pageHot: 0 } };
    const b = create({ kernel, uartSink: (c: number) => out.push(c), engine, ...eager });
    if (!b.ok) throw new Error(b.error);
    tamper?.(b.value.kvm);
    const slot = countSlot(b.value.kvm, elfSymbol(elf, "oracle_slot"));
    // In slices with a turn of the event loop between: a run of a minute or more must not keep
    // the test worker from answering vitest.
    let result = b.value.kvm.run(Math.min(maxInsns, SLICE));
    for (
      let limit = 2 * SLICE;
      result.kind === "budget" && limit - SLICE < maxInsns;
      limit += SLICE
    ) {
      await new Promise((r) => setImmediate(r));
      result = b.value.kvm.run(Math.min(maxInsns, limit));
    }
    return {
      output: Buffer.from(out).toString("latin1"),
      kind: result.kind,
      detail: JSON.stringify(result).slice(0, 400),
      slot,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runGuest(
  arch: Arch,
  elf: Uint8Array,
  engine: string,
  maxInsns = 2_000_000_000,
  tamper?: Tamper,
): Promise<GuestRun> {
  const create = (arch === "ppc"
    ? ppcBoard.createBambooPpc
    : mipsBoard.createMaltaMips) as unknown as Create;
  return runWith(create, elf, engine, maxInsns, tamper);
}

/** The same run with the runtime loaded from another copy of runtime/ (the mutation test's
 * scratch copy with one handler broken on purpose). */
export async function runGuestAt(
  runtimeDir: string,
  arch: Arch,
  elf: Uint8Array,
  engine: string,
  maxInsns: number,
): Promise<GuestRun> {
  const mod = await import(
    join(runtimeDir, arch === "ppc" ? "boards/bamboo/index.ts" : "boards/malta/index.ts")
  );
  return runWith(
    (arch === "ppc" ? mod.createBambooPpc : mod.createMaltaMips) as Create,
    elf,
    engine,
    maxInsns,
  );
}
