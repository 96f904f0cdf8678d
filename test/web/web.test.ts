// The browser front end (web/, issue 16) end to end: the site as `npm run build:web` builds it,
// served on 127.0.0.1 and driven in Debian's headless chromium through playwright-core.
// - Explorer: 7c0802a6 is `mflr r0` (GNU objdump's text), its entry and alias; `addiu sp,sp,-32`
//   assembles for mips32r2 to 27bdffe0 (GNU as's word); an xxd dump disassembles as a listing.
// - Console: each board's hello guest prints exactly QEMU's output (test/guests/<arch>/
//   hello.expected, as the runtime's guest tests check) in the worker, and ends by its reset;
//   started paused, it runs nothing until Resume.
// - Bamboo Linux from ../shared/guests/ppc440-bamboo (files picked as a user picks them) boots to
//   GUEST-SHELL-READY; `uname -m` typed into the terminal answers `ppc`; pause and resume.
// With ISAGEN_SCREENSHOTS=1 the run writes the screenshots the README shows
// (docs/web-explorer.png, docs/web-console.png); otherwise it takes them into a temporary folder,
// so that a test run leaves the tree as it was.
// Skipped, with the reason, without /usr/bin/chromium (.ci/run installs Debian's package).
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ROOT } from "../support/root.ts";
import { SHARED_GUESTS } from "../support/shared.ts";
import { buildSite, CHROMIUM, chromiumPresent, DIST, launch, serve } from "./support.ts";

const B = `${SHARED_GUESTS}ppc440-bamboo`;
const LINUX = { kernel: `${B}/vmlinux-6.1.192-bamboo`, initrd: `${B}/initrd-shell.gz`, dtb: `${B}/bamboo.dtb` };
const linuxPresent = Object.values(LINUX).every((f) => existsSync(f));
const DOCS =
  process.env.ISAGEN_SCREENSHOTS === "1"
    ? join(ROOT, "docs")
    : mkdtempSync(join(tmpdir(), "isagen-shots-"));

interface ConsoleState {
  state: string;
  log: string;
  icount: number;
  avgMips: number;
  inlined?: boolean;
  end?: { kind: string; status: number; message: string };
}

/** The page's globals, as the functions run in the page read them (the tests compile without the DOM's types). */
interface Page_ {
  isagenConsole: ConsoleState;
  document: {
    querySelector(s: string): { textContent: string | null } | null;
    querySelectorAll(s: string): { length: number };
    getElementById(id: string): { value: string };
  };
}

const consoleState = (page: Page) => page.evaluate(() => (globalThis as unknown as Page_).isagenConsole);

describe.skipIf(!chromiumPresent)(`the web front end in headless chromium (skipped without ${CHROMIUM}: apt-get install chromium)`, () => {
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildSite();
    site = await serve(DIST);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(site.url);
    await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("decodes 7c0802a6 as mflr r0, with its entry, alias, register and fields", async () => {
    await page.fill("#hex", "7c0802a6");
    await page.waitForFunction(() => (globalThis as unknown as Page_).document.querySelector("#listing .text")?.textContent === "mflr    r0");
    expect(await page.textContent("#d-text")).toBe("mflr r0");
    expect(await page.textContent("#d-mnemonic")).toContain("mfspr");
    expect(await page.textContent("#d-source")).toMatch(/^opcodes\/ppc\/universal\.yaml:\d+$/);
    expect(await page.textContent("#d-alias")).toContain("holds → printed");
    expect(await page.textContent("#d-reg")).toBe("spr 8 (lr), not privileged");
    expect(await page.textContent("#d-bits")).toContain("spr=8");
    expect(await page.textContent("#d-explain")).toContain("decision path:");
    expect(await page.textContent("#d-doc")).toContain("Move from Special-Purpose Register");
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, "web-explorer.png") });
    // The entry's link opens its table at that line.
    await page.click("#d-source");
    await page.waitForSelector("#yaml-hl");
    expect(await page.textContent("#yaml-hl")).toContain("mfspr");
    await page.click("#yaml-close");
    expect(pageErrors).toEqual([]);
  });

  it("disassembles a pasted hex dump as a listing from its address", async () => {
    await page.fill("#hex", "00001000: 7c08 02a6 3860 0005  ||...8`..|\n00001008: 4e80 0020            N.. ");
    await page.waitForFunction(() => (globalThis as unknown as Page_).document.querySelectorAll("#listing tr").length === 3);
    const rows = await page.$$eval("#listing tr", (trs) => trs.map((tr) => [...(tr as unknown as { cells: { textContent: string }[] }).cells].map((td) => td.textContent).join(" ")));
    expect(rows).toEqual(["1000: 7c0802a6 mflr    r0", "1004: 38600005 li      r3,5", "1008: 4e800020 blr"]);
  });

  it("assembles addiu sp,sp,-32 for mips32r2", async () => {
    await page.fill("#base", "0");
    await page.selectOption("#isa", "mips32r2");
    await page.waitForSelector("body[data-isa='mips32r2']");
    await page.fill("#asm", "addiu sp,sp,-32");
    await page.waitForFunction(() => (globalThis as unknown as Page_).document.getElementById("hex").value === "27bdffe0", null, { timeout: 5_000 });
    expect(await page.textContent("#d-mnemonic")).toContain("addiu");
    // Big-endian words are written the other way round, as `isagen asm --endian big` prints them.
    await page.selectOption("#endian", "big");
    await page.waitForFunction(() => (globalThis as unknown as Page_).document.getElementById("hex").value === "e0ffbd27");
    await page.selectOption("#endian", "");
  });

  for (const [board, arch] of [["bamboo", "ppc"], ["malta", "mips"]] as const) {
    it(`runs the ${board} hello guest in a worker: QEMU's output, then its reset`, async () => {
      await page.click("#tab-console");
      await page.selectOption("#board", board);
      await page.selectOption("#guest", "hello");
      await page.selectOption("#mem", "64M"); // QEMU's default, which the expected output shows
      await page.click("#start");
      await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "ended", null, { timeout: 30_000 });
      const s = await consoleState(page);
      expect(s.log).toBe(readFileSync(join(ROOT, `test/guests/${arch}/hello.expected`), "latin1"));
      expect(s.end).toMatchObject({ kind: "stopped", status: 0 });
      expect(s.inlined, "the vCPU runs its compiled loop in the worker too").toBe(true);
      expect(await page.textContent("#icount")).toBe(s.icount.toLocaleString("en"));
    });
  }

  it("starts paused when asked: the guest boots and runs nothing until Resume", async () => {
    await page.click("#tab-console");
    await page.selectOption("#board", "malta");
    await page.selectOption("#guest", "hello");
    await page.check("#hold");
    await page.click("#start");
    await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "paused", null, { timeout: 30_000 });
    await page.waitForTimeout(300);
    expect(await consoleState(page)).toMatchObject({ state: "paused", icount: 0, log: "" });
    expect(await page.textContent("#pause")).toBe("Resume");
    await page.click("#pause");
    await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "ended", null, { timeout: 30_000 });
    expect((await consoleState(page)).log).toBe(readFileSync(join(ROOT, "test/guests/mips/hello.expected"), "latin1"));
    await page.uncheck("#hold");
  });

  it.skipIf(!linuxPresent)(`boots Bamboo Linux to its shell and answers uname -m (skipped without ${LINUX.initrd})`, async () => {
    await page.click("#tab-console");
    await page.selectOption("#board", "bamboo");
    await page.selectOption("#mem", "256M");
    await page.setInputFiles("#f-kernel", LINUX.kernel);
    await page.setInputFiles("#f-initrd", LINUX.initrd);
    await page.setInputFiles("#f-dtb", LINUX.dtb);
    expect(await page.inputValue("#guest")).toBe("linux (the files below)");
    await page.click("#start");
    const ready = () => (globalThis as unknown as Page_).isagenConsole.log.includes("GUEST-SHELL-READY");
    await page.waitForFunction(ready, null, { timeout: 90_000 });
    // The page answers while the guest runs: its thread is not the guest's.
    const t0 = Date.now();
    await page.evaluate(() => 1 + 1);
    expect(Date.now() - t0).toBeLessThan(1_000);
    await page.click("#terminal");
    await page.keyboard.type("uname -m\r", { delay: 20 });
    await page.waitForFunction(() => /uname -m\r?\n(\r?\n)?ppc\r?\n/.test((globalThis as unknown as Page_).isagenConsole.log), null, { timeout: 30_000 });
    await page.keyboard.type("echo hi-$((40+2))\r", { delay: 20 });
    await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.log.includes("\nhi-42"), null, { timeout: 30_000 });
    const s = await consoleState(page);
    expect(["running", "waiting"]).toContain(s.state);
    expect(s.log).toContain("Linux version 6.1.192");
    expect(Number((await page.textContent("#mips"))!)).toBeGreaterThan(0);
    expect(await page.textContent("#exit-stats")).toMatch(/\w+\s+\d+/);
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, "web-console.png") });
    // Pause stops the guest's clock; Resume goes on.
    await page.click("#pause");
    await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "paused");
    const at = (await consoleState(page)).icount;
    await page.waitForTimeout(300);
    expect((await consoleState(page)).icount).toBe(at);
    await page.click("#pause");
    await page.click("#terminal");
    await page.keyboard.type("echo again\r", { delay: 20 });
    await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.log.includes("\nagain"), null, { timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
