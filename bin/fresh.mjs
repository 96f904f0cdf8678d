// Whether dist/ (scripts/build.mjs) holds the compiled CLI of exactly the sources on disk: every
// source that went into it still has the size and mtime recorded in dist/inputs.json, and Node
// and package.json are the same. Plain JavaScript: bin/isagen.mjs asks before anything loads.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** True when dist/ holds the compiled CLI of exactly the sources on disk. */
export function isFresh(root = ROOT) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(root, "dist", "inputs.json"), "utf8"));
  } catch {
    return false;
  }
  if (info.node !== process.versions.node) return false;
  try {
    const pkg = statSync(join(root, "package.json"));
    if (pkg.size !== info.package[0] || pkg.mtimeMs !== info.package[1]) return false;
    for (const [p, size, mtime] of info.inputs) {
      const s = statSync(join(root, p));
      if (s.size !== size || s.mtimeMs !== mtime) return false;
    }
  } catch {
    return false;
  }
  return true;
}

