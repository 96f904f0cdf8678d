// Input and output for the CLI that any input, however hostile, cannot turn into a stack trace,
// a hang or unbounded memory: regular-file checks before reading, size limits, bounded line
// reading from streams, writes with backpressure that stop quietly when the reader goes away
// (`isagen disasm … | head`), control characters escaped before they reach a terminal, and the
// one top-level formatter that turns any failure into one line.
import { closeSync, fstatSync, openSync, readSync, statSync, writeSync, type Stats } from "node:fs";
import type { Readable, Writable } from "node:stream";

/**
 * A failure caused by the input (a file, an option, a table): printed as one line,
 * `isagen <command>: <message>`, exit status 1 (or `exitCode`).
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Control characters (C0, DEL, C1) and lone surrogates shown as escapes, so that a message about a hostile input cannot drive the terminal. */
export function escapeControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const n = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}

/** A file name as it appears in a message: control characters escaped. */
export function shown(path: string): string {
  return escapeControl(path);
}

/** What an errno code means, in the words of a message. */
export function describeErrno(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many symbolic links";
    case "ENAMETOOLONG":
      return "file name too long";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "read-only file system";
    case "EEXIST":
      return "already exists";
    case "EIO":
      return "input/output error";
    default:
      return e.code ?? e.message.split("\n")[0];
  }
}

/** Is this an error from the operating system about a file or stream (not a bug)? */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

/** A size in bytes as a message says it: "64 MiB", "1.5 GiB", "4097 bytes". */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [2 ** 30, "GiB"],
    [2 ** 20, "MiB"],
    [2 ** 10, "KiB"],
  ];
  for (const [u, name] of units) if (n >= u && n % (u / 4) === 0) return `${n / u} ${name}`;
  return `${n} bytes`;
}

/**
 * Checks that `path` names a regular file no larger than `maxBytes`, before anything reads it;
 * returns its stats. `what` names the role of the file in messages ("the initrd", "--kernel").
 */
export function checkRegularFile(path: string, what: string, maxBytes = Infinity, limitWhy = ""): Stats {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new InputError(`cannot read ${what}: ${describeErrno(e as NodeJS.ErrnoException)} (${shown(path)})`);
  }
  if (st.isDirectory()) throw new InputError(`${what} is a directory, not an ordinary file (${shown(path)})`);
  if (!st.isFile()) throw new InputError(`${what} is not an ordinary file (${shown(path)})`);
  if (st.size > maxBytes)
    throw new InputError(`${what} is ${formatBytes(st.size)}, larger than ${limitWhy || formatBytes(maxBytes)} (${shown(path)})`);
  return st;
}

/**
 * Reads a regular file whole, reading at most `maxBytes` (a file that grows while it is read is
 * cut off there and refused).
 */
export function readBounded(path: string, what: string, maxBytes: number, limitWhy = ""): Buffer {
  checkRegularFile(path, what, maxBytes, limitWhy);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new InputError(`cannot read ${what}: ${describeErrno(e as NodeJS.ErrnoException)} (${shown(path)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(`${what} is not an ordinary file (${shown(path)})`);
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n === buf.length) break;
    }
    if (n > maxBytes) throw new InputError(`${what} is larger than ${limitWhy || formatBytes(maxBytes)} (${shown(path)})`);
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${what}: ${describeErrno(e as NodeJS.ErrnoException)} (${shown(path)})`);
  } finally {
    closeSync(fd);
  }
}

/** Standard input must be something that can be read as a stream (not a directory). */
export function checkStdin(fd = 0): void {
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (e) {
    throw new InputError(`cannot read standard input: ${describeErrno(e as NodeJS.ErrnoException)}`);
  }
  if (st.isDirectory()) throw new InputError("standard input is a directory, not an ordinary file or a pipe");
}

/** Thrown out of a write when the reader has gone away (EPIPE): the command ends, status 0. */
export class OutputClosed extends Error {
  constructor() {
    super("output closed");
  }
}

/** Is this the error a write gives when the reading end of a pipe is closed? */
export function isClosedPipe(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED" || code === "ERR_STREAM_WRITE_AFTER_END";
}

/**
 * Writes lines to a stream in chunks, with backpressure: `line` returns a promise only when the
 * caller must wait (the stream's buffer is full, or a chunk went out and the event loop must run
 * to deliver a closed pipe). After the reader goes away every call throws OutputClosed.
 */
export class LineWriter {
  private buf: string[] = [];
  private chars = 0;
  private closed = false;
  private error: Error | undefined;
  private readonly onError = (e: Error) => {
    if (isClosedPipe(e)) this.closed = true;
    else this.error = e;
  };

  constructor(
    private readonly stream: Writable,
    private readonly chunkChars = 1 << 16,
  ) {
    stream.on("error", this.onError);
  }

  /** Adds a line; await the result when it is a promise. */
  line(s: string): Promise<void> | undefined {
    this.buf.push(s);
    this.chars += s.length + 1;
    if (this.chars >= this.chunkChars) return this.flush();
    return undefined;
  }

  /** Writes what is buffered and lets the event loop run (drain, errors). */
  async flush(): Promise<void> {
    this.check();
    if (this.buf.length > 0) {
      const text = this.buf.join("\n") + "\n";
      this.buf = [];
      this.chars = 0;
      let ok: boolean;
      try {
        ok = this.stream.write(text);
      } catch (e) {
        if (isClosedPipe(e)) throw this.close();
        throw e;
      }
      if (!ok) await this.drain();
    }
    // setImmediate, not a microtask: an EPIPE is reported on process.nextTick, which runs only
    // once the microtask queue is empty.
    await new Promise<void>((r) => setImmediate(r));
    this.check();
  }

  private drain(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off("drain", done);
        this.stream.off("close", done);
        this.stream.off("error", done);
        resolve();
      };
      this.stream.on("drain", done);
      this.stream.on("close", done);
      this.stream.on("error", done);
    });
  }

  private check(): void {
    if (this.error) throw this.error;
    if (this.closed || this.stream.destroyed) throw this.close();
  }

  private close(): OutputClosed {
    this.closed = true;
    this.buf = [];
    return new OutputClosed();
  }

  /** Flushes and stops listening; the stream stays open (it may be stdout). */
  async end(): Promise<void> {
    try {
      await this.flush();
    } finally {
      // Keep a listener for errors that arrive late (an EPIPE after the last write).
      this.stream.off("error", this.onError);
      this.stream.on("error", () => {});
    }
  }
}

/**
 * Standard output or error written with writeSync, as console.log writes to a file, a pipe or a
 * terminal on Linux (synchronously), without creating process.stdout: that loads node's stream
 * modules, milliseconds of a command that prints a few lines. On any failure (a closed pipe, a
 * descriptor set non-blocking by a parent that shares it) this and every later write go through
 * the process's stream instead, in order, which then behaves as it always did (a closed pipe ends
 * the command quietly, bin/isagen.cjs).
 */
export class FdWriter {
  private stream: Writable | undefined;

  constructor(private readonly fd: 1 | 2) {}

  /** Writes `s`; false when it went to the stream (which may be buffering it). */
  write(s: string): boolean {
    if (this.stream) return (this.stream.write(s), false);
    const buf = Buffer.from(s, "utf8");
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(this.fd, buf, off);
      } catch {
        this.stream = this.fd === 1 ? process.stdout : process.stderr;
        this.stream.write(buf.subarray(off));
        return false;
      }
    }
    return true;
  }

  /** True once writes go through the stream. */
  get streaming(): boolean {
    return this.stream !== undefined;
  }
}

/**
 * Lines to standard output through an FdWriter, in chunks; once that has turned to the stream,
 * through a LineWriter on process.stdout (backpressure, OutputClosed).
 */
export class FdLineSink implements LineSink {
  private lines: string[] = [];
  private chars = 0;
  private writer: LineWriter | undefined;

  constructor(
    private readonly out: FdWriter,
    private readonly chunkChars = 1 << 16,
  ) {}

  line(s: string): Promise<void> | undefined {
    if (this.writer) return this.writer.line(s);
    this.lines.push(s);
    this.chars += s.length + 1;
    if (this.chars >= this.chunkChars) this.flush();
    return undefined;
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    const text = this.lines.join("\n") + "\n";
    this.lines = [];
    this.chars = 0;
    this.out.write(text);
    if (this.out.streaming) this.writer = new LineWriter(process.stdout, this.chunkChars);
  }

  async end(): Promise<void> {
    if (!this.writer) this.flush();
    if (this.writer) await this.writer.end();
  }
}

/**
 * A regular file's bytes in chunks, read synchronously (a stream would load node's stream
 * modules for what is often one word). `sizeHint` (the file's size) sizes the chunks.
 */
export function* fileChunks(path: string, sizeHint: number, chunk = 1 << 20): Generator<Uint8Array> {
  const fd = openSync(path, "r");
  const size = Math.max(4096, Math.min(chunk, sizeHint + 1));
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** A sink for lines that are not a stream (tests, `io.out`): every call completes at once. */
export interface LineSink {
  line(s: string): Promise<void> | undefined;
  end(): Promise<void>;
}

export function lineSinkOf(out: (s: string) => void, batch = 4096): LineSink {
  let lines: string[] = [];
  return {
    line(s) {
      lines.push(s);
      if (lines.length >= batch) out(lines.splice(0).join("\n"));
      return undefined;
    },
    async end() {
      if (lines.length) out(lines.join("\n"));
      lines = [];
    },
  };
}

/**
 * Reads a stream as lines of at most `maxLine` characters (UTF-8; a longer line is an error
 * naming its number), holding no more than one line and one chunk in memory.
 */
export async function* readLines(stream: Readable, maxLine: number, what = "standard input"): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let partial = "";
  let lineNo = 0;
  const tooLong = () => new InputError(`line ${lineNo + 1} is longer than ${maxLine} characters (${what})`);
  try {
    for await (const chunk of stream) {
      const text = partial + (typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
      const parts = text.split("\n");
      partial = parts.pop()!;
      for (const p of parts) {
        if (p.length > maxLine) throw tooLong();
        lineNo++;
        yield p;
      }
      if (partial.length > maxLine) throw tooLong();
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (isSystemError(e)) throw new InputError(`cannot read ${what}: ${describeErrno(e)}`);
    throw e;
  }
  partial += decoder.decode();
  if (partial.length > maxLine) throw tooLong();
  if (partial !== "") yield partial;
}

/**
 * Reads a byte stream in chunks; a read error becomes an InputError naming `what`. Callers stop
 * pulling when their output closes, and the stream is destroyed then.
 */
export async function* readChunks(stream: Readable | Iterable<Uint8Array>, what: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Uint8Array);
  } catch (e) {
    if (isSystemError(e)) throw new InputError(`cannot read ${what}: ${describeErrno(e)}`);
    throw e;
  }
}

/** Is the debugging switch on (`--debug` or ISAGEN_DEBUG=1)? */
export function debugWanted(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes("--debug") || (env.ISAGEN_DEBUG !== undefined && env.ISAGEN_DEBUG !== "" && env.ISAGEN_DEBUG !== "0");
}

/**
 * The top-level formatter: what a failure prints. Input errors (InputError, and errors from the
 * operating system about a file) are one line, `isagen <command>: <what>`; anything else is a
 * bug in isagen: `isagen: internal error: …` and a hint, and the stack trace only when debugging.
 */
export function describeFailure(e: unknown, command: string | undefined, debug: boolean): { lines: string[]; code: number } {
  const prefix = `isagen${command ? ` ${command}` : ""}`;
  if (e instanceof InputError) return { lines: [`${prefix}: ${escapeControl(e.message)}`], code: e.exitCode };
  if (isSystemError(e)) {
    const where = e.path !== undefined ? ` (${shown(e.path)})` : "";
    return { lines: [`${prefix}: cannot ${e.syscall}: ${describeErrno(e)}${where}`], code: 1 };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const first = escapeControl((err.message || err.name).split("\n")[0]);
  const lines = [`isagen: internal error${command ? ` in ${command}` : ""}: ${first}`];
  if (debug) lines.push(...(err.stack ?? String(err)).split("\n").map(escapeControl));
  else lines.push("isagen: this is a bug in isagen; run again with --debug (or ISAGEN_DEBUG=1) for the stack trace, and report it");
  return { lines, code: 70 };
}

