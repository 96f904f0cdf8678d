// The hostile-input corpus: each case is an input that once crashed, hung, ate the host's memory
// or said nothing, with the command and the exact message (or behaviour) it must give now.
// hostile.test.ts runs them. Placeholders in arguments and messages: {dir} (a fresh temporary
// directory, prepared by `setup`), {guests} (test/guests), {tables} (test/hostile/tables).
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { ROOT } from "../support/root.ts";

export interface HostileCase {
  /** The row of issue 17 (or what else it guards). */
  row: string;
  args: string[];
  setup?: (dir: string) => void;
  /** Standard input, for `asm -` and `disasm -`. */
  stdin?: () => Readable;
  /** Exit status and the exact lines on stderr. */
  code: number;
  err: string[];
  /** Checks on stdout's lines, when it matters. */
  out?: string[];
}

/** A sandbox repository whose only ISA `t` has one table, `opcodes/bad/x.yaml`. */
export function tableSandbox(dir: string, table: string | Buffer, tables = "[bad/x.yaml]"): void {
  mkdirSync(join(dir, "opcodes", "bad"), { recursive: true });
  for (const s of ["schema.json", "isas.schema.json"]) cpSync(join(ROOT, "opcodes", s), join(dir, "opcodes", s));
  writeFileSync(join(dir, "opcodes", "isas.yaml"), `isas:\n  t:\n    endian: little\n    tables: ${tables}\n    dialects: [t]\n    invalid: .word\n`);
  writeFileSync(join(dir, "opcodes", "bad", "x.yaml"), table);
}

function corpusTable(name: string): string {
  return readFileSync(join(ROOT, "test", "hostile", "tables", `${name}.yaml`), "utf8");
}

/** An endless stream of one byte value, in 64 KiB chunks (as /dev/zero gives). */
export function endless(byte: number): Readable {
  const chunk = Buffer.alloc(1 << 16, byte);
  return new Readable({
    read() {
      this.push(chunk);
    },
  });
}

const HELLO_MIPS = "{guests}/mips/hello.elf";
const HELLO_PPC = "{guests}/ppc/hello.elf";
const table = (name: string, code: number, err: string[], transform = (s: string) => s as string | Buffer): [string, HostileCase] => [
  `table ${name}`,
  { row: corpusTable(name).split("\n")[0].replace(/^# /, ""), args: ["gen", "--root", "{dir}"], setup: (d) => tableSandbox(d, transform(corpusTable(name))), code, err },
];

export const CASES: Record<string, HostileCase> = {
  "disasm of a device": {
    row: "isagen disasm --isa ppc440 /dev/zero: reads until the host runs out of memory",
    args: ["disasm", "--isa", "ppc440", "/dev/zero"],
    code: 1,
    err: ["isagen disasm: the input is not an ordinary file (/dev/zero)"],
  },
  "disasm of a directory": {
    row: "a directory given as the input",
    args: ["disasm", "--isa", "mips32r2", "{dir}"],
    code: 1,
    err: ["isagen disasm: the input is a directory, not an ordinary file ({dir})"],
  },
  "disasm of a missing file": {
    row: "a file that is not there",
    args: ["disasm", "--isa", "mips32r2", "{dir}/nope.bin"],
    code: 1,
    err: ["isagen disasm: cannot read the input: no such file ({dir}/nope.bin)"],
  },
  "disasm - of an endless stream": {
    row: "disasm - reads stdin as a stream (a closed output ends it; here: 1 MiB of zeros, bounded memory)",
    args: ["disasm", "--isa", "ppc440", "--base", "0x100", "-"],
    stdin: () => Readable.from([Buffer.alloc(1 << 20), Buffer.from([1, 2, 3])]),
    code: 0,
    err: ["note: 3 trailing byte(s) after the last whole word were not disassembled"],
  },
  "asm - of an endless line": {
    row: "asm - from /dev/zero: reads until the host runs out of memory",
    args: ["asm", "--isa", "ppc440", "-"],
    stdin: () => endless(0),
    code: 1,
    err: ["isagen asm: line 1 is longer than 4096 characters (standard input)"],
  },
  "asm - of 600 MB in one line": {
    row: "asm - with 600 MB of text: ERR_STRING_TOO_LONG stack trace",
    args: ["asm", "--isa", "mips32r2", "-"],
    stdin: () => Readable.from(["nop\n", ...Array.from({ length: 16 }, () => "x".repeat(1 << 20))]),
    code: 1,
    err: ["isagen asm: line 2 is longer than 4096 characters (standard input)"],
    out: ["       0:\t00000000\tnop"],
  },
  "asm with control bytes": {
    row: "isagen asm of text with control bytes: the message echoes the raw bytes to the terminal",
    args: ["asm", "--isa", "ppc440", "-"],
    stdin: () => Readable.from(["nop\n\x1b[31mred\x07\n"]),
    code: 1,
    err: ["isagen asm: line 2: unknown mnemonic '\\x1b[31mred\\x07' for ppc440; nearest: addme, addme., addmeo, addmeo., creqv"],
    out: ["       0:\t60000000\tnop"],
  },
  "asm argument with control bytes": {
    row: "the same, as an argument",
    args: ["asm", "--isa", "mips32r2", "nop\u009b2J"],
    code: 1,
    err: [expectLineStarting("isagen asm: ", "\\x9b2J")],
  },
  "decode of garbage": {
    row: "a word that is not hex, with a terminal escape in it",
    args: ["decode", "--isa", "ppc440", "\x1b]0;pwned\x07"],
    code: 1,
    err: ["isagen decode: '\\x1b]0;pwned\\x07' is not a 32-bit hex word (e.g. 7c0802a6 or 0x7c0802a6)"],
  },
  "unknown option with control bytes": {
    row: "commander's own messages are escaped too",
    args: ["decode", "--isa", "ppc440", "--\x1b[2J", "00"],
    code: 1,
    err: ["error: unknown option '--\\x1b[2J'"],
  },
  "run --kernel device": {
    row: "isagen run --kernel /dev/zero: reads until the host runs out of memory",
    args: ["run", "--board", "malta", "--kernel", "/dev/zero"],
    code: 1,
    err: ["isagen run: the kernel is not an ordinary file (/dev/zero)"],
  },
  "run --initrd device": {
    row: "isagen run --initrd /dev/zero",
    args: ["run", "--board", "malta", "--kernel", HELLO_MIPS, "--initrd", "/dev/zero"],
    code: 1,
    err: ["isagen run: the initrd is not an ordinary file (/dev/zero)"],
  },
  "run --dtb device": {
    row: "isagen run --dtb /dev/zero",
    args: ["run", "--board", "bamboo", "--kernel", HELLO_PPC, "--dtb", "/dev/zero"],
    code: 1,
    err: ["isagen run: the device tree is not an ordinary file (/dev/zero)"],
  },
  "run --kernel larger than RAM": {
    row: "a kernel larger than guest RAM is refused by its size, before it is read",
    args: ["run", "--board", "bamboo", "--mem", "4M", "--kernel", "{dir}/big.elf"],
    setup: (d) => writeFileSync(join(d, "big.elf"), Buffer.alloc(5 << 20)),
    code: 1,
    err: ["isagen run: the kernel is 5 MiB, larger than guest RAM (4 MiB) ({dir}/big.elf)"],
  },
  "run --initrd larger than RAM": {
    row: "an initrd larger than guest RAM",
    args: ["run", "--board", "malta", "--mem", "4M", "--kernel", HELLO_MIPS, "--initrd", "{dir}/big.img"],
    setup: (d) => writeFileSync(join(d, "big.img"), Buffer.alloc((4 << 20) + 1)),
    code: 1,
    err: ["isagen run: the initrd is 4194305 bytes, larger than guest RAM (4 MiB) ({dir}/big.img)"],
  },
  "run --dtb too large": {
    row: "a device tree larger than the room QEMU's bamboo gives it",
    args: ["run", "--board", "bamboo", "--kernel", HELLO_PPC, "--dtb", "{dir}/big.dtb"],
    setup: (d) => writeFileSync(join(d, "big.dtb"), Buffer.alloc(2 << 20)),
    code: 1,
    err: ["isagen run: the device tree is 2 MiB, larger than 1 MiB (the room at 0x01800000) ({dir}/big.dtb)"],
  },
  "run --kernel directory": {
    row: "a directory as the kernel",
    args: ["run", "--board", "bamboo", "--kernel", "{dir}"],
    code: 1,
    err: ["isagen run: the kernel is a directory, not an ordinary file ({dir})"],
  },
  "malta --mem 2G": {
    row: "isagen run --board malta --mem 2G: Invalid typed array length: -536870912 (QEMU allows 2 GiB)",
    args: ["run", "--board", "malta", "--mem", "2G", "--kernel", HELLO_MIPS],
    code: 0,
    err: [],
  },
  "malta --mem 3G": {
    row: "more than QEMU's Malta takes",
    args: ["run", "--board", "malta", "--mem", "3G", "--kernel", HELLO_MIPS],
    code: 1,
    err: ["isagen run: --mem 3G: the Malta board takes at most 2 GiB of RAM (QEMU: maximum 2048MB)"],
  },
  "malta --mem 6K": {
    row: "a size that is not whole pages",
    args: ["run", "--board", "malta", "--mem", "6K", "--kernel", HELLO_MIPS],
    code: 1,
    err: ["isagen run: --mem 6K: the RAM size must be a multiple of 4 KiB"],
  },
  "bamboo --mem 4G": {
    row: "isagen run --board bamboo --mem 4G: accepted, runs 100,000 inst_emu exits at pc 0, exit status 0",
    args: ["run", "--board", "bamboo", "--mem", "4G", "--kernel", HELLO_PPC],
    code: 1,
    err: ["isagen run: --mem 4G: the Bamboo board takes at most 1 GiB of RAM (4 SDRAM banks of at most 256 MiB)"],
  },
  "bamboo --mem 2G": {
    row: "bamboo --mem 2G (also 3G): accepted; QEMU refuses it",
    args: ["run", "--board", "bamboo", "--mem", "2G", "--kernel", HELLO_PPC],
    code: 1,
    err: ["isagen run: --mem 2G: the Bamboo board takes at most 1 GiB of RAM (4 SDRAM banks of at most 256 MiB)"],
  },
  "bamboo --mem 1000M": {
    row: "a size QEMU cannot split into SDRAM banks",
    args: ["run", "--board", "bamboo", "--mem", "1000M", "--kernel", HELLO_PPC],
    code: 1,
    err: [
      "isagen run: --mem 1000M: the Bamboo board takes at most 4 SDRAM banks of 256, 128, 64, 32, 16, 8 or 4 MiB each (896 MiB fits: 256+256+256+128 MiB)",
    ],
  },
  "bamboo --mem 1G": {
    row: "the largest Bamboo (4 banks of 256 MiB) runs",
    args: ["run", "--board", "bamboo", "--mem", "1G", "--kernel", HELLO_PPC],
    code: 0,
    err: [],
  },
  "--mem garbage": {
    row: "a size that is not one",
    args: ["run", "--board", "malta", "--mem", "1.5G", "--kernel", HELLO_MIPS],
    code: 1,
    err: ["isagen run: --mem 1.5G: expected a size such as 64M, 256M or 1G"],
  },
  "--max-insns 1.5": {
    row: "--max-insns 1.5: accepted, runs 2 instructions",
    args: ["run", "--board", "malta", "--max-insns", "1.5", "--kernel", HELLO_MIPS],
    code: 1,
    err: ["isagen run: --max-insns 1.5: expected a whole number of instructions, at least 1"],
  },
  "--max-insns -5": {
    row: "a negative count",
    args: ["run", "--board", "malta", "--max-insns", "-5", "--kernel", HELLO_MIPS],
    code: 1,
    err: ["isagen run: --max-insns -5: expected a whole number of instructions, at least 1"],
  },
  "--max-insns 1e9": {
    row: "a count in exponent notation",
    args: ["run", "--board", "bamboo", "--max-insns", "1e9", "--kernel", HELLO_PPC],
    code: 1,
    err: ["isagen run: --max-insns 1e9: expected a whole number of instructions, at least 1"],
  },
  "--tlb-entries 0x10": {
    row: "an integer option in hex",
    args: ["run", "--board", "malta", "--tlb-entries", "0x10", "--kernel", HELLO_MIPS],
    code: 1,
    err: ["isagen run: --tlb-entries 0x10: expected a whole number 1..64"],
  },
  "gen --root with generated a file": {
    row: "isagen gen --root R where R/generated is a file: ENOTDIR stack trace",
    args: ["gen", "--root", "{dir}"],
    setup: (d) => {
      tableSandbox(d, 'bit-order: lsb0\ndialect: t\ninstructions:\n  - sync: { bits: "000000 00000 00000 00000 00000 001111" }\n');
      writeFileSync(join(d, "generated"), "a file\n");
    },
    code: 1,
    err: ["isagen gen: generated/ is not a directory ({dir}/generated)"],
  },
  "gen with a table that is a device": {
    row: "a table path that is a device: reads until the host runs out of memory",
    args: ["gen", "--root", "{dir}"],
    setup: (d) => {
      tableSandbox(d, "");
      const p = join(d, "opcodes", "bad", "x.yaml");
      writeFileSync(p, "");
      // Replace the table with a link to /dev/zero.
      rmSync(p);
      symlinkSync("/dev/zero", p);
    },
    code: 1,
    err: ["opcodes/bad/x.yaml:1:1: error: is not an ordinary file", "1 error; nothing was written."],
  },
  "gen with a table that is a directory": {
    row: "a table path that is a directory",
    args: ["gen", "--root", "{dir}"],
    setup: (d) => {
      tableSandbox(d, "");
      rmSync(join(d, "opcodes", "bad", "x.yaml"));
      mkdirSync(join(d, "opcodes", "bad", "x.yaml"));
    },
    code: 1,
    err: ["opcodes/bad/x.yaml:1:1: error: is a directory, not a table", "1 error; nothing was written."],
  },
  "gen with a table listed twice": {
    row: "a table listed twice in isas.yaml: about 100 errors, one per duplicated instruction",
    args: ["gen", "--root", "{dir}"],
    setup: (d) =>
      tableSandbox(
        d,
        'bit-order: lsb0\ndialect: t\ninstructions:\n  - sync: { bits: "000000 00000 00000 00000 00000 001111" }\n  - nop: { bits: "000000 00000 00000 00000 00000 000000" }\n',
        "[bad/x.yaml, bad/x.yaml]",
      ),
    code: 1,
    err: ["opcodes/isas.yaml:4:26: error: table 'bad/x.yaml' is listed twice for ISA 't' (also at opcodes/isas.yaml:4:14)", "1 error; nothing was written."],
  },
  ...Object.fromEntries([
    table("alias-bomb", 1, [
      "opcodes/bad/x.yaml:5:8: error: YAML aliases expand too far (more than 100 copies of anchored content); write the entries out instead",
      "1 error; nothing was written.",
    ]),
    table("field-out-of-range", 1, ["opcodes/bad/x.yaml:15:32: error: add: value 1e+38 does not fit field 'xo9' (9 bits, 0-511)", "1 error; nothing was written."]),
    table("control-chars", 1, [
      "opcodes/bad/x.yaml:5:5: error: name 'sy\\x1b[2Jnc' is not allowed here (use lower-case letters, digits and _)",
      "1 error; nothing was written.",
    ]),
    table("negative-field", 1, ["opcodes/bad/x.yaml:7:70: error: 'rs' must be >= 0", "1 error; nothing was written."]),
    table(
      "not-utf8",
      1,
      ["opcodes/bad/x.yaml:5:73: error: byte 0xe9 is not UTF-8 (tables are UTF-8 text)", "1 error; nothing was written."],
      (s) => Buffer.concat(s.split("@xE9@").flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xe9]), Buffer.from(part)]))),
    ),
  ]),
};

/** A matcher for a line that starts with `prefix` and contains `part` (for long suggestion lists). */
function expectLineStarting(prefix: string, part: string): string {
  return `@@startsWith:${prefix}@@contains:${part}`;
}
