// `isagen run --board bamboo` with the boot data options (--dtb, --initrd, --append): the
// device tree and initrd land where QEMU's bamboo puts them, and bad inputs are one-line errors.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addRunCommand } from "../../../cli/run.ts";
import { createBambooPpc } from "../../../runtime/boards/bamboo/index.ts";
import { findNode, parseFdt, readString, readU32Cells } from "../../../runtime/vmm/fdt.ts";
import { SHARED_GUESTS } from "../../support/shared.ts";

const HELLO = join(import.meta.dirname, "../../guests/ppc/hello.elf");
const DTB = `${SHARED_GUESTS}ppc440-bamboo/bamboo.dtb`;

async function run(args: string[]) {
  const err: string[] = [];
  const program = new Command().exitOverride();
  let code = -1;
  addRunCommand(program, { out: () => {}, err: (s) => err.push(s), uart: () => {}, setExitCode: (c) => (code = c) });
  await program.parseAsync(["node", "isagen", "run", "--board", "bamboo", "--kernel", HELLO, ...args]);
  return { code, err: err.join("\n") };
}

describe("isagen run --board bamboo boot data", () => {
  it("--initrd needs --dtb", async () => {
    const r = await run(["--initrd", HELLO]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("isagen run: --initrd needs --dtb: the kernel finds the initrd through the device tree");
  });

  it("a file that is not a device tree is named in the error", async () => {
    const r = await run(["--dtb", HELLO]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^isagen run: .*hello\.elf: device tree: bad magic 0x7f454c46/);
  });

  it("a missing initrd is named in the error", async () => {
    const r = await run(["--dtb", HELLO, "--initrd", "/nonexistent/initrd"]);
    expect(r.err).toBe("isagen run: cannot read the initrd: no such file (/nonexistent/initrd)");
  });

  it.skipIf(!existsSync(DTB))("loads the patched tree at 0x01800000 and the initrd at 0x01900000", () => {
    const dir = mkdtempSync(join(tmpdir(), "bamboo-"));
    writeFileSync(join(dir, "initrd"), new Uint8Array([1, 2, 3, 4, 5]));
    const b = createBambooPpc({ kernel: HELLO, dtb: DTB, initrd: join(dir, "initrd"), cmdline: "quiet", ramBytes: 64 << 20 });
    if (!b.ok) throw new Error(b.error);
    const mem = b.value.vmm.memory;
    expect([...mem.readBytes(0x01900000, 5)!]).toEqual([1, 2, 3, 4, 5]);
    const size = new DataView(mem.readBytes(0x01800004, 4)!.buffer).getUint32(0);
    const fdt = parseFdt(mem.readBytes(0x01800000, size)!);
    if (!fdt.ok) throw new Error(fdt.error);
    const chosen = findNode(fdt.value, "/chosen")!;
    expect(readString(chosen.prop("bootargs")!)).toBe("quiet");
    expect(readU32Cells(chosen.prop("linux,initrd-end")!)).toEqual([0x01900005]);
    expect(readU32Cells(findNode(fdt.value, "/memory")!.prop("reg")!)).toEqual([0, 0, 64 << 20]);
  });
});
