// The instruction oracle's longer sweep (issue 14): both ISAs with more cases per instruction
// and another seed, built and captured on the spot with Debian's cross gcc and QEMU
// (scripts/oracle.ts), then compared on the interpreter (npm test's oracle covers every engine).
// Without the tools it runs the committed guests instead.
//
//   node --import tsx bench/oracle.ts [--cases N] [--seed S]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, capture } from "../scripts/oracle.ts";
import { compare, formatMismatches, formatTable, loadGuest } from "../test/oracle/compare.ts";
import { ENGINES, runGuest } from "../test/oracle/engine.ts";
import { ARCHES } from "../test/oracle/model.ts";

const args = process.argv.slice(2);
const opt = (n: string, d: number) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const cases = opt("--cases", 1000);
const seed = opt("--seed", 0x1414);

function have(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

for (const arch of ARCHES) {
  const tools =
    arch === "ppc"
      ? ["powerpc-linux-gnu-gcc", "qemu-system-ppc"]
      : ["mipsel-linux-gnu-gcc", "qemu-system-mipsel"];
  const dir = mkdtempSync(join(tmpdir(), "oracle-sweep-"));
  try {
    let g;
    if (tools.every(have)) {
      build(arch, cases, seed, dir);
      await capture(arch, dir);
      g = loadGuest(arch, dir);
    } else {
      console.log(`${arch}: ${tools.join(" / ")} missing; sweeping the committed guest`);
      g = loadGuest(arch);
    }
    // The interpreter only: npm test's oracle runs every engine (200 cases each, every block
    // translated at its first entry); translating each of this sweep's run-once cases took 740 s
    // for the 440 (2026-12-04), too long for a bench.
    for (const engine of ENGINES.filter((e) => e === "interp")) {
      const t = Date.now();
      const run = await runGuest(arch, g.elf, engine, 20_000_000_000);
      const r = compare(arch, g, run.output);
      console.log(formatTable([r], engine), `\n  ${((Date.now() - t) / 1000).toFixed(1)} s`);
      if (r.mismatches.size) console.log(formatMismatches(r, 1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
