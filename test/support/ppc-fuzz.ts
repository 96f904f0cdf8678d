// A fuzzed 440 guest for the robustness test and the translator's whole-hypervisor test: 64 KiB
// of random words biased towards real encodings at 0x00100000, QEMU's boot state at a random
// word, random vectors and registers (a third of them pointing into the code), optionally in
// user state.
import { BambooVmm, qemuBootState } from "../../runtime/boards/bamboo/index.ts";
import { Ppc440Kvm, type Ppc440KvmOptions } from "../../runtime/ppc/kvm.ts";
import { xorshift } from "./random.ts";

/** Primary opcodes the 440 has (31 weighted up): the words' random fields do the rest. */
const PRIMARY = [
  7, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 31, 31, 31, 31, 32,
  33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 4, 17, 3,
];

export const FUZZ_BASE = 0x00100000;
export const FUZZ_WORDS = 16384;

export function fuzzedBamboo(
  seed: number,
  userMode: boolean,
  opts: Ppc440KvmOptions = {},
): { vmm: BambooVmm; kvm: Ppc440Kvm } {
  const rnd = xorshift(seed);
  const vmm = new BambooVmm({ ramBytes: 16 << 20 });
  const bytes = new Uint8Array(4 * FUZZ_WORDS);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < FUZZ_WORDS; i++) {
    const r = rnd();
    const w =
      r % 4 === 0 ? rnd() : ((PRIMARY[rnd() % PRIMARY.length] << 26) | (rnd() & 0x03ffffff)) >>> 0;
    dv.setUint32(4 * i, w);
  }
  vmm.memory.writeBytes(FUZZ_BASE, bytes);
  const kvm = new Ppc440Kvm(vmm, opts);
  qemuBootState(kvm, FUZZ_BASE + 4 * (rnd() % FUZZ_WORDS));
  kvm.ivpr = FUZZ_BASE;
  for (let i = 0; i < 16; i++) kvm.ivor[i] = (rnd() & 0xfff0) >>> 0;
  for (let i = 0; i < 32; i++)
    kvm.machine.gpr[i] = rnd() % 3 === 0 ? FUZZ_BASE + (rnd() & 0xfffc) : rnd() | 0;
  if (userMode) kvm.setMsr(0x4000);
  return { vmm, kvm };
}
