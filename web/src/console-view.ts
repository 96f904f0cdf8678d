// The guest console: the bundled bare-metal guests or Linux files the user picks (or drops),
// run in a Web Worker (worker.ts); an xterm.js terminal shows the UART and sends typed keys to
// it; guest MIPS and the exit counters update as it runs; pause, reset and the console log.
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import type { FileBytes, FromWorker, ToWorker } from "./protocol.ts";
import { ConsoleLog } from "./console-log.ts";
import { PacedWriter } from "./paced-writer.ts";
import bambooWorker from "virtual:isagen-worker/bamboo";
import maltaWorker from "virtual:isagen-worker/malta";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The bare-metal guests the tests run (test/guests/<arch>/*.elf), bundled as files. */
const GUESTS = {
  malta: import.meta.glob("../../test/guests/mips/*.elf", { query: "?url", import: "default", eager: true }) as Record<string, string>,
  bamboo: import.meta.glob("../../test/guests/ppc/*.elf", { query: "?url", import: "default", eager: true }) as Record<string, string>,
};
const LINUX = "linux (the files below)";

/** What the page shows of a run, for people and for the tests (window.isagenConsole). */
export interface ConsoleState {
  /** waiting: the guest idles until a key comes (its console driver listens, nothing else can wake it). */
  state: "idle" | "running" | "paused" | "waiting" | "ended" | "error";
  /** What the guest printed, as bytes (latin1 text): the last 16 MiB at least (console-log.ts). */
  log: string;
  icount: number;
  mips: number;
  /** guest MIPS over the whole run (instructions / running time). */
  avgMips: number;
  runMs: number;
  /** The vCPU runs with the generated dispatch compiled into its loop (runtime/<arch>/machine.ts). */
  inlined?: boolean;
  end?: { kind: string; status: number; message: string };
}

export class ConsoleView {
  private term = new Terminal({ convertEol: false, cols: 100, rows: 32, scrollback: 5000, fontSize: 13 });
  /** The guest's output to the terminal, paced (paced-writer.ts). */
  private out = new PacedWriter((b) => this.term.write(b));
  private worker?: Worker;
  /** The guest's output for the log download and `state.log` (console-log.ts). */
  private log = new ConsoleLog();
  private last = { icount: 0, runMs: 0 };
  readonly state: ConsoleState = { state: "idle", log: "", icount: 0, mips: 0, avgMips: 0, runMs: 0 };
  private files: { kernel?: File; initrd?: File; dtb?: File } = {};

  start(): void {
    this.term.open($("terminal"));
    this.term.onData((s) => {
      // xterm gives what the keys send as a string of UTF-16 units; the guest gets UTF-8 bytes.
      if (this.worker && (this.state.state === "running" || this.state.state === "waiting")) this.send({ t: "input", bytes: new TextEncoder().encode(s) });
    });
    $("board").addEventListener("change", () => this.fillGuests());
    this.fillGuests();
    $("start").addEventListener("click", () => void this.run());
    $("reset").addEventListener("click", () => void this.run());
    $("pause").addEventListener("click", () => this.pause());
    $("download").addEventListener("click", () => this.download());
    for (const k of ["kernel", "initrd", "dtb"] as const)
      $<HTMLInputElement>(`f-${k}`).addEventListener("change", (e) => {
        this.files[k] = (e.target as HTMLInputElement).files?.[0];
        this.linuxChosen();
      });
    const drop = $("linux");
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("drop");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("drop"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("drop");
      for (const f of e.dataTransfer?.files ?? []) {
        // Which file is which, by its name: device trees end in .dtb, initrds name themselves.
        if (/\.dtb$/i.test(f.name)) this.files.dtb = f;
        else if (/initr(d|amfs)|\.cpio/i.test(f.name)) this.files.initrd = f;
        else this.files.kernel = f;
      }
      this.linuxChosen();
    });
  }

  private linuxChosen(): void {
    $<HTMLSelectElement>("guest").value = LINUX;
    const names = Object.entries(this.files).map(([k, f]) => `${k}: ${f?.name}`);
    $("linux").title = names.join(", ");
  }

  private fillGuests(): void {
    const board = $<HTMLSelectElement>("board").value as "malta" | "bamboo";
    const names = Object.keys(GUESTS[board]).map((p) => p.replace(/^.*\//, "").replace(/\.elf$/, ""));
    $<HTMLSelectElement>("guest").innerHTML = [...names, LINUX].map((n) => `<option${n === "hello" ? " selected" : ""}>${n}</option>`).join("");
    $("f-dtb").parentElement!.hidden = board === "malta";
  }

  private send(m: ToWorker, transfer: Transferable[] = []): void {
    this.worker!.postMessage(m, transfer);
  }

  private async bytes(f: File): Promise<FileBytes> {
    return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
  }

  /** Starts the chosen guest (again, for Reset) in a fresh worker. */
  async run(): Promise<void> {
    this.worker?.terminate();
    this.out.clear();
    this.term.reset();
    this.log = new ConsoleLog();
    this.last = { icount: 0, runMs: 0 };
    Object.assign(this.state, { state: "running", log: "", icount: 0, mips: 0, avgMips: 0, runMs: 0, end: undefined });
    $("run-end").textContent = "";
    const board = $<HTMLSelectElement>("board").value as "malta" | "bamboo";
    const guest = $<HTMLSelectElement>("guest").value;
    const ramBytes = parseInt($<HTMLSelectElement>("mem").value, 10) * 1024 * 1024;
    let msg: Extract<ToWorker, { t: "start" }>;
    if (guest === LINUX) {
      if (!this.files.kernel) return this.fail("pick a kernel (and an initrd, and for Bamboo a device tree) first");
      msg = {
        t: "start",
        board,
        ramBytes,
        kernel: await this.bytes(this.files.kernel),
        initrd: this.files.initrd ? await this.bytes(this.files.initrd) : undefined,
        dtb: board === "bamboo" && this.files.dtb ? await this.bytes(this.files.dtb) : undefined,
        cmdline: $<HTMLInputElement>("cmdline").value,
      };
    } else {
      const url = Object.entries(GUESTS[board]).find(([p]) => p.endsWith(`/${guest}.elf`))![1];
      const res = await fetch(url);
      if (!res.ok) return this.fail(`${guest}.elf: ${res.status} ${res.statusText}`);
      msg = { t: "start", board, ramBytes, kernel: { name: `${guest}.elf`, bytes: new Uint8Array(await res.arrayBuffer()) } };
    }
    const hold = $<HTMLInputElement>("hold").checked;
    if (hold) msg.hold = true;
    this.worker = new Worker(board === "bamboo" ? bambooWorker : maltaWorker, { type: "module" });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
    this.worker.onerror = (e) => this.fail(`the worker failed: ${e.message}`);
    const transfer = [msg.kernel, msg.initrd, msg.dtb].filter((f): f is FileBytes => f !== undefined).map((f) => f.bytes.buffer);
    this.send(msg, transfer);
    this.setState("running");
    for (const id of ["pause", "reset", "download"]) $<HTMLButtonElement>(id).disabled = false;
    $("pause").textContent = hold ? "Resume" : "Pause";
    this.term.focus();
  }

  private fail(message: string): void {
    this.state.state = "error";
    this.state.end = { kind: "error", status: 1, message };
    $("run-end").textContent = message;
    this.setState("error");
  }

  private setState(s: ConsoleState["state"]): void {
    this.state.state = s;
    $("run-state").textContent = s;
    document.body.dataset.run = s;
  }

  private onMessage(m: FromWorker): void {
    switch (m.t) {
      case "out": {
        this.out.write(m.bytes);
        this.log.add(m.bytes);
        this.state.log = this.log.text;
        break;
      }
      case "stats":
      case "end": {
        const dI = m.icount - this.last.icount;
        const dT = m.runMs - this.last.runMs;
        if (dT > 0) this.state.mips = dI / dT / 1000;
        this.last = { icount: m.icount, runMs: m.runMs };
        this.state.icount = m.icount;
        this.state.runMs = m.runMs;
        this.state.inlined = m.inlined;
        this.state.avgMips = m.runMs > 0 ? m.icount / m.runMs / 1000 : 0;
        $("mips").textContent = this.state.mips.toFixed(1);
        $("icount").textContent = m.icount.toLocaleString("en");
        $("exits").textContent = m.exits.toLocaleString("en");
        $("exit-stats").textContent = m.table;
        if (m.t === "stats") this.setState(m.state);
        else {
          this.out.flush();
          this.state.end = { kind: m.kind, status: m.status, message: m.message };
          $("run-end").textContent = `${m.kind} (exit status ${m.status}): ${m.message}\naverage ${this.state.avgMips.toFixed(1)} guest MIPS`;
          this.setState("ended");
          $<HTMLButtonElement>("pause").disabled = true;
        }
        break;
      }
      case "error":
        this.fail(m.message);
        break;
    }
  }

  private pause(): void {
    if (!this.worker) return;
    if (this.state.state === "paused") {
      this.send({ t: "resume" });
      this.setState("running");
      $("pause").textContent = "Pause";
    } else if (this.state.state === "running" || this.state.state === "waiting") {
      this.send({ t: "pause" });
      $("pause").textContent = "Resume";
    }
  }

  private download(): void {
    const blob = new Blob(this.log.bytes(), { type: "text/plain" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "isagen-console.log";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
}
