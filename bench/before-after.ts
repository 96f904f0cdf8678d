// Interpreter speed of this tree against another checkout of isagen (`node --import tsx
// bench/before-after.ts <other checkout> [rounds]`), e.g. the commit before a refactoring:
//   git worktree add ../isagen-base <commit> && ln -s "$PWD/node_modules" ../isagen-base/
//   node --import tsx bench/before-after.ts ../isagen-base
// Both trees' boards are loaded into this one process and their runs alternate, so a busy
// machine slows both alike; each figure is the process's CPU time for one whole run (best of
// `rounds`). The guests: crc32-long on both boards (test/guests) and the Bamboo Linux boot to
// its userspace marker (../shared/guests, skipped when missing). The other checkout may predate
// runtime/boards/ (its boards were runtime/mips/malta.ts and runtime/ppc/bamboo.ts).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const here = resolve(import.meta.dirname, "..");
const other = process.argv[2] ? resolve(process.argv[2]) : undefined;
if (other === undefined || !existsSync(join(other, "runtime"))) {
  console.error("usage: node --import tsx bench/before-after.ts <other isagen checkout> [rounds]");
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 3);
const GUESTS = join(here, "..", "shared", "guests");
const TESTS = join(here, "test", "guests");

type Create = (opts: Record<string, unknown>) => {
  ok: boolean;
  error?: string;
  value: { kvm: Kvm };
};
interface Kvm {
  run(limit: number): { kind: string; instructions: number };
}

async function boardsOf(root: string): Promise<{ malta: Create; bamboo: Create }> {
  const pick = (a: string, b: string) =>
    existsSync(join(root, a)) ? join(root, a) : join(root, b);
  const m = await import(pick("runtime/boards/malta/index.ts", "runtime/mips/malta.ts"));
  const p = await import(pick("runtime/boards/bamboo/index.ts", "runtime/ppc/bamboo.ts"));
  return { malta: m.createMaltaMips as Create, bamboo: p.createBambooPpc as Create };
}

const trees = { other: await boardsOf(other), this: await boardsOf(here) };
type Boards = (typeof trees)["this"];

function made(r: ReturnType<Create>): Kvm {
  if (!r.ok) throw new Error(r.error);
  return r.value.kvm;
}

const bambooFiles = ["vmlinux-6.1.192-bamboo", "bamboo.dtb", "initrd.gz"].map((f) =>
  join(GUESTS, "ppc440-bamboo", f),
);
const workloads: { name: string; skip?: string; run: (b: Boards) => number }[] = [
  {
    name: "mips crc32-long",
    run: (b) =>
      made(
        b.malta({
          kernel: join(TESTS, "mips", "crc32-long.elf"),
          uartSink: () => {},
          engine: "interp",
        }),
      ).run(1e10).instructions,
  },
  {
    name: "ppc440 crc32-long",
    run: (b) =>
      made(
        b.bamboo({
          kernel: join(TESTS, "ppc", "crc32-long.elf"),
          uartSink: () => {},
          engine: "interp",
        }),
      ).run(1e10).instructions,
  },
  {
    name: "Bamboo Linux to its marker",
    skip: bambooFiles.every(existsSync) ? undefined : "../shared/guests/ppc440-bamboo missing",
    run: (b) => {
      let out = "";
      const [kernel, dtb, initrd] = bambooFiles;
      const kvm = made(
        b.bamboo({
          kernel,
          dtb,
          initrd,
          cmdline: "console=ttyS0 panic=-1",
          ramBytes: 256 << 20,
          uartSink: (c: number) => (out += String.fromCharCode(c)),
          engine: "interp",
        }),
      );
      let r = kvm.run(2e7);
      for (let l = 4e7; r.kind === "budget" && !out.includes("GUEST-USERSPACE-OK"); l += 2e7)
        r = kvm.run(l);
      if (!out.includes("GUEST-USERSPACE-OK"))
        throw new Error("Bamboo Linux did not reach its marker");
      return r.instructions;
    },
  },
];

console.log(
  `interpreter, CPU s per run (best of ${rounds}, runs alternating in one process); other: ${other}`,
);
for (const w of workloads) {
  if (w.skip) {
    console.log(`${w.name}: skipped (${w.skip})`);
    continue;
  }
  const cpu = { other: [] as number[], this: [] as number[] };
  const insns = { other: 0, this: 0 };
  for (let i = 0; i < rounds; i++)
    for (const k of i % 2 ? (["this", "other"] as const) : (["other", "this"] as const)) {
      const c0 = process.cpuUsage();
      insns[k] = w.run(trees[k]);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1e6);
    }
  const best = (a: number[]) => Math.min(...a);
  const same =
    insns.other === insns.this
      ? "same instruction count"
      : `INSTRUCTION COUNTS DIFFER (${insns.other} / ${insns.this})`;
  console.log(
    `${w.name}: other ${cpu.other.map((x) => x.toFixed(2)).join(" ")}, this ${cpu.this.map((x) => x.toFixed(2)).join(" ")}; ` +
      `this / other ${(best(cpu.this) / best(cpu.other)).toFixed(3)} (${same})`,
  );
}
