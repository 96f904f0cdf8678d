// Comparing a guest's console with QEMU's log of the same boot (test/guests/linux-*.test.ts).
/** Console text as lines: CR dropped (the tty's ONLCR), empty lines dropped, and with
 * `stripTimestamps` the printk times (`[    1.234567] `), which depend on the clock. */
export function consoleLines(text: string, opts: { stripTimestamps?: boolean } = {}): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/\r/g, ""))
    .map((l) => (opts.stripTimestamps ? l.replace(/^\[\s*\d+\.\d+\] /, "") : l))
    .filter((l) => l.length > 0);
}

/** The lines of `lines` found in `within`, each after the previous match (greedy), and the rest. */
export function matchInOrder(lines: string[], within: string[]): { matched: number; missing: string[] } {
  let at = 0;
  let matched = 0;
  const missing: string[] = [];
  for (const line of lines) {
    const k = within.indexOf(line, at);
    if (k < 0) missing.push(line);
    else {
      matched++;
      at = k + 1;
    }
  }
  return { matched, missing };
}
