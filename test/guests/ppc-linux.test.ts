// The real Linux 6.1 kernel for the PowerPC 440 Bamboo (../shared/guests/ppc440-bamboo) booted as
// QEMU 7.2 boots it (`-M bamboo -m 256 -kernel vmlinux -initrd initrd.gz -append "console=ttyS0
// panic=-1"`, QEMU's bamboo.dtb): our console must reproduce QEMU's log, line by line and in
// order, up to the userspace marker and the halt.
//
// Lines are compared exactly (no masking is needed: the timebase counts instructions, so nothing
// printed depends on host time). A QEMU line we do not print is skipped, and the number of QEMU
// lines matched in order is asserted, so a regression that loses lines fails. Two of QEMU's 117
// lines are not matched: QEMU's own last line (its timeout) and one that moves: "workingset: …" is printed while the initramfs unpacks asynchronously, on one
// side or the other of "Trying to unpack rootfs image as initramfs..." depending on timing.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createBambooPpc, ENGINES } from "../../runtime/boards/bamboo/index.ts";
import { consoleLines, matchInOrder } from "../support/console.ts";
import { SHARED_GUESTS } from "../support/shared.ts";

const G = `${SHARED_GUESTS}ppc440-bamboo`;
const KERNEL = `${G}/vmlinux-6.1.192-bamboo`;
const present = existsSync(KERNEL);
/** Enough for the boot to halt (it needs about 63 million). */
const BUDGET = 150_000_000;

describe.skipIf(!present).each(ENGINES)(
  `Linux on Bamboo (skipped without ${G}), engine %s`,
  (engine) => {
    it("prints QEMU's console log up to GUEST-USERSPACE-OK and the halt", () => {
      const bytes: number[] = [];
      const built = createBambooPpc({
        kernel: KERNEL,
        dtb: `${G}/bamboo.dtb`,
        initrd: `${G}/initrd.gz`,
        cmdline: "console=ttyS0 panic=-1",
        ramBytes: 256 << 20,
        uartSink: (b) => bytes.push(b),
        engine,
      });
      if (!built.ok) throw new Error(built.error);
      const { kvm } = built.value;
      // The kernel ends in machine_hang (wrteei 0; b .): the guest has hung, and the run says so.
      const result = kvm.run(BUDGET);
      expect(result).toMatchObject({ kind: "stalled" });
      expect(result.kind === "stalled" && result.message).toMatch(
        /spins at 0x[0-9a-f]{8} \(b \.\) where no interrupt can reach it/,
      );
      // Both sides end lines with CR LF (the console and the tty's ONLCR): compared without CR.
      const ours = consoleLines(Buffer.from(bytes).toString("latin1"));
      const qemu = consoleLines(readFileSync(`${G}/qemu-console.log`, "latin1"));
      expect(ours.find((l) => l.startsWith("GUEST-USERSPACE-OK"))).toBe(
        "GUEST-USERSPACE-OK ppc 6.1.192 | cpu\t\t: 440EP Rev. B",
      );
      const { matched } = matchInOrder(qemu, ours);
      // All 117 but QEMU's timeout line and the "workingset" line (out of order, see the header).
      expect(matched).toBeGreaterThanOrEqual(115);
    }, 60_000);
  },
);
