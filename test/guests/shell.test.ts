// The guest's console as a person or a script uses it (cli/console.ts, cli/session.ts): the
// shell initrds of ../shared/guests driven through `isagen run`'s stdin, run as users run it
// (bin/isagen.cjs: the compiled CLI while dist/ is fresh, see test/support/build-cli.ts).
//
// - Bamboo (about 3 s): commands piped into stdin; the answers must be QEMU's, taken from the
//   committed transcript of QEMU 7.2 given the same commands (scripts/qemu-shell.py →
//   test/guests/shell/qemu-<board>.log); `poweroff -f` halts the board (no power-off on Bamboo:
//   the kernel spins in machine_hang, which the run reports as stalled, status 3).
// - The same on a pseudo-terminal: raw mode while it runs, Ctrl-A h lists the escape keys,
//   Ctrl-A x quits with status 0, and the terminal's mode is restored.
// - Malta (about a minute): ISAGEN_LONG_TESTS=1 (also in `npm run bench`, bench/linux.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";
import { SHARED_GUESTS } from "../support/shared.ts";

const COMMANDS = readFileSync(join(ROOT, "test/guests/shell/commands.txt"), "utf8");
const BIN = join(ROOT, "bin/isagen.cjs");
const B = `${SHARED_GUESTS}ppc440-bamboo`;
const M = `${SHARED_GUESTS}mips-malta`;
const BAMBOO = ["--board", "bamboo", "--mem", "256M", "--kernel", `${B}/vmlinux-6.1.192-bamboo`, "--dtb", `${B}/bamboo.dtb`, "--initrd", `${B}/initrd-shell.gz`, "--append", "console=ttyS0 panic=-1"];
const MALTA = ["--board", "malta", "--mem", "256M", "--kernel", `${M}/vmlinuz-6.1.0-50-4kc-malta`, "--initrd", `${M}/initrd-shell.gz`, "--append", "console=ttyS0 panic=-1"];
const bambooPresent = existsSync(`${B}/initrd-shell.gz`) && existsSync(`${B}/vmlinux-6.1.192-bamboo`);
const python3 = spawnSync("sh", ["-c", "command -v python3"], { encoding: "utf8" }).stdout.trim() !== "";
const maltaPresent = existsSync(`${M}/initrd-shell.gz`) && existsSync(`${M}/vmlinuz-6.1.0-50-4kc-malta`);

/** The console's lines, without CR and the terminal queries ash sends (ESC [ 6 n). */
function lines(text: string): string[] {
  return text.replace(/\x1b\[6n/g, "").split("\n").map((l) => l.replace(/\r$/, ""));
}

/** QEMU's answer to each command: the line after the prompt that echoes it. */
function qemuAnswers(board: string): Map<string, string> {
  const log = lines(readFileSync(join(ROOT, `test/guests/shell/qemu-${board}.log`), "latin1"));
  const answers = new Map<string, string>();
  log.forEach((l, i) => {
    const m = /^\/ # (.*)$/.exec(l);
    if (m && m[1] !== "poweroff -f" && i + 1 < log.length) answers.set(m[1], log[i + 1]);
  });
  return answers;
}

function runShell(args: string[], expectMachine: string) {
  const r = spawnSync(process.execPath, [BIN, "run", ...args], { input: COMMANDS, encoding: "latin1", timeout: 300_000, maxBuffer: 1 << 26 });
  const out = lines(r.stdout);
  expect(out).toContain(`GUEST-SHELL-READY ${expectMachine}`);
  return { status: r.status, out, err: r.stderr };
}

/** Each command's answer, after the prompt line that shows it, is QEMU's. */
function expectQemuAnswers(board: string, out: string[]) {
  const answers = qemuAnswers(board);
  expect([...answers.keys()]).toEqual(COMMANDS.trim().split("\n").filter((c) => c !== "poweroff -f"));
  for (const [cmd, answer] of answers) {
    const i = out.indexOf(`/ # ${cmd}`);
    expect(i, `prompt line for ${cmd}`).toBeGreaterThan(0);
    expect(out[i + 1], `answer to ${cmd}`).toBe(answer);
  }
}

describe.skipIf(!bambooPresent)(`the Bamboo shell through stdin (skipped without ${B}/initrd-shell.gz)`, () => {
  it("answers piped commands as QEMU does, and poweroff -f halts the board", () => {
    const { status, out, err } = runShell(BAMBOO, "ppc");
    expect(out).toContain("hello-42");
    expect(out).toContain("cpu\t\t: 440EP Rev. B");
    expect(out).toContain("ppc");
    expectQemuAnswers("bamboo", out);
    expect(out).toContain("System Halted, OK to turn off power");
    expect(status).toBe(3); // machine_hang: wrteei 0; b .
    expect(err).toMatch(/spins at 0x[0-9a-f]{8} \(b \.\) where no interrupt can reach it/);
  }, 120_000);

  it.skipIf(!python3)("on a terminal: raw mode, Ctrl-A h, Ctrl-A x, and the terminal restored (needs python3's pty)", () => {
    const script = [
      ["GUEST-SHELL-READY", "echo hi-$((1+2))\r"],
      ["hi-3", "\x01h"],
      ["exit emulator", "\x01x"],
    ];
    const r = spawnSync("python3", [join(ROOT, "test/support/pty-run.py"), JSON.stringify(script), "--", process.execPath, BIN, "run", ...BAMBOO], {
      encoding: "utf8",
      timeout: 150_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { status: number; output: string; before: object; during: object; after: object; restored: boolean };
    expect(res.during).toEqual({ icanon: false, echo: false, isig: false }); // raw while running
    expect(res.output).toContain("hi-3");
    // The help, with CR LF in raw mode.
    expect(res.output).toContain("C-a h    print this help\r\nC-a x    exit emulator\r\n");
    expect(res.output).toMatch(/Ctrl-A x: guest stopped at pc 0x[0-9a-f]{8} after \d+ instructions/);
    expect(res.status).toBe(0);
    expect(res.after).toEqual(res.before);
    expect(res.restored).toBe(true);
  }, 160_000);
});

describe.skipIf(!bambooPresent)(`stopping a running guest (skipped without ${B}/initrd-shell.gz)`, () => {
  for (const [sig, status] of [["SIGTERM", 143], ["SIGINT", 130]] as const)
    it(`${sig} ends the run with status ${status}, the guest PC, the last exits and --stats`, async () => {
      const child = spawn(process.execPath, [BIN, "run", "--stats", ...BAMBOO], { stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      let err = "";
      let sent = false;
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString("latin1");
        // The shell waits for input on an open pipe: the guest runs on, idle, until the signal.
        if (!sent && out.includes("job control turned off")) sent = child.kill(sig);
      });
      child.stderr.on("data", (d: Buffer) => (err += d.toString("latin1")));
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(code).toBe(status);
      expect(err).toMatch(new RegExp(`^${sig}: guest stopped at pc 0x[0-9a-f]{8} after \\d+ instructions\nlast 32 exits \\(oldest first\\):`));
      // --stats: the exit counters, the translator's (default engine), the instruction count
      expect(err).toMatch(/\nexits +\d+\n(?:polling loops: .*\n)?(?:translator: \d+ blocks translated.*\n)?\d+ instructions in \d+ ms/);
    }, 120_000);
});

describe.skipIf(!maltaPresent || !process.env.ISAGEN_LONG_TESTS)(
  `the Malta shell through stdin (about a minute: ISAGEN_LONG_TESTS=1; needs ${M}/initrd-shell.gz)`,
  () => {
    it("answers piped commands as QEMU does, and poweroff -f powers the board off", () => {
      const { status, out } = runShell(MALTA, "mips");
      expect(out).toContain("hello-42");
      expect(out.some((l) => /^cpu model\t\t: MIPS 24Kc/.test(l))).toBe(true);
      expect(out).toContain("mips");
      expectQemuAnswers("malta", out);
      expect(out.some((l) => l.endsWith("reboot: Power down"))).toBe(true);
      expect(status).toBe(0);
    }, 300_000);
  },
);
