// Hostile inputs (issue 17): every case of cases.ts gives its exact one-line message and exit
// status, never a stack trace; the cases that need a real process (stdin a directory, a pipe
// closed by `head`, a signal) run bin/isagen.cjs.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeFailure, escapeControl, InputError } from "../../cli/io.ts";
import { main, type Io } from "../../cli/main.ts";
import { bambooBanks, memProblem } from "../../cli/run.ts";
import { ROOT } from "../support/root.ts";
import { CASES } from "./cases.ts";
import { makeElf } from "../support/elf.ts";

const BIN = join(ROOT, "bin", "isagen.cjs");
const GUESTS = join(ROOT, "test", "guests");

function fill(s: string, dir: string): string {
  return s.replaceAll("{dir}", dir).replaceAll("{guests}", GUESTS);
}

async function runInProcess(args: string[], stdin?: () => import("node:stream").Readable) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io & { uart: (b: number) => void } = {
    out: (s) => out.push(...s.split("\n")),
    err: (s) => err.push(...s.split("\n")),
    stdin: stdin?.(),
    uart: () => {},
  };
  const code = await main(["node", "isagen", ...args], io);
  return { code, out, err };
}

describe("hostile inputs: one line, the right status, no stack trace", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.row.slice(0, 70)}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "isagen-hostile-"));
      c.setup?.(dir);
      const r = await runInProcess(
        c.args.map((a) => fill(a, dir)),
        c.stdin,
      );
      for (const line of r.err) expect(line).not.toMatch(/^\s+at /);
      const want = c.err.map((e) => fill(e, dir));
      expect(r.err.length).toBe(want.length);
      r.err.forEach((line, i) => {
        const m = /^@@startsWith:(.*)@@contains:(.*)$/.exec(want[i]);
        if (m) {
          expect(line.startsWith(m[1])).toBe(true);
          expect(line).toContain(m[2]);
        } else expect(line).toBe(want[i]);
      });
      expect(r.code).toBe(c.code);
      if (c.out) expect(r.out.filter((l) => l !== "")).toEqual(c.out);
    });
  }

  // A guest that can never make progress ends at once, with why and where, and status 3
  // (--stall-limit 0 would keep it hanging, as QEMU does).
  const hangs = [
    {
      board: "bamboo",
      le: false,
      machine: 20,
      base: 0x00100000,
      code: [0x7c000146, 0x48000000], // wrteei 0; b .
      why: "the guest spins at 0x00100004 (b .) where no interrupt can reach it",
      pc: "0x00100004",
      insns: 1,
    },
    {
      board: "malta",
      le: true,
      machine: 8,
      base: 0x80100000,
      code: [0x42000020], // wait, Status.IM7 clear
      why: "wait with no interrupt that could wake the guest (Status.IM7 clear or Count stopped)",
      pc: "0x80100004",
      insns: 1,
    },
  ];
  for (const h of hangs) {
    it(`a ${h.board} guest that hangs: 'isagen run: guest stalled at pc …', exit status 3`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "isagen-hostile-"));
      const data = h.code.flatMap((w) =>
        (h.le ? [w, w >>> 8, w >>> 16, w >>> 24] : [w >>> 24, w >>> 16, w >>> 8, w]).map(
          (b) => b & 0xff,
        ),
      );
      const elf = join(dir, "hang.elf");
      writeFileSync(
        elf,
        makeElf({
          le: h.le,
          machine: h.machine,
          entry: h.base,
          segments: [{ vaddr: h.base, data }],
        }),
      );
      const r = await runInProcess(["run", "--board", h.board, "--kernel", elf]);
      expect(r.err[0]).toBe(
        `isagen run: guest stalled at pc ${h.pc} after ${h.insns} instructions: ${h.why}`,
      );
      expect(r.code).toBe(3);
    });
  }

  it("an internal error is one line and a hint; the trace only with --debug", () => {
    const bug = new TypeError("x is undefined");
    const plain = describeFailure(bug, "disasm", false);
    expect(plain.code).toBe(70);
    expect(plain.lines).toEqual([
      "isagen: internal error in disasm: x is undefined",
      "isagen: this is a bug in isagen; run again with --debug (or ISAGEN_DEBUG=1) for the stack trace, and report it",
    ]);
    const debug = describeFailure(bug, "disasm", true);
    expect(debug.lines[0]).toBe("isagen: internal error in disasm: x is undefined");
    expect(debug.lines.slice(1).join("\n")).toMatch(/TypeError: x is undefined\n\s+at /);
    // Errors from the system about a file are the input's fault: one line, the file named.
    const enotdir = Object.assign(new Error("ENOTDIR: not a directory, scandir '/r/generated'"), {
      code: "ENOTDIR",
      syscall: "scandir",
      path: "/r/generated",
    });
    expect(describeFailure(enotdir, "gen", false).lines).toEqual([
      "isagen gen: cannot scandir: a part of the path is not a directory (/r/generated)",
    ]);
    expect(describeFailure(new InputError("bad\x1b[2J"), "asm", false).lines).toEqual([
      "isagen asm: bad\\x1b[2J",
    ]);
    expect(escapeControl("a\tb\nc\u009b\ud800")).toBe("a\\tb\\nc\\x9b\\ud800");
  });

  it("--mem follows QEMU's Bamboo SDRAM banks and Malta's 2 GiB", () => {
    const MiB = 1 << 20;
    expect(bambooBanks(1000 * MiB)).toEqual({
      banks: [256, 256, 256, 128].map((m) => m * MiB),
      left: 104 * MiB,
    });
    for (const m of [4, 8, 12, 64, 100, 120, 256, 384, 512, 768, 1024])
      expect(memProblem("bamboo", m * MiB)).toBeUndefined();
    for (const m of [1, 2, 6, 1000, 1025, 2048, 3072, 4096])
      expect(memProblem("bamboo", m * MiB)).toBeDefined();
    for (const m of [1, 3, 256, 257, 1024, 2048])
      expect(memProblem("malta", m * MiB)).toBeUndefined();
    expect(memProblem("malta", 2049 * MiB)).toBeDefined();
  });
});

/** Runs the real command line in a shell (pipes, redirections); resolves with what it did. */
function sh(
  cmd: string,
  timeout = 60_000,
): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile("/bin/sh", ["-c", cmd], { cwd: ROOT, timeout, maxBuffer: 1 << 24 }, (e, out, err) => {
      resolve({
        code: e ? ((e as { code?: number }).code ?? null) : 0,
        out,
        err,
        ms: performance.now() - t0,
      });
    });
  });
}

describe("hostile inputs through the real process", () => {
  it("asm - with stdin a directory: one line", async () => {
    const r = await sh(`node ${BIN} asm --isa ppc440 - < /tmp`);
    expect(r.err).toBe(
      "isagen asm: standard input is a directory, not an ordinary file or a pipe\n",
    );
    expect(r.code).toBe(1);
  });

  it("disasm of a 64 MB file into head -2: two lines, status 0, at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-hostile-"));
    const file = join(dir, "big.bin");
    const big = Buffer.alloc(64 << 20);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32BE((i * 2654435761) >>> 0, i);
    writeFileSync(file, big);
    // pipefail is not POSIX: take isagen's status from a file.
    const r = await sh(
      `(node ${BIN} disasm --isa ppc440 ${file}; echo $? > ${dir}/status) | head -2`,
    );
    expect(r.out.split("\n").filter(Boolean)).toHaveLength(2);
    expect(r.err).toBe("");
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(join(dir, "status"), "utf8").trim()).toBe("0");
    // The whole file takes about 25 s to disassemble; a closed pipe must end it at once.
    expect(r.ms).toBeLessThan(10_000);
  });

  it("console output without a final newline reaches stdout, and a signal loses nothing", async () => {
    // A Malta guest that writes "ab" to ttyS0 (no newline) and then counts forever.
    const dir = mkdtempSync(join(tmpdir(), "isagen-hostile-"));
    const elf = join(dir, "ab.elf");
    writeFileSync(
      elf,
      mipsElf([
        0x3c08b800, 0x24090061, 0xa10903f8, 0x24090062, 0xa10903f8, 0x254a0001, 0x0401fffe,
        0x00000000,
      ]),
    );
    const child = spawn(process.execPath, [BIN, "run", "--board", "malta", "--kernel", elf], {
      cwd: ROOT,
    });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const seen = new Promise<void>((resolve) =>
      child.stdout.on("data", (d) => ((out += d), out.includes("ab") && resolve())),
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    await Promise.race([seen, new Promise((r) => setTimeout(r, 20_000))]);
    expect(out).toBe("ab");
    child.kill("SIGINT");
    const how = await exited;
    expect(how.signal === "SIGINT" || how.code === 130).toBe(true);
    // A clean stop (issue 15): the guest PC and the last exits, no trace.
    expect(err).toMatch(/^SIGINT: guest stopped at pc 0x[0-9a-f]{8} after \d+ instructions\n/);
    expect(err).not.toMatch(/^\s+at /m);
  }, 30_000);
});

/** A little-endian MIPS ELF32 with one segment at 0x80100000 (KSEG0), entry there. */
export function mipsElf(words: number[]): Buffer {
  const code = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => code.writeUInt32LE(w >>> 0, i * 4));
  const h = Buffer.alloc(0x1000);
  h.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  h.writeUInt16LE(2, 16); // ET_EXEC
  h.writeUInt16LE(8, 18); // EM_MIPS
  h.writeUInt32LE(1, 20);
  h.writeUInt32LE(0x80100000, 24); // entry
  h.writeUInt32LE(52, 28); // phoff
  h.writeUInt16LE(52, 40); // ehsize
  h.writeUInt16LE(32, 42); // phentsize
  h.writeUInt16LE(1, 44); // phnum
  h.writeUInt16LE(40, 46); // shentsize
  const ph = 52;
  h.writeUInt32LE(1, ph); // PT_LOAD
  h.writeUInt32LE(0x1000, ph + 4);
  h.writeUInt32LE(0x80100000, ph + 8);
  h.writeUInt32LE(0x80100000, ph + 12);
  h.writeUInt32LE(code.length, ph + 16);
  h.writeUInt32LE(code.length, ph + 20);
  h.writeUInt32LE(7, ph + 24);
  h.writeUInt32LE(0x1000, ph + 28);
  return Buffer.concat([h, code]);
}
