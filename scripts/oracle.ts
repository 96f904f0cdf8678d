// The instruction oracle's guests and QEMU's answers (issue 14; test/oracle/).
//
//   node --import tsx scripts/oracle.ts build ppc|mips [--cases N] [--seed S] [--out DIR]
//   node --import tsx scripts/oracle.ts capture ppc|mips [--out DIR]
//
// build: generates N cases per executable instruction from the tables (test/oracle/model.ts),
// packs them into oracle-cases.bin and links test/guests/<arch>/oracle.{c,S} with the guests'
// start-up code, using the same Debian cross gcc and flags as scripts/build-guests.sh, into
// DIR/oracle.elf.gz (default: test/guests/<arch>/, 200 cases, the committed seed).
// capture: runs DIR/oracle.elf.gz under Debian's QEMU as scripts/capture-expected.sh runs the
// guests (-M malta / -M bamboo, -m 64, -nographic, -no-reboot), twice at once (the runs must
// agree), checks the output ends with "done", and writes DIR/oracle.expected.gz.
// Both gzip with -n so that a rebuild of the same inputs is byte for byte the same file.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  type Arch,
  elfSymbol,
  generateCases,
  guestPaths,
  packCases,
  WINDOW,
  WINDOW_BYTES,
} from "../test/oracle/model.ts";

export const DEFAULT_CASES = 200;
export const DEFAULT_SEED = 0x14;

const FLAGS = {
  mips: {
    triple: "mipsel-linux-gnu",
    cflags:
      "-march=mips32r2 -EL -mno-abicalls -fno-pic -G0 -O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-asynchronous-unwind-tables -mno-check-zero-division -msoft-float -Wa,-mno-fix-loongson3-llsc -Wall -Werror -I.",
    ldflags: "-nostdlib -static -T common/guest.ld -Wl,--build-id=none -Wl,-z,max-page-size=0x1000",
  },
  ppc: {
    triple: "powerpc-linux-gnu",
    cflags:
      "-mcpu=440 -mbig-endian -msoft-float -msdata=none -G0 -O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-asynchronous-unwind-tables -fno-pic -Wall -Werror -I.",
    ldflags:
      "-nostdlib -static -no-pie -T common/guest.ld -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments",
  },
};

function gzip(file: string) {
  execFileSync("gzip", ["-9", "-n", "-f", file]);
}

export function build(arch: Arch, perInsn: number, seed: number, outDir: string) {
  const { dir } = guestPaths(arch);
  const tmp = mkdtempSync(join(tmpdir(), "oracle-"));
  try {
    const cases = generateCases(arch, perInsn, seed);
    writeFileSync(join(tmp, "oracle-cases.bin"), packCases(cases));
    const { triple, cflags, ldflags } = FLAGS[arch];
    const cc = `${triple}-gcc`;
    const objs: string[] = [];
    for (const src of [
      "common/start.S",
      "common/lib.c",
      "../common/print.c",
      "oracle.c",
      "oracle.S",
    ]) {
      const obj = join(tmp, src.replace(/[/.]/g, "_") + ".o");
      execFileSync(cc, [...cflags.split(" "), `-Wa,-I,${tmp}`, "-c", "-o", obj, src], {
        cwd: dir,
        stdio: "inherit",
      });
      objs.push(obj);
    }
    const elf = join(outDir, "oracle.elf");
    execFileSync(cc, [...cflags.split(" "), ...ldflags.split(" "), "-o", elf, ...objs, "-lgcc"], {
      cwd: dir,
      stdio: "inherit",
    });
    // The memory window must lie outside the image (code, case list, data, stack): a case list
    // grown over it is overwritten by the cases' own window contents.
    const image = readFileSync(elf);
    const lo = (elfSymbol(image, "_start") & ~0xfffff) >>> 0;
    const hi = elfSymbol(image, "_stack_top");
    const w = WINDOW[arch];
    if (w + WINDOW_BYTES > lo && w < hi)
      throw new Error(
        `the image (${lo.toString(16)}-${hi.toString(16)}) overlaps the memory window at ${w.toString(16)}: fewer cases`,
      );
    gzip(elf);
    console.log(`built ${elf}.gz: ${cases.length} cases`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** One QEMU run of `elf`: its console output. QEMU 7.2 does not always exit after the ppc oracle
 * guest's DBCR0 reset (the short guests and the oracle with a few cases per instruction do; the
 * full one has hung after "done" until killed): the run ends when the output ends with "done\n"
 * and QEMU has not exited a few seconds later, or at the timeout. */
function qemuRun(qemu: string, board: string, elf: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = spawn(qemu, ["-M", board, "-m", "64", "-nographic", "-no-reboot", "-kernel", elf], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let tail = "";
    let grace: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      p.kill("SIGKILL");
    }, CAPTURE_TIMEOUT_S * 1000);
    p.stdout.on("data", (b: Buffer) => {
      out.push(b);
      tail = (tail + b.toString("latin1")).slice(-5);
      if (tail === "done\n" && !grace) grace = setTimeout(() => p.kill("SIGKILL"), 5000);
    });
    p.stderr.on("data", (b: Buffer) => err.push(b));
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timeout);
      if (grace) clearTimeout(grace);
      const stdout = Buffer.concat(out);
      const stderr = Buffer.concat(err).toString();
      if (timedOut) reject(new Error(`${qemu} timed out after ${CAPTURE_TIMEOUT_S} s`));
      else if (code !== 0 && !stdout.toString("latin1").endsWith("done\n"))
        reject(new Error(`${qemu} exited with ${code}: ${stderr}`));
      else if (stderr.length && !/terminating on signal/.test(stderr))
        reject(new Error(`${qemu} wrote to stderr: ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Timeout of one QEMU run (a loaded machine took over 120 s for the 1000-case ppc sweep). */
const CAPTURE_TIMEOUT_S = 1800;

export async function capture(arch: Arch, outDir: string) {
  const tmp = mkdtempSync(join(tmpdir(), "oracle-"));
  try {
    const elf = join(tmp, "oracle.elf");
    writeFileSync(elf, gunzipSync(readFileSync(join(outDir, "oracle.elf.gz"))));
    const [qemu, board] =
      arch === "mips" ? ["qemu-system-mipsel", "malta"] : ["qemu-system-ppc", "bamboo"];
    // two runs at once (they must agree: output that depends on timing is caught here)
    const runs = await Promise.all([qemuRun(qemu, board, elf), qemuRun(qemu, board, elf)]);
    if (!runs[0].equals(runs[1]))
      throw new Error("two QEMU runs disagree (timing-dependent output)");
    if (!runs[0].toString("latin1").endsWith("done\n"))
      throw new Error("output does not end with 'done'");
    const out = join(outDir, "oracle.expected");
    writeFileSync(out, runs[0]);
    gzip(out);
    console.log(`captured ${out}.gz (${runs[0].length} bytes)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, arch, ...rest] = process.argv.slice(2);
  const opt = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if ((cmd !== "build" && cmd !== "capture") || (arch !== "ppc" && arch !== "mips")) {
    console.error(
      "usage: scripts/oracle.ts build|capture ppc|mips [--cases N] [--seed S] [--out DIR]",
    );
    process.exit(2);
  }
  const outDir = opt("--out") ?? guestPaths(arch).dir;
  if (cmd === "build")
    build(
      arch,
      Number(opt("--cases") ?? DEFAULT_CASES),
      Number(opt("--seed") ?? DEFAULT_SEED),
      outDir,
    );
  else await capture(arch, outDir);
}
