// `isagen run --gdb tcp::1234 [--gdb-wait]`: the GDB stub (runtime/gdb/rsp.ts) on a TCP socket.
// One debugger at a time; when it disconnects, its breakpoints go and the guest runs on (as
// with QEMU's -gdb). --gdb-wait holds the guest at its first instruction until GDB continues it
// (QEMU's -S). The address is QEMU's form: tcp::PORT (this host, 127.0.0.1 here: a debugger can
// read and write the whole guest, so it is not offered to the network unless asked),
// tcp:HOST:PORT, or a bare PORT.

import { createServer, type Server, type Socket } from "node:net";
import { GdbStub } from "../runtime/gdb/rsp.ts";
import type { GdbTarget } from "../runtime/gdb/target.ts";

export interface GdbEndpoint {
  host: string;
  port: number;
}

/** Parses --gdb's argument; undefined when it is not one of the accepted forms. */
export function parseGdbAddress(spec: string): GdbEndpoint | undefined {
  const m = /^(?:tcp:([^:]*):)?(\d{1,5})$/.exec(spec.trim());
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port > 65535) return undefined;
  return { host: m[1] || "127.0.0.1", port };
}

export class GdbServer {
  readonly stub: GdbStub;
  private server: Server | null = null;
  private socket: Socket | null = null;

  constructor(target: GdbTarget, opts: { waitForDebugger: boolean }) {
    this.stub = new GdbStub(target, { waitForDebugger: opts.waitForDebugger });
  }

  /** Starts listening; resolves with the bound port (0 in the address: any free port). */
  listen(at: GdbEndpoint): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.connected(socket));
      server.once("error", reject);
      server.listen(at.port, at.host, () => {
        server.off("error", reject);
        const addr = server.address();
        resolve(typeof addr === "object" && addr ? addr.port : at.port);
      });
      this.server = server;
    });
  }

  private connected(socket: Socket): void {
    if (this.socket) {
      socket.end(); // one debugger at a time
      return;
    }
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setEncoding("latin1");
    this.stub.attach((s) => socket.write(s, "latin1"));
    socket.on("data", (d: string) => this.stub.receive(d));
    const gone = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stub.detach();
    };
    socket.on("close", gone);
    socket.on("error", gone);
  }

  close(): void {
    this.socket?.end();
    this.socket?.destroy();
    this.socket = null;
    this.server?.close();
    this.server = null;
  }
}
