// The checkout's root, for tests that read opcodes/, generated/ or run the CLI on a copy.
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
