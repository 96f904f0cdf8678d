// Debian's MIPS Malta kernel (../shared/guests/mips-malta) booted as QEMU boots it
// (`-M malta -m 256 -kernel … -initrd initrd.gz -append "console=ttyS0 panic=-1"`): our console,
// timestamps stripped, must reproduce QEMU's log lines in order as far as the boot gets, and
// the initrd's /init must print its marker and power the board off.
//
// The boot runs about 4·10^9 guest instructions (the kernel's own XZ decompression is 2·10^9 of
// them), 35-40 s on a 2-core machine; it runs with `npm test` (ISAGEN_LINUX_BOOT=0 leaves it
// out while iterating). It is skipped, with the reason, when the guest files are missing.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMaltaMips } from "../../runtime/boards/malta/index.ts";
import { ENGINES } from "../../runtime/core/engine.ts";
import { consoleLines, matchInOrder } from "../support/console.ts";
import { SHARED_GUESTS } from "../support/shared.ts";

const DIR = `${SHARED_GUESTS}mips-malta/`;
const KERNEL = DIR + "vmlinuz-6.1.0-50-4kc-malta";
const INITRD = DIR + "initrd.gz";
const QEMU_LOG = DIR + "qemu-console.log";
const haveGuest = existsSync(KERNEL) && existsSync(INITRD) && existsSync(QEMU_LOG);
const optedIn = process.env.ISAGEN_LINUX_BOOT !== "0";

/**
 * Lines QEMU printed that ours must reproduce in order (191 of our 200 lines matched when this
 * was written, the FPU's "FPU revision is: 00739300" among them; the rest differ for known
 * reasons listed in runtime/README.md: no VGA card, a different CPU clock and RTC time).
 */
const MIN_MATCHED_LINES = 191;

describe("Linux on Malta", () => {
  it("matches lines in order and skips what differs", () => {
    expect(matchInOrder(["a", "x", "c", "b"], ["a", "b", "c"])).toEqual({ matched: 2, missing: ["x", "b"] });
  });

  /** Instructions each engine retired to the power-off: time is exact, so they must agree. */
  const retired = new Map<string, number>();

  it.skipIf(!haveGuest || !optedIn).each(ENGINES)(
    `boots Debian's 4kc-malta kernel to userspace and powers off, engine %s${
      !haveGuest ? ` (skipped: ${DIR} is missing)` : !optedIn ? " (skipped: ISAGEN_LINUX_BOOT=0)" : ""
    }`,
    async (engine) => {
      const out: number[] = [];
      const built = createMaltaMips({
        kernel: KERNEL,
        initrd: INITRD,
        cmdline: "console=ttyS0 panic=-1",
        ramBytes: 256 * 1024 * 1024,
        uartSink: (b) => out.push(b),
        engine,
      });
      if (!built.ok) throw new Error(built.error);
      // In slices, so that the vitest worker stays responsive between them.
      let result = built.value.kvm.run(2e8);
      for (let limit = 4e8; result.kind === "budget" && limit <= 6e9; limit += 2e8) {
        await new Promise((r) => setImmediate(r));
        result = built.value.kvm.run(limit);
      }
      const console = Buffer.from(out).toString("latin1");
      const ours = consoleLines(console, { stripTimestamps: true });
      const qemu = consoleLines(readFileSync(QEMU_LOG, "latin1"), { stripTimestamps: true });
      const { matched, missing } = matchInOrder(ours, qemu);
      const last = ours[ours.length - 1] ?? "(nothing)";
      expect(matched, `last line: ${last}\nnot in QEMU's log:\n${missing.join("\n")}`).toBeGreaterThanOrEqual(
        MIN_MATCHED_LINES,
      );
      expect(console).toContain("GUEST-USERSPACE-OK mips cpu model\t\t: MIPS 24Kc V0.0  FPU V0.0");
      expect(ours[ours.length - 1]).toBe("reboot: Power down");
      expect(result.kind === "stopped" && result.cause).toBe("poweroff");
      retired.set(engine, result.instructions);
    },
    240_000,
  );

  it.skipIf(!haveGuest || !optedIn)("both engines retire the same instructions to the power-off", () => {
    expect(retired.size, "the boots above ran").toBe(ENGINES.length);
    expect(new Set(retired.values()).size, JSON.stringify([...retired])).toBe(1);
  });
});
