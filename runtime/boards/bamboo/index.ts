// The PowerPC 440EP Bamboo board as QEMU 7.2's `-M bamboo`: the board's wiring (board.ts: RAM,
// UARTs, UIC0, PCI host, DCRs), the hand-over to a -kernel ELF (boot.ts) and the device-tree
// patching QEMU does before it (dtb.ts).

export { ENGINES, type Engine } from "../../core/engine.ts";
export { BAMBOO_UART0_BASE, BAMBOO_UART1_BASE, BambooVmm, type BambooOptions } from "./board.ts";
export { bootBambooPpc, qemuBootState, type BambooBootOptions, type BambooPpc } from "./boot.ts";
export { createBambooPpc, type BambooPpcOptions } from "./host.ts";
export {
  BAMBOO_CLOCK_HZ,
  BAMBOO_FDT_ADDR,
  BAMBOO_INITRD_ADDR,
  patchBambooDtb,
  type BambooDtbPatch,
} from "./dtb.ts";
