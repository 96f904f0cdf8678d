// Host paths as guest files (guest-file.ts), for the CLI, the tests and the benchmarks. The only
// runtime module that reads the host's file system; the browser build never imports it.

import { readFileSync } from "node:fs";
import type { GuestFile } from "./guest-file.ts";

/** A path on the host, read when the board loads it. */
export function hostFile(path: string): GuestFile {
  return { name: path, read: () => readFileSync(path) };
}

/** A path, or a guest file given as is. */
export function toGuestFile(f: string | GuestFile): GuestFile {
  return typeof f === "string" ? hostFile(f) : f;
}
