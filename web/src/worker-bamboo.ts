// The Bamboo (PowerPC 440) guest worker: worker-core.ts with bootBambooPpc.
import { bootBambooPpc } from "../../runtime/boards/bamboo/boot.ts";
import { DISPATCH_INLINED } from "../../runtime/ppc/machine.ts";
import { serveBoard } from "./worker-core.ts";

serveBoard((o) => {
  const b = bootBambooPpc(o);
  return b.ok ? { ok: true, value: { kvm: b.value.kvm, uart: b.value.vmm.uart0, inlined: DISPATCH_INLINED } } : b;
});
