// QEMU beside isagen in the same run: the reference for guest speed. Wall time from spawning
// qemu-system-* until a marker appears on its console (then QEMU is stopped), or until it exits.
// When QEMU is not installed the caller is told so, and prints no ratio.
import { spawn, spawnSync } from "node:child_process";

export interface QemuTiming {
  seconds: number;
  /** The marker was seen (or the guest ended by itself when no marker is asked for). */
  ok: boolean;
}

/** Is `binary` on the PATH? */
export function haveQemu(binary: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${binary}`], { stdio: "ignore" }).status === 0;
}

/** Runs QEMU with `args` (-nographic implied) and times it to `marker` on stdout, or to exit. */
export function timeQemu(
  binary: string,
  args: string[],
  marker: string | undefined,
  timeoutMs = 120_000,
): Promise<QemuTiming> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(binary, [...args, "-nographic", "-no-reboot"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    let text = "";
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const seconds = (performance.now() - t0) / 1000;
      child.kill("SIGKILL");
      resolve({ seconds, ok });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (marker !== undefined && text.includes(marker)) finish(true);
      if (text.length > 1 << 20) text = text.slice(-4096);
    });
    child.on("exit", () => finish(marker === undefined));
    child.on("error", () => finish(false));
  });
}
