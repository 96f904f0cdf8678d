// The GDB stub (`isagen run --gdb`, cli/gdb.ts, runtime/gdb/) driven by Debian's gdb-multiarch,
// as a user would: bare-metal guests built with debug information (test/guests/<arch>/gdb.c) on
// both boards — a breakpoint at a function by name, registers, the caller's local array, a
// register written (check's `n` argument: the output changes accordingly), MIPS's single step of
// a jal (GDB expects the step to run the delay slot and land on the callee), continue to the
// end — and the Bamboo kernel (a breakpoint at start_kernel, a kernel variable read through the
// guest's translation). Skipped, with the reason, without gdb-multiarch (.ci/run installs it).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "./support/root.ts";
import { SHARED_GUESTS } from "./support/shared.ts";

const BIN = join(ROOT, "bin/isagen.cjs");
let gdbPath: string | undefined;
try {
  gdbPath = execFileSync("sh", ["-c", "command -v gdb-multiarch"], { encoding: "utf8" }).trim() || undefined;
} catch {
  gdbPath = undefined;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** Starts `isagen run … --gdb tcp::0 --gdb-wait`; resolves with the port and the run's output. */
async function startGuest(args: string[]) {
  const child = spawn(process.execPath, [BIN, "run", ...args, "--gdb", "tcp::0", "--gdb-wait"], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString("latin1")));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString("latin1");
      const m = /GDB stub on 127\.0\.0\.1:(\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", () => reject(new Error(`isagen run exited: ${err}`)));
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on("exit", (code) => resolve({ code, out, err })));
  return { port, done };
}

function gdb(elf: string, commands: string[]): Promise<string> {
  return new Promise((resolve) => {
    const args = ["-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off", ...commands.flatMap((c) => ["-ex", c]), elf];
    const p = spawn(gdbPath!, args, { stdio: ["ignore", "pipe", "pipe"] });
    // Apart, then joined: read together, a stderr line ("gdb.c: No such file or directory.")
    // could land inside a line of printf's output.
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("exit", () => resolve(`${out}\n${err}`));
  });
}

/** The address of the `jal check` (MIPS) in main, from GDB's own disassembly. */
function jalToCheck(elf: string): string {
  const dis = execFileSync(gdbPath!, ["-nx", "-batch", "-ex", "disassemble main", elf], { encoding: "utf8" });
  const line = dis.split("\n").find((l) => /\bjal\b/.test(l) && l.includes("<check>"));
  if (!line) throw new Error(`no jal to check in main:\n${dis}`);
  return /0x[0-9a-f]+/.exec(line)![0];
}

describe.skipIf(!gdbPath)("GDB stub (skipped without gdb-multiarch)", () => {
  it("MIPS Malta: breakpoint by name, registers, a local array, a register write, a delay-slot step, continue", async () => {
    const elf = join(ROOT, "test/guests/mips/gdb.elf");
    const jal = jalToCheck(elf);
    const { port, done } = await startGuest(["--board", "malta", "--kernel", elf]);
    const text = await gdb(elf, [
      `target remote :${port}`,
      "break *check",
      "continue",
      "printf \"pc=%#x a0=%#x a1=%d\\n\", $pc, $a0, $a1",
      "printf \"sr=%#x cause=%#x bad=%#x lo=%#x hi=%#x\\n\", $sr, $cause, $bad, $lo, $hi",
      "print $fsr",
      "up",
      "print squares",
      "down",
      "set var $a1 = 4", // n: the first call sums 4 squares instead of 8
      "print $a1",
      "delete",
      `break *${jal}`,
      "continue",
      "printf \"at-jal pc=%#x\\n\", $pc",
      "stepi",
      "printf \"after-stepi pc=%#x check=%#x ra=%#x\\n\", $pc, &check, $ra",
      "delete",
      "continue",
    ]);
    expect(text).toMatch(/Breakpoint 1, (0x[0-9a-f]+ in )?check \(/);
    expect(text).toMatch(/pc=0x8010[0-9a-f]{4} a0=0x8010[0-9a-f]{4} a1=8/);
    // CP0 Status as QEMU's boot leaves it (BEV), Cause, BadVAddr, LO, HI.
    expect(text).toMatch(/sr=0x400000 cause=(0x)?[0-9a-f]+ bad=(0x)?[0-9a-f]+ lo=(0x)?[0-9a-f]+ hi=(0x)?[0-9a-f]+/);
    expect(text).toContain("{1, 4, 9, 16, 25, 36, 49, 64}");
    expect(text).toMatch(/\$\d+ = 4\n/);
    expect(text).toContain(`at-jal pc=${jal}`);
    // The step ran the jal and its delay slot: GDB sees the callee's first instruction, and ra
    // is the instruction after the delay slot.
    const m = /after-stepi pc=(0x[0-9a-f]+) check=(0x[0-9a-f]+) ra=(0x[0-9a-f]+)/.exec(text);
    expect(m, text).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    expect(Number(m![3])).toBe(Number(jal) + 8);
    expect(text).toContain("exited normally");
    const r = await done;
    expect(r.out).toBe("== gdb ==\ntotal 694, 3 calls\ndone\n"); // 1+4+9+16 + 284 + 380
    expect(r.code).toBe(0);
  }, 120_000);

  it("PowerPC Bamboo: breakpoint by name, registers and SPRs, a local array, a register write, continue", async () => {
    const elf = join(ROOT, "test/guests/ppc/gdb.elf");
    const { port, done } = await startGuest(["--board", "bamboo", "--kernel", elf]);
    const text = await gdb(elf, [
      `target remote :${port}`,
      "break *check",
      "continue",
      "printf \"pc=%#x r3=%#x r4=%d\\n\", $pc, $r3, $r4",
      "info registers msr lr pvr srr0",
      "print $f1",
      "set var $r4 = 4",
      "print $r4",
      "delete",
      "break check",
      "continue",
      "up",
      "print squares",
      "delete",
      "continue",
    ]);
    expect(text).toMatch(/pc=0x10[0-9a-f]{4} r3=0x10[0-9a-f]{4} r4=8/);
    expect(text).toMatch(/^pvr +0x422218d3/m);
    expect(text).toMatch(/^msr +0x/m);
    expect(text).toMatch(/\$\d+ = 4\n/);
    expect(text).toMatch(/Breakpoint 2, check \(squares=0x10[0-9a-f]{4}, n=4\)/); // the write took
    expect(text).toContain("{1, 4, 9, 16, 25, 36, 49, 64}");
    expect(text).toContain("exited normally");
    const r = await done;
    expect(r.out).toBe("== gdb ==\ntotal 694, 3 calls\ndone\n");
    expect(r.code).toBe(0);
  }, 120_000);

  const B = `${SHARED_GUESTS}ppc440-bamboo`;
  it.skipIf(!existsSync(`${B}/vmlinux-6.1.192-bamboo`))(
    `the Bamboo kernel: break at start_kernel, read init_uts_ns (skipped without ${B})`,
    async () => {
      const kernel = `${B}/vmlinux-6.1.192-bamboo`;
      const { port, done } = await startGuest([
        "--board", "bamboo", "--mem", "256M", "--kernel", kernel, "--dtb", `${B}/bamboo.dtb`,
        "--initrd", `${B}/initrd.gz`, "--append", "console=ttyS0 panic=-1",
      ]);
      const text = await gdb(kernel, [
        `target remote :${port}`,
        "break start_kernel",
        "continue",
        "printf \"pc=%#x\\n\", $pc",
        "x/s &init_uts_ns",
        "x/s (char *)&init_uts_ns + 130", // struct new_utsname: sysname[65], nodename[65], release
        "kill",
      ]);
      expect(text).toMatch(/Breakpoint 1, (0x[0-9a-f]+ in )?start_kernel/);
      expect(text).toMatch(/<init_uts_ns>:\s+"Linux"/);
      expect(text).toMatch(/<init_uts_ns\+130>:\s+"6\.1\.192"/);
      const r = await done;
      expect(r.err).toMatch(/gdb kill: guest stopped at pc 0xc0[0-9a-f]{6}/);
    },
    120_000,
  );
});
