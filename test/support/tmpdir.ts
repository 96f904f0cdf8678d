// vitest globalSetup: one temporary directory for the whole run, as TMPDIR for the test workers
// and everything they spawn (os.tmpdir() reads it), removed when the run ends. Tests make their
// scratch directories with mkdtempSync(join(tmpdir(), ...)) and need not remove them (13 test
// files did not, and /tmp held hundreds of their directories after a few runs).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "isagen-tests-"));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
