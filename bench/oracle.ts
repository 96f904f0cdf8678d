// The instruction oracle's longer sweep (issue 14): both ISAs with more cases per instruction
// and another seed, built and captured on the spot with Debian's cross gcc and QEMU
// (scripts/oracle.ts), then compared under every execution engine. Without the tools it runs the
// committed guests instead.
//
//   node --import tsx bench/oracle.ts [--cases N] [--seed S] [--engine interp|translate]
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
const only = args.includes("--engine") ? args[args.indexOf("--engine") + 1] : undefined;

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
    // Every engine (each case's slot is translated at its first entry; 2026-12-04, load 10:
    // ppc 22 s / 33 s CPU interpreted / translated for 368000 cases, mips 15 s / 43 s for 289000)
    for (const engine of ENGINES.filter((e) => !only || e === only)) {
      const t = Date.now();
      const c0 = process.cpuUsage();
      const run = await runGuest(arch, g.elf, engine, 40_000_000_000);
      const cpu = process.cpuUsage(c0);
      const r = compare(arch, g, run.output);
      console.log(
        formatTable([r], engine),
        `\n  ${((Date.now() - t) / 1000).toFixed(1)} s, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${run.kind}`,
      );
      if (r.mismatches.size) console.log(formatMismatches(r, 1));
      for (const [id, list] of r.deviations) {
        const broken = list.filter((x) => !x.holds).length;
        if (broken)
          console.log(
            `  QEMU deviation ${id}: ${broken} of ${list.length} cases break the manual's rule`,
          );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
