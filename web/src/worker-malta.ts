// The Malta (MIPS32r2) guest worker: worker-core.ts with bootMaltaMips (Malta takes no dtb).
import { bootMaltaMips } from "../../runtime/boards/malta/boot.ts";
import { DISPATCH_INLINED } from "../../runtime/mips/machine.ts";
import { serveBoard } from "./worker-core.ts";

serveBoard(({ dtb: _dtb, ...o }) => {
  const b = bootMaltaMips(o);
  return b.ok ? { ok: true, value: { kvm: b.value.kvm, uart: b.value.vmm.uart, inlined: DISPATCH_INLINED } } : b;
});
