// Interpreter speed of this tree against another checkout of isagen (`node --import tsx
// bench/before-after.ts <other checkout> [rounds]`), e.g. the commit before a refactoring:
//   git worktree add ../isagen-base <commit> && ln -s "$PWD/node_modules" ../isagen-base/
//   node --import tsx bench/before-after.ts ../isagen-base
// Both trees' boards are loaded into this one process and their runs alternate, so a busy
// machine slows both alike; each figure is the process's CPU time for one guest run, the board
// built before it (best of `rounds`). The two trees share V8's compile thread and queue, so a
// change to how much gets compiled (what the translator translates, when) shows here only half
// its cost: one that compiled more measured 3-5% faster in one process and slower in fresh ones.
// Measure those with --fresh. The guests: crc32-long on both boards (test/guests) and the Bamboo Linux boot to
// its userspace marker (../shared/guests, skipped when missing). The other checkout may predate
// runtime/boards/ (its boards were runtime/mips/malta.ts and runtime/ppc/bamboo.ts).
//
// ONLY=<text>: only the guests whose name contains it. ENGINE=translate: --fresh with the
// translator (the other checkout must have it).
//
// `--fresh` (`bench/before-after.ts --fresh <other checkout> [rounds]`): short guests and the
// Linux boots (ONLY="Malta Linux" picks the long one), each run in a fresh node process per tree
// (alternating, `rounds` each, default 10), which is where V8's warm-up shows: the time before it optimises the dispatch, and its compiles. Medians and ranges
// of the guest run's CPU (the whole process's, V8's compiler threads included) and wall time,
// and of the child's whole CPU (node, tsx, loading the tree, the guest).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const here = resolve(import.meta.dirname, "..");
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

type Boards = { malta: Create; bamboo: Create };

const bambooFiles = ["vmlinux-6.1.192-bamboo", "bamboo.dtb", "initrd.gz"].map((f) =>
  join(GUESTS, "ppc440-bamboo", f),
);

function made(r: ReturnType<Create>): Kvm {
  if (!r.ok) throw new Error(r.error);
  return r.value.kvm;
}

/** A guest either mode runs: a board's options, run to `limit` instructions, or until the UART
 *  has printed `marker` (in slices of 2e7 instructions, up to `limit`). */
interface GuestSpec {
  name: string;
  board: "malta" | "bamboo";
  opts: Record<string, unknown>;
  limit: number;
  marker?: string;
  /** Why it is skipped (its files are missing). */
  skip?: string;
}

const malta = join(GUESTS, "mips-malta");
const maltaKernel = join(malta, "vmlinuz-6.1.0-50-4kc-malta");
const maltaLinux = {
  kernel: maltaKernel,
  initrd: join(malta, "initrd.gz"),
  cmdline: "console=ttyS0 panic=-1",
  ramBytes: 256 << 20,
};
const maltaSkip = existsSync(maltaKernel) ? undefined : "../shared/guests/mips-malta missing";
const bare = (board: GuestSpec["board"], isa: string, name: string): GuestSpec => ({
  name: `${isa} ${name}`,
  board,
  opts: { kernel: join(TESTS, isa === "mips" ? "mips" : "ppc", `${name}.elf`) },
  limit: 1e10,
});
const SPECS = {
  mipsCrc: bare("malta", "mips", "crc32"),
  ppcCrc: bare("bamboo", "ppc440", "crc32"),
  mipsCrcLong: bare("malta", "mips", "crc32-long"),
  ppcCrcLong: bare("bamboo", "ppc440", "crc32-long"),
  maltaStart: {
    name: "Malta boot, first 200 M",
    board: "malta",
    opts: maltaLinux,
    limit: 2e8,
    skip: maltaSkip,
  },
  maltaLinux: {
    name: "Malta Linux to its marker",
    board: "malta",
    opts: maltaLinux,
    limit: 6e9,
    marker: "GUEST-USERSPACE-OK",
    skip: maltaSkip,
  },
  bambooLinux: {
    name: "Bamboo Linux to its marker",
    board: "bamboo",
    opts: {
      kernel: bambooFiles[0],
      dtb: bambooFiles[1],
      initrd: bambooFiles[2],
      cmdline: "console=ttyS0 panic=-1",
      ramBytes: 256 << 20,
    },
    limit: 2e9,
    marker: "GUEST-USERSPACE-OK",
    skip: bambooFiles.every(existsSync) ? undefined : "../shared/guests/ppc440-bamboo missing",
  },
} satisfies Record<string, GuestSpec>;

/** Runs `spec` on a board of `boards`; its instruction count (the guest's own run only: the
 *  board is built first and `time` wraps the run). */
function runGuest(
  boards: Boards,
  spec: GuestSpec,
  engine: string,
  time: (run: () => number) => number = (run) => run(),
): number {
  let out = "";
  const uartSink = (c: number) => void (out += String.fromCharCode(c));
  const kvm = made(boards[spec.board]({ ...spec.opts, uartSink, engine }));
  return time(() => {
    let r = kvm.run(spec.marker === undefined ? spec.limit : 2e7);
    if (spec.marker === undefined) return r.instructions;
    for (
      let n = 4e7;
      r.kind === "budget" && !out.includes(spec.marker) && n <= spec.limit;
      n += 2e7
    )
      r = kvm.run(n);
    if (!out.includes(spec.marker))
      throw new Error(`${spec.name}: no ${spec.marker} in the guest's output`);
    return r.instructions;
  });
}

if (process.argv[2] === "--child") await child(JSON.parse(process.argv[3]) as ChildSpec);
else if (process.argv[2] === "--fresh") fresh(process.argv[3], Number(process.argv[4] ?? 10));
else await inProcess();

async function inProcess(): Promise<void> {
  const other = process.argv[2] ? resolve(process.argv[2]) : undefined;
  if (other === undefined || !existsSync(join(other, "runtime"))) {
    console.error(
      "usage: node --import tsx bench/before-after.ts <other isagen checkout> [rounds]",
    );
    process.exit(2);
  }
  const rounds = Number(process.argv[3] ?? 3);
  const trees = { other: await boardsOf(other), this: await boardsOf(here) };
  const workloads = [SPECS.mipsCrcLong, SPECS.ppcCrcLong, SPECS.bambooLinux];

  console.log(
    `interpreter, CPU s per run (best of ${rounds}, runs alternating in one process); other: ${other}`,
  );
  for (const w of workloads) {
    if (process.env.ONLY && !w.name.includes(process.env.ONLY)) continue;
    if (w.skip) {
      console.log(`${w.name}: skipped (${w.skip})`);
      continue;
    }
    const cpu = { other: [] as number[], this: [] as number[] };
    const insns = { other: 0, this: 0 };
    for (let i = 0; i < rounds; i++)
      for (const k of i % 2 ? (["this", "other"] as const) : (["other", "this"] as const)) {
        insns[k] = runGuest(trees[k], w, "interp", (run) => {
          const c0 = process.cpuUsage();
          const n = run();
          const c = process.cpuUsage(c0);
          cpu[k].push((c.user + c.system) / 1e6);
          return n;
        });
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
}

/** One guest run in a child process (`--fresh`). */
interface ChildSpec {
  root: string;
  spec: GuestSpec;
  /** The vCPU's engine. */
  engine: string;
}

/** Child: loads one tree's boards, runs the guest, prints its figures as JSON. */
async function child({ root, spec, engine }: ChildSpec): Promise<void> {
  const l0 = process.cpuUsage();
  const boards = await boardsOf(root);
  let l = l0;
  let cpu = 0;
  let wall = 0;
  const instructions = runGuest(boards, spec, engine, (run) => {
    l = process.cpuUsage(l0);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const n = run();
    wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu = (c.user + c.system) / 1e3;
    return n;
  });
  const all = process.cpuUsage();
  console.log(
    JSON.stringify({
      instructions,
      cpu,
      wall,
      load: (l.user + l.system) / 1e3,
      whole: (all.user + all.system) / 1e3,
    }),
  );
}

/** Parent of `--fresh`: each guest in fresh processes of both trees, alternating. */
function fresh(otherArg: string | undefined, rounds: number): void {
  const other = otherArg ? resolve(otherArg) : undefined;
  if (other === undefined || !existsSync(join(other, "runtime"))) {
    console.error(
      "usage: node --import tsx bench/before-after.ts --fresh <other checkout> [rounds]",
    );
    process.exit(2);
  }
  const guests = [
    SPECS.ppcCrc,
    SPECS.mipsCrc,
    SPECS.maltaStart,
    SPECS.maltaLinux,
    SPECS.bambooLinux,
  ];
  const only = process.env.ONLY;
  const engine = process.env.ENGINE ?? "interp";
  console.log(`${engine}, fresh process per run (${rounds} each, alternating); other: ${other}`);
  console.log(
    "ms, median [min-max]: guest run CPU | guest run wall | loading the tree and the guest, CPU | child's whole CPU",
  );
  for (const g of guests) {
    if (g.skip || (only && !g.name.includes(only))) continue;
    const got = { other: [] as Figures[], this: [] as Figures[] };
    for (let i = 0; i < rounds; i++)
      for (const k of i % 2 ? (["this", "other"] as const) : (["other", "this"] as const)) {
        const spec: ChildSpec = { root: k === "this" ? here : other, engine, spec: g };
        const p = spawnSync(
          process.execPath,
          ["--import", "tsx", import.meta.filename, "--child", JSON.stringify(spec)],
          {
            cwd: spec.root,
            encoding: "utf8",
          },
        );
        if (p.status !== 0) throw new Error(`${k} ${g.name}: ${p.stderr}`);
        got[k].push(JSON.parse(p.stdout.trim().split("\n").pop()!) as Figures);
      }
    const med = (a: number[]) => {
      const s = [...a].sort((x, y) => x - y);
      return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const stat = (a: number[]) => {
      const s = [...a].sort((x, y) => x - y);
      const m = med(a);
      return `${m.toFixed(0)} [${s[0].toFixed(0)}-${s[s.length - 1].toFixed(0)}]`;
    };
    const insns = new Set([...got.other, ...got.this].map((f) => f.instructions));
    console.log(
      `${g.name} (${[...insns].join(" / ")} instructions${insns.size > 1 ? ", DIFFER" : ""}):`,
    );
    for (const k of ["other", "this"] as const)
      console.log(
        `  ${k.padEnd(5)} ${stat(got[k].map((f) => f.cpu))} | ${stat(got[k].map((f) => f.wall))} | ${stat(got[k].map((f) => f.load))} | ${stat(got[k].map((f) => f.whole))}`,
      );
    const ratio = (f: (x: Figures) => number) =>
      (med(got.this.map(f)) / med(got.other.map(f))).toFixed(2);
    console.log(
      `  this / other (medians): run CPU ${ratio((f) => f.cpu)}, wall ${ratio((f) => f.wall)}, load ${ratio((f) => f.load)}, whole ${ratio((f) => f.whole)}`,
    );
  }
}

interface Figures {
  instructions: number;
  cpu: number;
  wall: number;
  load: number;
  whole: number;
}
