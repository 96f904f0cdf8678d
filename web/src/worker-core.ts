// The guest's Web Worker: the board and hypervisor of runtime/ (the same code `isagen run`
// runs), the session loop of runtime/core/session.ts in slices, the UART's output posted to
// the page after every slice and the page's keys queued for the console UART. The page stays
// responsive since none of this runs on its thread. One worker script per board
// (worker-bamboo.ts, worker-malta.ts), each with only its board's code: see vite.config.ts.
import { describeRunResult, exitCode } from "../../runtime/core/run-result.ts";
import { describeInterrupted, Session, type ConsoleSource, type RunnableGuest, type SessionResult } from "../../runtime/core/session.ts";
import { IER_RDI, type Uart16550 } from "../../runtime/devices/uart16550.ts";
import { bytesFile, type GuestFile } from "../../runtime/vmm/guest-file.ts";
import type { Result } from "../../runtime/vmm/elf.ts";
import type { FromWorker, Stats, ToWorker } from "./protocol.ts";

/** A board's start: its guest, its console UART and whether its vCPU runs the compiled loop. */
export type BootBoard = (opts: {
  ramBytes: number;
  uartSink: (b: number) => void;
  cmdline?: string;
  kernel: GuestFile;
  initrd?: GuestFile;
  dtb?: GuestFile;
}) => Result<{ kvm: RunnableGuest; uart: Uart16550; inlined: boolean }>;

let boot: BootBoard;

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

/** The page's keys, waiting for the guest's console driver (as cli/console.ts does with stdin). */
class PageInput implements ConsoleSource {
  private queue: number[] = [];
  private waiters: (() => void)[] = [];
  readonly eof = false;
  get pending(): number {
    return this.queue.length;
  }
  push(bytes: Uint8Array): void {
    for (const b of bytes) this.queue.push(b);
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  pump(uart: Uart16550): void {
    if (this.queue.length === 0 || (uart.ier & IER_RDI) === 0) return;
    uart.receive(this.queue.splice(0));
  }
  /** Called when the session waits for input: the guest idles until a key comes. */
  onWait: () => void = () => {};
  waitForInput(): Promise<void> {
    if (this.queue.length > 0) return Promise.resolve();
    this.onWait();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

let kvm: RunnableGuest | undefined;
let inlined = false;
let uart: Uart16550 | undefined;
let session: Session | undefined;
let paused = false;
let resume: (() => void) | undefined;
const input = new PageInput();
input.onWait = () => {
  if (kvm) post({ t: "stats", state: "waiting", ...stats() });
};
let out: number[] = [];
let runMs = 0;
let sliceStart = 0;
let lastStats = 0;

function flush(): void {
  if (out.length === 0) return;
  const bytes = Uint8Array.from(out);
  out = [];
  post({ t: "out", bytes }, [bytes.buffer]);
}

function stats(): Stats {
  const k = kvm!;
  return { icount: k.icount, runMs, exits: k.stats.total, table: k.stats.format(), inlined };
}

async function start(m: Extract<ToWorker, { t: "start" }>): Promise<void> {
  const common = { ramBytes: m.ramBytes, uartSink: (b: number) => out.push(b), cmdline: m.cmdline };
  const file = (f?: { name: string; bytes: Uint8Array }) => (f ? bytesFile(f.name, f.bytes) : undefined);
  try {
    const b = boot({ ...common, kernel: file(m.kernel)!, initrd: file(m.initrd), dtb: file(m.dtb) });
    if (!b.ok) return post({ t: "error", message: b.error });
    ({ kvm, uart, inlined } = b.value);
  } catch (e) {
    return post({ t: "error", message: (e as Error).message });
  }
  if (m.hold) {
    paused = true;
    post({ t: "stats", state: "paused", ...stats() });
    await new Promise<void>((r) => (resume = r));
  }
  void loop();
}

async function loop(): Promise<void> {
  const k = kvm!;
  let result: SessionResult;
  for (;;) {
    session = new Session(k);
    sliceStart = performance.now();
    result = await session.run({
      maxInsns: Infinity,
      console: { input, uart: uart! },
      afterSlice: () => {
        const now = performance.now();
        runMs += now - sliceStart;
        sliceStart = now;
        flush();
        if (now - lastStats > 250) {
          lastStats = now;
          post({ t: "stats", state: "running", ...stats() });
        }
      },
    });
    flush();
    if (result.kind === "interrupted" && paused) {
      post({ t: "stats", state: "paused", ...stats() });
      await new Promise<void>((r) => (resume = r));
      continue;
    }
    break;
  }
  const format = (e: Parameters<typeof k.stats.formatRecord>[0]) => k.stats.formatRecord(e);
  const message = result.kind === "interrupted" ? describeInterrupted(result, format) : describeRunResult(result, format);
  post({ t: "end", kind: result.kind, status: result.kind === "interrupted" ? result.status : exitCode(result), message, ...stats() });
}

/** Serves the page's messages with this board. */
export function serveBoard(b: BootBoard): void {
  boot = b;
  self.onmessage = onMessage;
}

function onMessage(e: MessageEvent<ToWorker>): void {
  const m = e.data;
  switch (m.t) {
    case "start":
      void start(m);
      break;
    case "input":
      input.push(m.bytes);
      break;
    case "pause":
      if (!paused && session) {
        paused = true;
        session.requestStop("pause", 0);
      }
      break;
    case "resume":
      if (paused) {
        paused = false;
        resume?.();
      }
      break;
  }
}
