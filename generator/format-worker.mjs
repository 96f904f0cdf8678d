// Formats source text with prettier off the main thread (see gen.ts: formatAll).
import { parentPort } from "node:worker_threads";
import * as prettier from "prettier";

parentPort.on("message", async ({ id, text, options }) => {
  try {
    parentPort.postMessage({ id, out: await prettier.format(text, options) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e?.message ?? e) });
  }
});
