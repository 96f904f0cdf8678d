// Guest RAM access paths: what an aligned 32-bit guest load costs per byte order and method.
// Run: node --import tsx bench/memory.ts
// This is the measurement behind runtime/vmm/memory.ts's choice (typed arrays when the guest's
// byte order is the host's, DataView otherwise). Figures only; nothing passes or fails.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { GuestMemory, HOST_LITTLE_ENDIAN, type MemorySlot } from "../runtime/vmm/memory.ts";

const SIZE = 1 << 20; // 1 MiB: stays in cache, so this measures the access path, not memory
const N = SIZE >>> 2;

function bswap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

// Each variant is its own top-level function (not a closure in an object literal: V8 optimised
// those loops far worse here, 5 ns instead of 1 ns per load, which would measure the harness).
function hostOrder(s: MemorySlot): number {
  const a = s.i32;
  let x = 0;
  for (let i = 0; i < N; i++) x = (x + a[i]) | 0;
  return x;
}
function slotLoad32(s: MemorySlot): number {
  let x = 0;
  for (let off = 0; off < SIZE; off += 4) x = (x + s.load32(off)) | 0;
  return x;
}
function dataViewBE(s: MemorySlot): number {
  const v = s.view;
  let x = 0;
  for (let off = 0; off < SIZE; off += 4) x = (x + v.getInt32(off, false)) | 0;
  return x;
}
function dataViewLE(s: MemorySlot): number {
  const v = s.view;
  let x = 0;
  for (let off = 0; off < SIZE; off += 4) x = (x + v.getInt32(off, true)) | 0;
  return x;
}
function dataViewFlag(s: MemorySlot): number {
  const v = s.view;
  const le = s.littleEndian;
  let x = 0;
  for (let off = 0; off < SIZE; off += 4) x = (x + v.getInt32(off, le)) | 0;
  return x;
}
function int32Bswap(s: MemorySlot): number {
  const a = s.i32;
  let x = 0;
  for (let i = 0; i < N; i++) x = (x + bswap32(a[i])) | 0;
  return x;
}
function bytesBE(s: MemorySlot): number {
  const b = s.u8;
  let x = 0;
  for (let off = 0; off < SIZE; off += 4)
    x = (x + ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3])) | 0;
  return x;
}

const variants: [string, (s: MemorySlot) => number][] = [
  ["Int32Array index (host order)", hostOrder],
  ["slot.load32 (guest order)", slotLoad32],
  ["DataView getInt32 big-endian", dataViewBE],
  ["DataView getInt32 little-endian", dataViewLE],
  ["DataView getInt32, order from slot", dataViewFlag],
  ["Int32Array + bswap (big-endian)", int32Bswap],
  ["4 x Uint8Array bytes (big-endian)", bytesBE],
];

/** Best ns per load over several timed passes, in this process. */
function measure(slot: MemorySlot, fn: (s: MemorySlot) => number): number {
  let sink = fn(slot);
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const reps = 40;
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) sink ^= fn(slot);
    best = Math.min(best, (performance.now() - t0) / (reps * N));
  }
  if (sink === 0x7fffffff) console.log(""); // keep the result alive
  return best * 1e6;
}

function makeSlot(le: boolean): MemorySlot {
  const slot = new GuestMemory(le).addRam({ base: 0, size: SIZE });
  for (let i = 0; i < N; i++) slot.i32[i] = Math.imul(i, 0x9e3779b1);
  return slot;
}

// V8 landed identical loops at 1 ns or 5 ns per load from one process to the next. The slow band
// is on-stack-replacement code: with --no-concurrent-recompilation every run was 5 ns, with
// --no-use-osr every run was 1 ns. So the children run with --no-use-osr and measure code that
// was entered through a call. Lesson for the CPU cores: run the guest in slices (a function
// called again and again), not in one long loop entered once, or the hot loop may be OSR code.
// Each variant runs in fresh processes, one variant per process; the best is reported.
const [, , mode, which, order] = process.argv;
if (mode === "--one") {
  const fn = variants[Number(which)][1];
  process.stdout.write(String(measure(makeSlot(order === "le"), fn)));
} else {
  const PROCESSES = 3;
  const self = fileURLToPath(import.meta.url);
  for (const order of ["le", "be"]) {
    console.log(
      `${order === "le" ? "little" : "big"}-endian guest (host is ${HOST_LITTLE_ENDIAN ? "little" : "big"}-endian), best of ${PROCESSES} processes:`,
    );
    variants.forEach(([name], i) => {
      const runs: number[] = [];
      for (let p = 0; p < PROCESSES; p++) {
        const out = execFileSync(
          process.execPath,
          ["--no-use-osr", "--import", "tsx", self, "--one", String(i), order],
          { encoding: "utf8" },
        );
        runs.push(Number(out));
      }
      const best = Math.min(...runs);
      console.log(
        `  ${name.padEnd(36)} ${best.toFixed(2).padStart(6)} ns/load   (runs: ${runs.map((r) => r.toFixed(2)).join(", ")})`,
      );
    });
  }
}
