// The `isagen` command line: gen, decode, explain, disasm, asm, and run (run.ts). The top layer:
// it uses the generator library, the generated ISAs and the runtime; nothing imports it.
import { existsSync } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import type { GeneratedIsa } from "../generated/index.ts";
import { formatDiagnostic, UserErrors } from "../generator/diagnostics.ts";
import {
  checkRegularFile,
  checkStdin,
  debugWanted,
  describeFailure,
  escapeControl,
  FdLineSink,
  FdWriter,
  fileChunks,
  InputError,
  LineWriter,
  lineSinkOf,
  OutputClosed,
  readChunks,
  readLines,
  shown,
  type LineSink,
} from "./io.ts";

/** One ISA's table model for explain and asm with what the command derives from it, cached (model-cache.ts). */
async function loadDerived<T, V>(
  name: string,
  part: string,
  derive: (isa: import("../generator/model.ts").Isa) => T,
  storage: import("./model-cache.ts").Storage<T, V>,
) {
  return (await import("./model-cache.ts")).loadDerived(ROOT, name, part, derive, undefined, storage);
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A mistake the user can fix: printed as one message, `isagen <command>: …`, exit code 1. */
export class CliError extends InputError {}

/** The longest line `asm` reads from stdin (a line of assembly is short; this bounds memory). */
export const MAX_ASM_LINE = 4096;

/** Loads a generated ISA by name through the generated registry (generated/index.ts). */
export async function loadGenerated(isa: string): Promise<GeneratedIsa> {
  let registry: typeof import("../generated/index.ts");
  try {
    registry = await import("../generated/index.ts");
  } catch {
    throw new CliError("generated/ does not load: run npm run gen");
  }
  if (!registry.isIsaName(isa)) throw new CliError(`unknown ISA '${isa}'; valid ISAs: ${registry.ISA_NAMES.join(", ")}`);
  return registry.loadIsa(isa);
}

function parseWord(s: string): number {
  const t = s.replace(/^0x/i, "").replace(/_/g, "");
  if (!/^[0-9a-fA-F]{1,8}$/.test(t)) throw new CliError(`'${s}' is not a 32-bit hex word (e.g. 7c0802a6 or 0x7c0802a6)`);
  return parseInt(t, 16) >>> 0;
}

function parseAddr(s: string): number {
  const n = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n) || n > 0xffffffff) throw new CliError(`'${s}' is not an address (e.g. 0x80100000)`);
  return n >>> 0;
}

function endianOf(opt: string | undefined, g: GeneratedIsa): "big" | "little" {
  return (opt as "big" | "little" | undefined) ?? g.ISA.endian;
}

/** Swaps the bytes of a word given in the other byte order. */
function bswap(w: number): number {
  return (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;
}

/** One line of a listing, as objdump prints it: address, word, mnemonic padded to 7, operands. */
function listingLine(pc: number, w: number, text: string): string {
  const sp = text.indexOf(" ");
  const pretty = sp < 0 ? text : text.slice(0, sp).padEnd(7) + " " + text.slice(sp + 1);
  return `${pc.toString(16).padStart(8, " ")}:\t${w.toString(16).padStart(8, "0")}\t${pretty}`;
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard input, for `asm -` (tests pass their own). */
  readStdin?: () => string;
  /** Standard input as a stream, for `disasm -` and `asm -` (default: process.stdin). */
  stdin?: Readable;
  /**
   * Where `disasm` and `asm` write their listings, with backpressure (default: standard output
   * when `io` is the default, else `out`).
   */
  stdout?: Writable;
}

/** Where a listing goes: a stream with backpressure, standard output, or `io.out` in batches. */
function listingSink(io: Io, stdout: FdWriter | undefined): LineSink {
  if (io.stdout) return new LineWriter(io.stdout);
  return stdout ? new FdLineSink(stdout) : lineSinkOf(io.out);
}

/** Standard input as a stream: the test's, or the process's (refused when it is a directory). */
function stdinStream(io: Io): Readable {
  if (io.stdin) return io.stdin;
  if (io.readStdin) return Readable.from([io.readStdin()]);
  checkStdin(0);
  return process.stdin;
}

/** The commands other than `run`: `run` is added (and the runtime loaded) for any other first argument, help included. */
const OTHER_COMMANDS = new Set(["gen", "decode", "explain", "disasm", "asm"]);

export async function main(argv: string[], ioArg?: Io): Promise<number> {
  // By default standard output and error, written as console.log and console.error write them
  // (FdWriter: without loading node's streams).
  const std = ioArg === undefined ? { out: new FdWriter(1), err: new FdWriter(2) } : undefined;
  const io: Io = ioArg ?? { out: (s: string) => void std!.out.write(s + "\n"), err: (s: string) => void std!.err.write(s + "\n") };
  const stdout = std?.out;
  const debug = debugWanted(argv);
  argv = argv.filter((a, i) => i < 2 || a !== "--debug");
  let code = 0;
  let command: string | undefined;
  const program = new Command()
    .name("isagen")
    .description("Table-driven instruction decoders, disassemblers and emulation dispatch")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(escapeControl(s.trimEnd()).replace(/\\n/g, "\n")) })
    .hook("preAction", (_program, action) => {
      command = action.name();
    });

  program
    .command("gen")
    .description("check the tables in opcodes/ and regenerate generated/")
    .option("--check", "do not write; exit 1 listing stale files when generated/ differs from the tables")
    .option("--root <dir>", "repository root holding opcodes/ and generated/ (default: this checkout)")
    .option("--json", "print the change summary as JSON")
    .option("--scaffold", "add stub handlers for instructions that runtime/ and test/ handler sets lack")
    .option("--watch", "regenerate whenever a table (or runtime/, for the docs) changes, printing the change summary each time")
    .action(async (opts) => {
      const { genCommand } = await import("./gen.ts");
      code = await genCommand({ ...opts, color: process.stdout.isTTY && !process.env.NO_COLOR }, ROOT, io);
    });

  program
    .command("decode")
    .description("decode words: mnemonic, operands, every field's value")
    .requiredOption("--isa <isa>", "ISA name (see opcodes/isas.yaml)")
    .addOption(new Option("--endian <order>", "byte order the words are written in").choices(["big", "little"]))
    .argument("<hexword...>", "32-bit words in hex")
    .action(async (words: string[], opts: { isa: string; endian?: string }) => {
      const g = await loadGenerated(opts.isa);
      const swap = endianOf(opts.endian, g) !== g.ISA.endian;
      for (const s of words) {
        const w = swap ? bswap(parseWord(s)) : parseWord(s);
        const id = g.decode(w);
        const info = g.INFO[id];
        const hex = w.toString(16).padStart(8, "0");
        if (id === 0) {
          io.out(`${hex}  ${g.disassemble(w, 0)}  (not defined by ${g.ISA.name})`);
          continue;
        }
        io.out(`${hex}  ${g.disassemble(w, 0)}`);
        io.out(`  instruction ${info.mnemonic} (entry ${info.entry}, ${info.source})${info.privileged ? ", privileged" : ""}`);
        if (info.summary) io.out(`  ${info.summary}`);
        const reg = g.registerOperand(w);
        if (reg)
          io.out(`  names ${reg.file} ${reg.n} (${reg.name ?? "no name in the tables"}), ${reg.privileged ? "privileged" : "not privileged"}`);
        io.out(`  in user mode: ${g.trapsInUserMode(w) ? "traps (privileged)" : "executes"}${info.illegalOnCore ? "; the core does not implement it (illegal instruction)" : ""}`);
        const ops = (g.operands as unknown as Record<string, (w: number) => Record<string, number>>)[`${info.entry}Operands`]?.(w) ?? {};
        for (const [k, v] of Object.entries(ops)) io.out(`  ${k.padEnd(8)} = ${v} (0x${(v >>> 0).toString(16)})`);
      }
    });

  program
    .command("explain")
    .description("show how the decoder reached its answer for each word")
    .requiredOption("--isa <isa>", "ISA name (see opcodes/isas.yaml)")
    .addOption(new Option("--endian <order>", "byte order the words are written in").choices(["big", "little"]))
    .argument("<hexword...>", "32-bit words in hex")
    .action(async (words: string[], opts: { isa: string; endian?: string }) => {
      const g = await loadGenerated(opts.isa);
      const { explain } = await import("../generator/explain.ts");
      const { planDecoder } = await import("../generator/plan.ts");
      const { explainStorage, DamagedGraph } = await import("./model-cache.ts");
      const load = () =>
        loadDerived(opts.isa, "explain", (m) => planDecoder([...m.variants, ...m.invalidEntries.flatMap((e) => e.variants)]), explainStorage);
      let model = await load();
      const lines = (w: number) => explain(model.isa, model.derived.pathTo(w), w, g.disassemble, model.derived.aliasesOf);
      const swap = endianOf(opts.endian, g) !== g.ISA.endian;
      for (const [i, s] of words.entries()) {
        const w = swap ? bswap(parseWord(s)) : parseWord(s);
        let out: string[];
        try {
          out = lines(w);
        } catch (e) {
          // A part of the cache found damaged is gone now: the model is built again.
          if (!(e instanceof DamagedGraph)) throw e;
          model = await load();
          out = lines(w);
        }
        if (i > 0) io.out("");
        for (const line of out) io.out(line);
      }
    });

  program
    .command("disasm")
    .description("disassemble a raw binary: ADDR:<TAB>WORD<TAB>TEXT per 4-byte word")
    .requiredOption("--isa <isa>", "ISA name (see opcodes/isas.yaml)")
    .addOption(new Option("--endian <order>", "byte order of the file").choices(["big", "little"]))
    .option("--base <addr>", "address of the first byte", "0")
    .argument("<file>", "raw binary file")
    .action(async (file: string, opts: { isa: string; endian?: string; base: string }) => {
      const g = await loadGenerated(opts.isa);
      const base = parseAddr(opts.base);
      let input: Readable | Generator<Uint8Array>;
      if (file === "-") input = stdinStream(io);
      else input = fileChunks(file, checkRegularFile(file, "the input").size);
      const le = endianOf(opts.endian, g) === "little";
      const sink = listingSink(io, stdout);
      let off = 0;
      let carry = Buffer.alloc(0);
      try {
        for await (const chunk of readChunks(input, file === "-" ? "standard input" : `the input (${shown(file)})`)) {
          const buf = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          const whole = buf.length - (buf.length % 4);
          for (let i = 0; i < whole; i += 4, off += 4) {
            const w = le ? buf.readUInt32LE(i) : buf.readUInt32BE(i);
            const pc = (base + off) >>> 0;
            const wait = sink.line(listingLine(pc, w, g.disassemble(w, pc)));
            if (wait) await wait;
          }
          carry = Buffer.from(buf.subarray(whole));
        }
        await sink.end();
      } catch (e) {
        if (e instanceof OutputClosed) return; // `| head`: the reader has what it wanted
        throw e;
      } finally {
        if ("destroy" in input) input.destroy();
        else input.return(undefined);
      }
      if (carry.length) io.err(`note: ${carry.length} trailing byte(s) after the last whole word were not disassembled`);
    });

  program
    .command("asm")
    .description("assemble text as disasm prints it (objdump style): ADDR:<TAB>WORD<TAB>TEXT per line")
    .requiredOption("--isa <isa>", "ISA name (see opcodes/isas.yaml)")
    .addOption(new Option("--endian <order>", "byte order to print the words in").choices(["big", "little"]))
    .option("--base <addr>", "address of the first line (branch targets are absolute)", "0")
    .argument("<text...>", "one instruction per argument (quote it), or - to read lines from stdin")
    .action(async (args: string[], opts: { isa: string; endian?: string; base: string }) => {
      const g = await loadGenerated(opts.isa);
      const { assemble, AsmError, asmIndex, useAsmIndex } = await import("../generator/assemble.ts");
      const { asmStorage, DamagedGraph } = await import("./model-cache.ts");
      const load = async () => {
        const { isa, derived: index } = await loadDerived(opts.isa, "asm", asmIndex, asmStorage);
        useAsmIndex(isa, index);
        return isa;
      };
      let isa = await load();
      const swap = endianOf(opts.endian, g) !== g.ISA.endian;
      const fromStdin = args.length === 1 && args[0] === "-";
      let pc = parseAddr(opts.base);
      const sink = listingSink(io, stdout);
      const input = fromStdin ? stdinStream(io) : undefined;
      const lines = input ? readLines(input, MAX_ASM_LINE) : args;
      let i = 0;
      try {
        for await (const line of lines) {
          i++;
          if (fromStdin && line.trim() === "") continue;
          let w: number;
          try {
            try {
              w = assemble(isa, line, pc, g.disassemble);
            } catch (e) {
              // A part of the cache found damaged is gone now: the model is built again.
              if (!(e instanceof DamagedGraph)) throw e;
              isa = await load();
              w = assemble(isa, line, pc, g.disassemble);
            }
          } catch (e) {
            if (e instanceof AsmError) throw new CliError(fromStdin ? `line ${i}: ${e.message}` : e.message);
            throw e;
          }
          const wait = sink.line(listingLine(pc, swap ? bswap(w) : w, g.disassemble(w, pc)));
          if (wait) await wait;
          pc = (pc + 4) >>> 0;
        }
        await sink.end();
      } catch (e) {
        if (e instanceof OutputClosed) return;
        // What was assembled before the bad line is printed, as a stream's reader expects.
        if (!(e instanceof OutputClosed)) await sink.end().catch(() => {});
        throw e;
      } finally {
        input?.destroy();
      }
    });

  // The runtime is optional for the generator (a checkout of the generator alone still gens);
  // the other commands start without loading it.
  if (!OTHER_COMMANDS.has(argv[2]) && existsSync(join(ROOT, "runtime"))) {
    const { addRunCommand } = await import("./run.ts");
    addRunCommand(program, { ...io, setExitCode: (c) => (code = c) });
  }

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof UserErrors) {
      for (const d of e.diagnostics) io.err(escapeControl(formatDiagnostic(d)));
      const n = e.diagnostics.filter((d) => d.severity === "error").length;
      io.err(`${n} error${n === 1 ? "" : "s"}; nothing was written.`);
      return 1;
    }
    if (e instanceof OutputClosed) return 0;
    const failure = describeFailure(e, command, debug);
    for (const line of failure.lines) io.err(line);
    return failure.code;
  }
  return code;
}
