// Messages between the page and the guest's Web Worker (worker.ts).

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

export type ToWorker =
  | {
      t: "start";
      board: "malta" | "bamboo";
      ramBytes: number;
      kernel: FileBytes;
      initrd?: FileBytes;
      dtb?: FileBytes;
      cmdline?: string;
      /** Boot, then wait for "resume" before running (the page's "start paused"; the bench times
       *  the run from there). */
      hold?: boolean;
    }
  /** Keys typed in the terminal, for the console UART. */
  | { t: "input"; bytes: Uint8Array }
  | { t: "pause" }
  | { t: "resume" };

export interface Stats {
  /** Guest instructions so far. */
  icount: number;
  /** Milliseconds the guest has run (pauses and waits for input excluded). */
  runMs: number;
  /** Exits so far, and the counters as KVM's debugfs lists them. */
  exits: number;
  table: string;
  /** The vCPU's run loop has the generated dispatch compiled in (as in Node; slower without). */
  inlined: boolean;
}

export type FromWorker =
  | { t: "out"; bytes: Uint8Array<ArrayBuffer> }
  | ({ t: "stats"; state: "running" | "paused" | "waiting" } & Stats)
  /** The run ended: how (run-result.ts's report) and the exit status the CLI would give. */
  | ({ t: "end"; kind: string; status: number; message: string } & Stats)
  /** The guest could not be started (a bad file, a board that refuses it). */
  | { t: "error"; message: string };
