// The MIPS Malta board as QEMU 7.2's `-M malta`: the board's wiring (board.ts: RAM, GT-64120 and
// PCI, the ISA devices behind the PIIX4, the FPGA and its UART) and the hand-over to a -kernel
// ELF with the vCPU's interrupt lines wired (boot.ts).

export {
  MALTA_BOOTROM_BASE,
  MALTA_BOOTROM_SIZE,
  MALTA_CPU_HZ,
  MALTA_ISA_IO_BASE,
  MALTA_REVISION,
  MALTA_RTC_EPOCH,
  MALTA_UART_PORT,
  MaltaVmm,
  type MaltaOptions,
} from "./board.ts";
export {
  bootMaltaMips,
  ENVP_VADDR,
  wireMaltaInterrupts,
  type MaltaBootOptions,
  type MaltaMips,
} from "./boot.ts";
export { createMaltaMips, type MaltaMipsOptions } from "./host.ts";
