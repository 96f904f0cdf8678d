// GDB's remote serial protocol (gdb/doc "Remote Protocol"), the target side, over a GdbTarget
// (target.ts). Transport-free: bytes come in through `receive`, replies go out through `send`;
// cli/gdb.ts puts it on a TCP socket. The guest's run loop (cli/session.ts) asks `gate()` before
// each slice and, while breakpoints, watchpoints or a single step are pending, runs the guest one
// instruction at a time through `runFine`.
//
// Packets: $data#checksum, acknowledged with + (until QStartNoAckMode); 0x03 outside a packet is
// GDB's Ctrl-C. Supported: ? g G p P m M X c C s S vCont (c, C, s, S for the one thread) D k
// H T qSupported qXfer:features:read (when the target has a description) qC qfThreadInfo
// qsThreadInfo qAttached QStartNoAckMode; Z0/Z1 (software and hardware breakpoints: both stop
// when the guest is about to execute the address, nothing is written into guest memory) and Z2
// (write watchpoints: the watched bytes are compared after each instruction; GDB reports the old
// and new values). Read and access watchpoints (Z3, Z4) are not supported (empty reply: GDB says
// so). Anything else gets the empty reply, which GDB takes as "not supported".

import { exitCode, type RunResult } from "../core/run-result.ts";
import { readVirtual, writeVirtual, type GdbTarget } from "./target.ts";

/** Why the guest is halted, as a stop reply. */
const SIGINT = 2;
const SIGTRAP = 5;

interface Watch {
  addr: number;
  len: number;
  last: Uint8Array | undefined;
}

export interface StopInfo {
  signal: number;
  /** Extra stop-reply fields, e.g. "swbreak:;" or "watch:1000;". */
  extra: string;
}

function hex2(n: number): string {
  return (n & 0xff).toString(16).padStart(2, "0");
}

function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += hex2(b);
  return s;
}

function fromHex(s: string): Uint8Array | undefined {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The checksum of a packet's data: the sum of its bytes modulo 256. */
export function checksum(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum = (sum + data.charCodeAt(i)) & 0xff;
  return sum;
}

/** A packet as sent on the wire, with $, #, the checksum, and #$}* escaped. */
export function framePacket(data: string): string {
  const esc = data.replace(/[#$}*]/g, (c) => "}" + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
  return `$${esc}#${hex2(checksum(esc))}`;
}

export class GdbStub {
  /** The guest may run (continue or step requested, or no debugger attached). */
  private running: boolean;
  private stepPending = false;
  private readonly breakpoints = new Set<number>();
  private watches: Watch[] = [];
  private lastStop: StopInfo = { signal: SIGTRAP, extra: "" };
  private noAck = false;
  private inbuf = "";
  private waiters: (() => void)[] = [];
  private killed = false;
  private send: ((s: string) => void) | null = null;
  /** Trace of packets for --trace-like debugging (tests). */
  onPacket?: (dir: "<" | ">", data: string) => void;

  constructor(
    readonly target: GdbTarget,
    opts: { waitForDebugger?: boolean } = {},
  ) {
    this.running = !opts.waitForDebugger;
  }

  /** A debugger connected: the guest halts (as QEMU stops the VM when GDB attaches). */
  attach(send: (s: string) => void): void {
    this.send = send;
    this.noAck = false;
    this.inbuf = "";
    if (this.running) this.halt({ signal: SIGTRAP, extra: "" }, false);
  }

  /** The debugger went away: breakpoints go and the guest runs on. */
  detach(): void {
    this.send = null;
    this.breakpoints.clear();
    this.watches = [];
    this.stepPending = false;
    this.resume();
  }

  get attached(): boolean {
    return this.send !== null;
  }

  // ---- the run loop's side (cli/session.ts Debugger) ------------------------------------------

  /** Resolves when the guest may run; "kill" once GDB has killed it. */
  gate(): Promise<"run" | "kill"> {
    if (this.killed) return Promise.resolve("kill");
    if (this.running) return Promise.resolve("run");
    return new Promise((resolve) => this.waiters.push(() => resolve(this.killed ? "kill" : "run")));
  }

  /** One instruction at a time: a single step is pending, or something must be checked after each. */
  get fine(): boolean {
    return this.stepPending || this.breakpoints.size > 0 || this.watches.length > 0;
  }

  /** Runs up to n instructions one by one, halting at a breakpoint, a watchpoint or after a step. */
  runFine(n: number): RunResult | undefined {
    const t = this.target;
    for (let i = 0; i < n && this.running; i++) {
      const r = t.step();
      if (r !== undefined) return r;
      if (this.stepPending) {
        this.stepPending = false;
        this.halt({ signal: SIGTRAP, extra: "" });
        return undefined;
      }
      if (this.breakpoints.has(t.pc)) {
        this.halt({ signal: SIGTRAP, extra: "swbreak:;" });
        return undefined;
      }
      for (const w of this.watches) {
        const now = readVirtual(t, w.addr, w.len);
        if (!same(now, w.last)) {
          w.last = now;
          this.halt({ signal: SIGTRAP, extra: `watch:${w.addr.toString(16)};` });
          return undefined;
        }
      }
    }
    return undefined;
  }

  /** The guest's run ended on its own: tell GDB (W: exited with a status). */
  ended(r: RunResult | { kind: "interrupted" }): void {
    if (r.kind === "interrupted") return;
    this.running = false;
    this.reply(`W${hex2(exitCode(r))}`);
  }

  private halt(stop: StopInfo, report = true): void {
    this.running = false;
    this.stepPending = false;
    this.lastStop = stop;
    if (report) this.reply(this.stopReply());
  }

  private resume(): void {
    this.running = true;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private stopReply(): string {
    return `T${hex2(this.lastStop.signal)}thread:01;${this.lastStop.extra}`;
  }

  // ---- the wire ----------------------------------------------------------------------------------

  /** Bytes from GDB. */
  receive(data: string): void {
    this.inbuf += data;
    for (;;) {
      // Ctrl-C and acknowledgements between packets.
      let i = 0;
      while (i < this.inbuf.length && this.inbuf[i] !== "$") {
        if (this.inbuf.charCodeAt(i) === 0x03 && this.running) this.halt({ signal: SIGINT, extra: "" });
        i++;
      }
      this.inbuf = this.inbuf.slice(i);
      const end = this.inbuf.indexOf("#");
      if (!this.inbuf.startsWith("$") || end < 0 || this.inbuf.length < end + 3) return;
      const body = this.inbuf.slice(1, end);
      const sum = parseInt(this.inbuf.slice(end + 1, end + 3), 16);
      this.inbuf = this.inbuf.slice(end + 3);
      if (!this.noAck) {
        if (sum !== checksum(body)) {
          this.raw("-");
          continue;
        }
        this.raw("+");
      }
      const packet = body.replace(/}(.)/gs, (_, c: string) => String.fromCharCode(c.charCodeAt(0) ^ 0x20));
      this.onPacket?.("<", packet);
      const answer = this.handle(packet);
      if (answer !== null) this.reply(answer);
    }
  }

  private raw(s: string): void {
    this.send?.(s);
  }

  private reply(data: string): void {
    this.onPacket?.(">", data);
    this.raw(framePacket(data));
  }

  // ---- commands --------------------------------------------------------------------------------

  /** The reply to one packet, or null when the reply comes later (c, s). */
  handle(p: string): string | null {
    const t = this.target;
    switch (p[0]) {
      case "?":
        return this.stopReply();
      case "g": {
        let s = "";
        t.regSizes.forEach((size, n) => (s += this.regHex(n, size)));
        return s;
      }
      case "G": {
        let off = 1;
        for (let n = 0; n < t.regSizes.length && off < p.length; n++) {
          const size = t.regSizes[n];
          const v = this.parseReg(p.slice(off, off + 2 * size));
          if (v !== undefined) t.writeReg(n, v);
          off += 2 * size;
        }
        return "OK";
      }
      case "p": {
        const n = parseInt(p.slice(1), 16);
        if (!(n >= 0 && n < t.regSizes.length)) return "E00";
        return this.regHex(n, t.regSizes[n]);
      }
      case "P": {
        const m = /^P([0-9a-fA-F]+)=([0-9a-fA-F]+)$/.exec(p);
        if (!m) return "E00";
        const n = parseInt(m[1], 16);
        if (!(n < t.regSizes.length)) return "E00";
        const v = this.parseReg(m[2].slice(0, 2 * t.regSizes[n]));
        return v !== undefined && t.writeReg(n, v) ? "OK" : "E00";
      }
      case "m": {
        const m = /^m([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(p);
        if (!m) return "E00";
        const len = Math.min(parseInt(m[2], 16), 0x4000);
        const bytes = readVirtual(t, parseInt(m[1], 16) >>> 0, len);
        return bytes ? toHex(bytes) : "E14";
      }
      case "M": {
        const m = /^M([0-9a-fA-F]+),([0-9a-fA-F]+):([0-9a-fA-F]*)$/.exec(p);
        const bytes = m && fromHex(m[3]);
        if (!m || !bytes || bytes.length !== parseInt(m[2], 16)) return "E00";
        return writeVirtual(t, parseInt(m[1], 16) >>> 0, bytes) ? "OK" : "E14";
      }
      case "X": {
        const m = /^X([0-9a-fA-F]+),([0-9a-fA-F]+):(.*)$/s.exec(p);
        if (!m) return "E00";
        const bytes = Uint8Array.from(m[3], (c) => c.charCodeAt(0) & 0xff);
        if (bytes.length !== parseInt(m[2], 16)) return "E00";
        return bytes.length === 0 || writeVirtual(t, parseInt(m[1], 16) >>> 0, bytes) ? "OK" : "E14";
      }
      case "c":
      case "C":
        return this.cont(false);
      case "s":
      case "S":
        return this.cont(true);
      case "D":
        this.breakpoints.clear();
        this.watches = [];
        this.stepPending = false;
        this.resume();
        return "OK";
      case "k":
        this.killed = true;
        this.resume();
        return null;
      case "H":
      case "T":
        return "OK";
      case "Z":
      case "z":
        return this.point(p);
      case "v":
        if (p === "vCont?") return "vCont;c;C;s;S";
        if (p.startsWith("vCont;")) {
          const action = p.slice(6).split(";")[0];
          return this.cont(action[0] === "s" || action[0] === "S");
        }
        if (p.startsWith("vKill")) {
          this.killed = true;
          this.resume();
          return "OK";
        }
        return "";
      case "q":
      case "Q":
        return this.query(p);
      default:
        return "";
    }
  }

  private cont(step: boolean): null {
    this.stepPending = step;
    // Watchpoints compare against the values at the time the guest resumes.
    for (const w of this.watches) w.last = readVirtual(this.target, w.addr, w.len);
    this.resume();
    return null;
  }

  private point(p: string): string {
    const m = /^([Zz])([0-4]),([0-9a-fA-F]+),([0-9a-fA-F]+)/.exec(p);
    if (!m) return "E00";
    const insert = m[1] === "Z";
    const type = Number(m[2]);
    const addr = parseInt(m[3], 16) >>> 0;
    const len = parseInt(m[4], 16);
    if (type <= 1) {
      if (insert) this.breakpoints.add(addr);
      else this.breakpoints.delete(addr);
      return "OK";
    }
    if (type !== 2) return ""; // read/access watchpoints: not supported
    if (insert) this.watches.push({ addr, len, last: readVirtual(this.target, addr, len) });
    else this.watches = this.watches.filter((w) => !(w.addr === addr && w.len === len));
    return "OK";
  }

  private query(p: string): string {
    const t = this.target;
    if (p.startsWith("qSupported"))
      return `PacketSize=4000;${t.targetXml ? "qXfer:features:read+;" : ""}swbreak+;hwbreak+;QStartNoAckMode+;vContSupported+`;
    if (p === "QStartNoAckMode") {
      this.noAck = true;
      return "OK";
    }
    if (p === "qC") return "QC01";
    if (p === "qfThreadInfo") return "m01";
    if (p === "qsThreadInfo") return "l";
    if (p.startsWith("qAttached")) return "1";
    const xfer = /^qXfer:features:read:([^:]+):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(p);
    if (xfer) {
      if (!t.targetXml || xfer[1] !== "target.xml") return "E00";
      const off = parseInt(xfer[2], 16);
      const len = parseInt(xfer[3], 16);
      const chunk = t.targetXml.slice(off, off + len);
      return (off + len >= t.targetXml.length ? "l" : "m") + chunk;
    }
    return "";
  }

  private regHex(n: number, size: number): string {
    let v = this.target.readReg(n);
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      bytes[this.target.bigEndian ? size - 1 - i : i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return toHex(bytes);
  }

  private parseReg(s: string): bigint | undefined {
    const bytes = fromHex(s);
    if (!bytes || bytes.length === 0 || /x/i.test(s)) return undefined;
    let v = 0n;
    const order = this.target.bigEndian ? bytes : bytes.slice().reverse();
    for (const b of order) v = (v << 8n) | BigInt(b);
    return v;
  }
}

function same(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
