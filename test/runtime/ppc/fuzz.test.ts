// Robustness: random instruction words and random jumps never crash the host. Every run ends in
// a RunResult (stopped, fatal with a one-line message, or budget), whatever the guest does to
// its TLB, MSR, vectors or the devices.
import { describe, expect, it } from "vitest";
import { BambooVmm, qemuBootState } from "../../../runtime/boards/bamboo/index.ts";
import { Ppc440Kvm } from "../../../runtime/ppc/kvm.ts";
import { xorshift } from "../../support/random.ts";

// Words biased towards real encodings: primary opcodes the 440 has, with random fields.
const PRIMARY = [7, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 31, 31, 31, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 4, 17, 3];

function fuzzRun(seed: number, userMode: boolean) {
  const rnd = xorshift(seed);
  const vmm = new BambooVmm({ ramBytes: 16 << 20 });
  const n = 16384;
  const bytes = new Uint8Array(4 * n);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const w = r % 4 === 0 ? rnd() : ((PRIMARY[rnd() % PRIMARY.length] << 26) | (rnd() & 0x03ffffff)) >>> 0;
    dv.setUint32(4 * i, w);
  }
  vmm.memory.writeBytes(0x00100000, bytes);
  const kvm = new Ppc440Kvm(vmm);
  qemuBootState(kvm, 0x00100000 + 4 * (rnd() % n));
  kvm.ivpr = 0x00100000;
  for (let i = 0; i < 16; i++) kvm.ivor[i] = (rnd() & 0xfff0) >>> 0;
  for (let i = 0; i < 32; i++) kvm.machine.gpr[i] = rnd() % 3 === 0 ? 0x00100000 + (rnd() & 0xfffc) : rnd() | 0;
  if (userMode) kvm.setMsr(0x4000);
  return kvm.run(200_000);
}

describe("fuzzed 440 guests never crash the host", () => {
  for (let seed = 1; seed <= 24; seed++) {
    it(`seed ${seed}${seed % 3 === 0 ? " (user state)" : ""}`, () => {
      const r = fuzzRun(seed * 7919, seed % 3 === 0);
      expect(["stopped", "fatal", "stalled", "budget"]).toContain(r.kind);
      if (r.kind === "fatal" || r.kind === "stalled") expect(r.message).not.toMatch(/\n/);
    });
  }
});
