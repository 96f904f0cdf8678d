// Where the founders' reference material sits: ../shared beside the checkout (read-only; may be
// missing on a machine that has only the repository, so tests that need it skip with a reason).
import { fileURLToPath } from "node:url";

/** ../shared/guests/, with a trailing slash: real Linux kernels, initrds and QEMU's console logs. */
export const SHARED_GUESTS = fileURLToPath(new URL("../../../shared/guests/", import.meta.url));
