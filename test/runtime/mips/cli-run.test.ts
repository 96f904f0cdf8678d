// `isagen run` (cli/run.ts) driven through commander as cli/main.ts will wire it.
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addRunCommand, parseSize } from "../../../cli/run.ts";

const DIR = join(import.meta.dirname, "../../guests/mips");
const PPC_DIR = join(import.meta.dirname, "../../guests/ppc");

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const uart: number[] = [];
  const program = new Command().exitOverride();
  let code = -1;
  const state = addRunCommand(program, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    uart: (b) => uart.push(b),
    setExitCode: (c) => (code = c),
  });
  await program.parseAsync(["node", "isagen", "run", ...args]);
  expect(state.code).toBe(code);
  return { code, out, err: err.join("\n"), uart: Buffer.from(uart).toString("latin1") };
}

describe("isagen run", () => {
  it("runs a Malta guest: UART output, exit code 0 on the FPGA reset, --stats KVM-style", async () => {
    const r = await run(["--board", "malta", "--kernel", join(DIR, "hello.elf"), "--stats"]);
    expect(r.code).toBe(0);
    expect(r.uart).toMatch(/^hello from a bare-metal malta guest\n[\s\S]*done\n$/);
    expect(r.err).toMatch(/^wait +0\ncache +0\n/);
    expect(r.err).toMatch(/\nsyscall +1\n/);
    expect(r.err).toMatch(/\nmmio +\d+\nexits +\d+\n/);
  });

  it("reports an exhausted budget with the guest PC and the last exits, exit code 2", async () => {
    const r = await run([
      "--board",
      "malta",
      "--kernel",
      join(DIR, "crc32.elf"),
      "--max-insns",
      "50000",
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^isagen run: instruction budget exhausted: 50000 instructions executed, guest pc 0x[0-9a-f]{8}\nlast \d+ exits?/,
    );
    expect(r.err).toMatch(/#1 cop_unusable pc=0x8010001c/);
  });

  it("rejects bad arguments with one clear line", async () => {
    expect((await run(["--board", "pdp11", "--kernel", "x.elf"])).err).toMatch(/expected "malta".*"bamboo"/);
    expect(
      (await run(["--board", "malta", "--kernel", join(DIR, "hello.elf"), "--mem", "12Q"])).err,
    ).toMatch(/--mem 12Q/);
    const missing = await run(["--board", "malta", "--kernel", join(DIR, "nope.elf")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.elf/);
    const noInitrd = await run(["--board", "malta", "--kernel", join(DIR, "hello.elf"), "--initrd", join(DIR, "nope.gz")]);
    expect(noInitrd.code).toBe(1);
    expect(noInitrd.err).toMatch(/^isagen run: cannot read the initrd: no such file \(.*nope\.gz\)$/);
    const dtb = await run(["--board", "malta", "--kernel", join(DIR, "hello.elf"), "--dtb", join(DIR, "x.dtb")]);
    expect(dtb.code).toBe(1);
    expect(dtb.err).toMatch(/^isagen run: --dtb is for --board bamboo/);
    expect(parseSize("64M")).toBe(64 << 20);
    expect(parseSize("1G")).toBe(1 << 30);
  });

  it("runs a Bamboo (PowerPC 440) guest: exit code 0 on DBCR0[RST], --stats with the 440 exit names", async () => {
    const r = await run(["--board", "bamboo", "--kernel", join(PPC_DIR, "hello.elf"), "--stats"]);
    expect(r.code).toBe(0);
    expect(r.uart).toMatch(/^hello from a bare-metal bamboo guest\n[\s\S]*done\n$/);
    expect(r.err).toMatch(/^mmio +\d+\ndcr +0\n/);
    expect(r.err).toMatch(/\nsysc +1\n/);
    expect(r.err).toMatch(/exits per million instructions/);
  });

  it("reports an exhausted budget on Bamboo too, exit code 2", async () => {
    const r = await run(["--board", "bamboo", "--kernel", join(PPC_DIR, "crc32.elf"), "--max-insns", "50000"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^isagen run: instruction budget exhausted: 50000 instructions executed/);
  });
});
