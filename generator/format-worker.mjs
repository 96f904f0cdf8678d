// Formats chunks of generated code with prettier off the main thread (see format.ts). A batch
// is formatted as one text, its chunks separated by a boundary comment, then split again: one
// prettier call per batch instead of one per chunk.
import { parentPort } from "node:worker_threads";
import * as prettier from "prettier";
if (process.env.FMT_TRACE) console.error(`worker ready ${(performance.timeOrigin + performance.now() - Number(process.env.FMT_T0)).toFixed(0)}`);

const T0 = performance.timeOrigin;
parentPort.on("message", async ({ texts, boundary, options }) => {
  const t0 = performance.now();
  try {
    const sep = `\n\n${boundary}\n\n`;
    let outs;
    if (texts.length > 1) {
      const parts = (await prettier.format(texts.join(sep), options)).split(`\n${boundary}\n`);
      if (parts.length === texts.length) outs = parts.map((p) => p.trim());
    }
    // One chunk, or the boundaries did not survive: one call per chunk.
    outs ??= await Promise.all(texts.map(async (t) => (await prettier.format(t, options)).trim()));
    if (process.env.FMT_TRACE) console.error(`batch ${options.parser} ${texts.length} chunks ${texts.reduce((a, t) => a + t.length, 0)} chars ${(performance.now() - t0).toFixed(0)} ms, start ${(T0 + t0 - Number(process.env.FMT_T0)).toFixed(0)}`);
    parentPort.postMessage({ outs });
  } catch (e) {
    parentPort.postMessage({ error: String(e?.message ?? e) });
  }
});
