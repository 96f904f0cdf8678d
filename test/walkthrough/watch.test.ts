// `isagen gen --watch` on a temporary copy: a table edit regenerates and prints the summary; a
// runtime edit regenerates too (the docs say what the runtime implements).
import { spawn } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";

describe("gen --watch", () => {
  it("regenerates on table and runtime edits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-watch-"));
    for (const d of ["opcodes", "generator", "generated", "cli", "bin", "runtime"])
      cpSync(join(ROOT, d), join(dir, d), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
    cpSync(join(ROOT, "tsconfig.json"), join(dir, "tsconfig.json"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));

    const child = spawn(process.execPath, [join(dir, "bin", "isagen.cjs"), "gen", "--watch"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    // Node's recursive watch on Linux adds the subfolders' watchers as it walks them, so an edit
    // right after start-up can pass unseen: `again` repeats the edit every 5 s until it is seen.
    const waitFor = async (re: RegExp, from: number, again?: () => void) => {
      for (let i = 0; i < 600 && !re.test(out.slice(from)); i++) {
        if (again && i > 0 && i % 50 === 0) again();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(out.slice(from), `waiting for ${re}`).toMatch(re);
      return out.length;
    };
    try {
      let at = await waitFor(/watching .*opcodes and .*runtime/, 0);
      const table = join(dir, "opcodes", "ppc", "universal.yaml");
      const edited = readFileSync(table, "utf8").replace(
        /^instructions:\n/m,
        'instructions:\n  - popcntb: { bits: "011111 rs ra 00000 0001111010 0", asm: "ra,rs" }\n',
      );
      const edit = () => writeFileSync(table, edited);
      edit();
      at = await waitFor(/tables changed[\s\S]*\+ 1 added: popcntb[\s\S]*written/, at, edit);
      const touched = join(dir, "runtime", "boards", "bamboo", "board.ts");
      const touch = () => appendFileSync(touched, "\n// touched\n");
      touch();
      await waitFor(/runtime changed[\s\S]*(unchanged|written)/, at, touch);
    } finally {
      child.kill("SIGINT");
    }
  }, 120_000);
});
