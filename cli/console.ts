// The guest's serial console on the host: stdin to the board's console UART, with QEMU's
// -nographic conventions when stdin is a terminal.
//
// On a TTY the terminal goes to raw mode (every key, Ctrl-C included, goes to the guest, as with
// QEMU -nographic) and Ctrl-A starts an escape, as in QEMU's serial mux (chardev/char-mux.c):
//   Ctrl-A x       quit (the run ends as "terminated", exit status 0, as QEMU's "QEMU: Terminated")
//   Ctrl-A h / ?   list the escape keys
//   Ctrl-A s       print the exit statistics (QEMU: save disk data; there are no disks here)
//   Ctrl-A Ctrl-A  send Ctrl-A to the guest
// Any other key after Ctrl-A is dropped. Raw mode is libuv's: input is raw, output keeps ONLCR, so
// messages need no CR. The terminal's mode is restored when the run ends, on
// SIGINT/SIGTERM and when the process exits for any reason (Node also resets it at exit).
//
// From a pipe or a file, bytes go to the guest as they come, with no escapes.
//
// Delivery: bytes wait here until the guest's driver listens, i.e. the UART's received-data
// interrupt is enabled (IER.ERBFI; Linux's 8250 driver sets it when the tty is opened, after its
// FIFO resets). Bytes sent earlier would be dropped by those resets (QEMU feeds its UART as soon
// as there is room, and loses them the same way). From then on the UART takes them as its FIFO
// has room (Uart16550.receive and its host queue), with the interrupts the 16550 raises.

import type { Readable } from "node:stream";
import { IER_RDI, type Uart16550 } from "../runtime/devices/uart16550.ts";

export const CTRL_A = 0x01;

export const ESCAPE_HELP = [
  "C-a h    print this help",
  "C-a x    exit emulator",
  "C-a s    print the exit statistics",
  "C-a C-a  sends C-a",
];

/** What stdin needs to be for the console: a readable byte stream, maybe a TTY. */
export type ConsoleStream = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export interface ConsoleHooks {
  /** Ctrl-A x. */
  quit(): void;
  /** Ctrl-A s. */
  stats(): void;
  /** Text for the user (help), on the controlling terminal. */
  message(text: string): void;
}

/** Splits raw terminal input into guest bytes and escape commands (QEMU's mux state machine). */
export class EscapeDecoder {
  private pending = false;

  constructor(private readonly hooks: ConsoleHooks) {}

  /** Returns the bytes for the guest; runs the commands it finds. */
  feed(bytes: Uint8Array): number[] {
    const out: number[] = [];
    for (const b of bytes) {
      if (!this.pending) {
        if (b === CTRL_A) this.pending = true;
        else out.push(b);
        continue;
      }
      this.pending = false;
      switch (b) {
        case CTRL_A:
          out.push(CTRL_A);
          break;
        case 0x78: // x
        case 0x58:
          this.hooks.quit();
          return out; // what follows is not for the guest
        case 0x68: // h
        case 0x48:
        case 0x3f: // ?
          this.hooks.message(ESCAPE_HELP.join("\n"));
          break;
        case 0x73: // s
        case 0x53:
          this.hooks.stats();
          break;
        default:
          break; // unknown escapes are dropped, as QEMU does
      }
    }
    return out;
  }
}

/** The console input: stdin → the UART, and the terminal's mode. */
export class ConsoleInput {
  /** Host bytes not yet handed to the UART. */
  private readonly queue: number[] = [];
  /** stdin ended (or failed): no more input will come. */
  eof = false;
  private raw = false;
  private closed = false;
  private waiters: (() => void)[] = [];
  private readonly decoder: EscapeDecoder | null;
  private readonly onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    const forGuest = this.decoder ? this.decoder.feed(bytes) : bytes;
    for (const b of forGuest) this.queue.push(b);
    this.wake();
  };
  private readonly onEnd = () => {
    this.eof = true;
    this.wake();
  };
  private readonly restoreAtExit = () => this.restoreTerminal();

  constructor(
    private readonly stream: ConsoleStream,
    hooks: ConsoleHooks,
  ) {
    this.interactive = stream.isTTY === true && typeof stream.setRawMode === "function";
    this.decoder = this.interactive ? new EscapeDecoder(hooks) : null;
  }

  /** stdin is a terminal: raw mode and escape keys. */
  readonly interactive: boolean;

  start(): void {
    if (this.interactive) {
      this.stream.setRawMode!(true);
      this.raw = true;
      process.on("exit", this.restoreAtExit);
    }
    this.stream.on("data", this.onData);
    this.stream.on("end", this.onEnd);
    this.stream.on("error", this.onEnd);
    this.stream.resume();
  }

  /** Bytes waiting for the guest. */
  get pending(): number {
    return this.queue.length;
  }

  /** True while more input may reach the guest (queued bytes, or stdin still open). */
  get live(): boolean {
    return !this.closed && (this.queue.length > 0 || !this.eof);
  }

  /**
   * Hands queued bytes to the UART once its driver listens (IER.ERBFI set). The UART keeps them
   * in its host queue and moves them into its FIFO as it has room, raising its interrupts.
   */
  pump(uart: Uart16550): void {
    if (this.queue.length === 0 || (uart.ier & IER_RDI) === 0) return;
    uart.receive(this.queue.splice(0));
  }

  /** Resolves when input arrives or stdin ends (at once if either already happened). */
  waitForInput(): Promise<void> {
    if (this.queue.length > 0 || this.eof || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Back to cooked mode (idempotent). */
  restoreTerminal(): void {
    if (!this.raw) return;
    this.raw = false;
    try {
      this.stream.setRawMode!(false);
    } catch {
      /* the terminal is gone */
    }
  }

  /** Stops reading stdin and restores the terminal; the process can then exit. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.restoreTerminal();
    process.off("exit", this.restoreAtExit);
    this.stream.off("data", this.onData);
    this.stream.off("end", this.onEnd);
    this.stream.off("error", this.onEnd);
    this.stream.pause();
    // A pipe or TTY handle would keep the event loop (and the process) alive.
    (this.stream as { unref?: () => void }).unref?.();
    if (this.stream === process.stdin) this.stream.destroy();
    this.wake();
  }
}
