// A file a board loads into the guest (kernel, initrd, device tree): the name its messages use
// and a way to get its bytes. The CLI's are host paths (host-file.ts, node:fs); the browser's
// are bytes a page was given (the bundled guests, files the user picked). The boards take this,
// so nothing they import needs node: modules and the same runtime runs in a Web Worker.

export interface GuestFile {
  /** The path or file name, as messages show it. */
  readonly name: string;
  /** The bytes; throws (a Node error with a `code` for host files) when they cannot be read. */
  read(): Uint8Array;
}

/** Bytes already in memory. */
export function bytesFile(name: string, bytes: Uint8Array): GuestFile {
  return { name, read: () => bytes };
}

/** Why a read failed, in a few words ("no such file", "is a directory", or the error's code). */
export function readFailure(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === "ENOENT") return "no such file";
  if (err.code === "EISDIR") return "is a directory";
  return err.code ?? err.message ?? String(e);
}

/** The last component of a path or name (node's basename, for names that are not host paths too). */
export function baseName(name: string): string {
  const trimmed = name.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
