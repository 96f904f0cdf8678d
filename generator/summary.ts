// What changed in an ISA between two generations: instructions added, removed, re-encoded,
// aliases added or removed. Each generation leaves a manifest (generated/<isa>/manifest.json)
// that the next run compares against.
import { bitPicture } from "./bits.ts";
import type { Isa } from "./model.ts";

export interface Manifest {
  isa: string;
  instructions: Record<string, { entry: string; encoding: string; source: string }>;
  aliases: string[];
}

export function manifestOf(isa: Isa): Manifest {
  const instructions: Manifest["instructions"] = {};
  for (const v of isa.variants)
    instructions[v.mnemonic] = { entry: v.entry.key, encoding: bitPicture(v.mask, v.match), source: v.entry.pos.file };
  const aliases = isa.aliases.map((a) => `${a.nameSrc} = ${a.of}${a.whenSrc ? ` when ${a.whenSrc}` : ""}${a.asm.length ? ` → ${aliasAsm(a)}` : ""}`);
  return { isa: isa.name, instructions, aliases: [...new Set(aliases)].sort() };
}

function aliasAsm(a: Isa["aliases"][number]): string {
  return a.asm.map((s) => (s.k === "lit" ? s.text : s.k === "field" ? s.name : s.k === "expr" ? `{${s.src}}` : "[…]")).join("");
}

export interface IsaChanges {
  isa: string;
  added: string[];
  removed: string[];
  reencoded: { mnemonic: string; from: string; to: string }[];
  aliasesAdded: string[];
  aliasesRemoved: string[];
  /** No earlier manifest: everything is new. */
  fresh: boolean;
}

export function compareManifests(before: Manifest | undefined, after: Manifest): IsaChanges {
  const b = before?.instructions ?? {};
  const a = after.instructions;
  const ba = new Set(before?.aliases ?? []);
  const aa = new Set(after.aliases);
  return {
    isa: after.isa,
    fresh: before === undefined,
    added: Object.keys(a).filter((m) => !(m in b)),
    removed: Object.keys(b).filter((m) => !(m in a)),
    reencoded: Object.keys(a)
      .filter((m) => m in b && b[m].encoding !== a[m].encoding)
      .map((m) => ({ mnemonic: m, from: b[m].encoding, to: a[m].encoding })),
    aliasesAdded: [...aa].filter((x) => !ba.has(x)),
    aliasesRemoved: [...ba].filter((x) => !aa.has(x)),
  };
}

export function hasChanges(c: IsaChanges): boolean {
  return c.added.length + c.removed.length + c.reencoded.length + c.aliasesAdded.length + c.aliasesRemoved.length > 0;
}

const LIMIT = 12;

function list(xs: string[]): string {
  return xs.length > LIMIT ? `${xs.slice(0, LIMIT).join(", ")} … (+${xs.length - LIMIT})` : xs.join(", ");
}

/** Short human summary; `color` adds ANSI colors (for a TTY). */
export function formatChanges(c: IsaChanges, color: boolean): string[] {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  if (c.fresh) return [`${c.isa}: new ISA, ${c.added.length} instructions`];
  if (!hasChanges(c)) return [`${c.isa}: no instruction changes`];
  const out = [`${c.isa}:`];
  if (c.added.length) out.push(paint("32", `  + ${c.added.length} added: ${list(c.added)}`));
  if (c.removed.length) out.push(paint("31", `  - ${c.removed.length} removed: ${list(c.removed)}`));
  for (const r of c.reencoded.slice(0, LIMIT)) out.push(paint("33", `  ~ ${r.mnemonic} re-encoded: ${r.from} → ${r.to}`));
  if (c.reencoded.length > LIMIT) out.push(paint("33", `  ~ … ${c.reencoded.length - LIMIT} more re-encoded`));
  if (c.aliasesAdded.length) out.push(paint("32", `  + ${c.aliasesAdded.length} alias${c.aliasesAdded.length > 1 ? "es" : ""} added: ${list(c.aliasesAdded)}`));
  if (c.aliasesRemoved.length)
    out.push(paint("31", `  - ${c.aliasesRemoved.length} alias${c.aliasesRemoved.length > 1 ? "es" : ""} removed: ${list(c.aliasesRemoved)}`));
  return out;
}
