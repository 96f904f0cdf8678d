// Emits reference docs with handlebars: generated/<isa>/docs/index.md (tables and an opcode map)
// and one page per table (each entry's bit layout, operands, aliases, attributes).
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { describeMask } from "../bits.ts";
import type { Entry, Field, Isa } from "../model.ts";
import type { DecodeNode } from "../plan.ts";
import type { Segment } from "../template.ts";
import type { Coverage, Implementer } from "../coverage.ts";

const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), "..", "templates");
const compiled = new Map<string, Handlebars.TemplateDelegate>();
function template(name: string): Handlebars.TemplateDelegate {
  let t = compiled.get(name);
  if (!t) {
    t = Handlebars.compile(readFileSync(join(TEMPLATES, name), "utf8"), { noEscape: true, strict: true });
    compiled.set(name, t);
  }
  return t;
}

/** Markdown table cells cannot hold a bare '|'. */
const cell = (s: string) => s.replace(/\|/g, "\\|");

function bitLabel(isa: Isa, hi: number, lo: number): string {
  const msb0 = isa.bitOrder === "msb0";
  return hi === lo ? `${msb0 ? 31 - hi : hi}` : `${msb0 ? 31 - hi : hi}–${msb0 ? 31 - lo : lo}`;
}

/** Who bit b of the entry belongs to: an operand field, the fixed bits, or the ignored ones. */
function owner(e: Entry, b: number): { f?: Field; kind: "field" | "fixed" | "ignored" } {
  for (const f of e.operands) if ((f.mask >>> b) & 1) return { f, kind: "field" };
  if ((e.mask >>> b) & 1) return { kind: "fixed" };
  return { kind: "ignored" };
}

/** The entry's 32 bits from the most significant down: fixed runs, operand fields, ignored runs. */
function segments(isa: Isa, e: Entry): { bits: string; content: string }[] {
  const out: { bits: string; content: string }[] = [];
  for (let b = 31; b >= 0; ) {
    const o = owner(e, b);
    let lo = b;
    while (lo - 1 >= 0) {
      const n = owner(e, lo - 1);
      if (n.kind !== o.kind || n.f !== o.f) break;
      lo--;
    }
    let content: string;
    if (o.kind === "field") content = o.f!.pieces.length > 1 ? `${o.f!.name}*` : o.f!.name;
    else if (o.kind === "ignored") content = "/".repeat(Math.min(b - lo + 1, 5));
    else {
      content = "";
      for (let i = b; i >= lo; i--) content += (e.match >>> i) & 1;
    }
    out.push({ bits: bitLabel(isa, b, lo), content: o.kind === "fixed" ? `\`${content}\`` : content });
    b = lo - 1;
  }
  return out;
}

function segText(segs: Segment[]): string {
  return segs
    .map((s) => (s.k === "lit" ? s.text : s.k === "field" ? s.name : s.k === "expr" ? `{${s.src}}` : s.k === "group" ? `[${segText(s.items)}]` : "*"))
    .join("");
}

/** Who in runtime/ implements an entry: per implementer, the variants it covers when not all. */
function runtimeOf(e: Entry, cov: Coverage): { implemented: number; text: string } {
  const by = new Map<string, { who: Implementer; variants: string[] }>();
  let implemented = 0;
  for (const v of e.variants) {
    const list = cov.get(v.name) ?? [];
    if (list.length) implemented++;
    for (const who of list) {
      const slot = by.get(who.by) ?? { who, variants: [] };
      slot.variants.push(v.mnemonic);
      by.set(who.by, slot);
    }
  }
  const link = (w: Implementer) => {
    const file = `[${w.file.split("/").slice(-2).join("/")}](../../../${w.file})`;
    return `\`${w.by}\` (${file})`;
  };
  const parts = [...by.values()].map(({ who, variants }) =>
    variants.length === e.variants.length ? link(who) : `${link(who)} for ${variants.map((m) => `\`${m}\``).join(", ")}`,
  );
  const missing = e.variants.filter((v) => !(cov.get(v.name) ?? []).length).map((v) => `\`${v.mnemonic}\``);
  let text: string;
  if (implemented === 0) text = e.illegalOnCore ? "none; the core raises an illegal-instruction exception" : "**not implemented**";
  else text = `${parts.join("; ")}${missing.length ? `; **not implemented:** ${missing.join(", ")}` : ""}`;
  return { implemented, text };
}

const aliasesByEntry = new WeakMap<Isa, Map<string, Isa["aliases"]>>();

/** The ISA's aliases by the entry they are of, in table order. */
function aliasesOf(isa: Isa): Map<string, Isa["aliases"]> {
  let m = aliasesByEntry.get(isa);
  if (!m) {
    m = new Map();
    for (const a of isa.aliases) {
      const list = m.get(a.of);
      if (list) list.push(a);
      else m.set(a.of, [a]);
    }
    aliasesByEntry.set(isa, m);
  }
  return m;
}

function entryData(isa: Isa, e: Entry, cov: Coverage) {
  const attrs = [
    e.privileged ? "**Privileged**" : "",
    e.illegalOnCore ? "**Not implemented by the core** (illegal instruction)" : "",
    e.load ? `loads ${e.load} byte${e.load > 1 ? "s" : ""}${e.signed ? " (sign-extended)" : ""}` : "",
    e.store ? `stores ${e.store} byte${e.store > 1 ? "s" : ""}` : "",
    e.cop !== undefined ? `needs coprocessor ${e.cop} usable` : "",
    e.flags.length ? `flags: ${e.flags.join(", ")}` : "",
    e.dialects.join(",") !== "" ? `dialect ${e.dialects.join(", ")}` : "",
  ].filter(Boolean);
  return {
    key: e.key,
    summary: e.summary,
    mnemonic: e.mnemonic,
    mnemonics: e.variants.length > 1 ? e.variants.map((v) => `\`${v.mnemonic}\``).join(", ") : "",
    source: `${e.pos.file}:${e.pos.line}`,
    file: e.pos.file,
    line: e.pos.line,
    attrs: attrs.join("; "),
    runtime: runtimeOf(e, cov).text,
    segments: segments(isa, e),
    syntax: e.asmSrc,
    operands: e.operands.map((f) => ({
      name: f.name,
      bits: describeMask(f.mask, isa.bitOrder),
      how: [
        f.signed ? "signed" : "unsigned",
        f.shift ? `× ${2 ** f.shift}` : "",
        f.pieces.length > 1 ? `pieces ${f.pieces.map((p) => describeMask(((2 ** p.width - 1) * 2 ** p.lo) >>> 0, isa.bitOrder)).join(" then ")}` : "",
        e.varied.some((x) => x.field === f) ? `varies the mnemonic (${[...f.suffix!].map(([k, s]) => `${k}: "${s}"`).join(", ")})` : "",
      ]
        .filter(Boolean)
        .join(", "),
    })),
    aliases: (aliasesOf(isa).get(e.key) ?? [])
      .map((a) => ({ name: cell(a.nameSrc), when: a.whenSrc ? cell(a.whenSrc) : "", asm: cell(segText(a.asm)) })),
  };
}

/** Markdown chunks: the text before the first section, then one chunk per ## or ### section. */
export function mdChunks(md: string): string[] {
  return md.split(/\n(?=#{2,3} )/);
}

/**
 * One page per table, as Markdown chunks (see mdChunks): the page's head, then each entry's
 * section, rendered one at a time (one template call for a whole page of 100,000 entries costs
 * handlebars far more than the entries one by one). Pages come one at a time: a large ISA's
 * pages are tens of MB, and only the one being written is held.
 */
export function* emitTableDocs(isa: Isa, cov: Coverage): Generator<[string, string[]]> {
  const byTable = new Map<string, Entry[]>(isa.tables.map((t) => [t, []]));
  for (const e of isa.entries) byTable.get(e.table)?.push(e);
  const entry = template("table-entry.md.hbs");
  for (const table of isa.tables) {
    const entries = byTable.get(table)!;
    const dialects = [...new Set(entries.flatMap((e) => e.dialects))];
    const chunks = mdChunks(
      template("table.md.hbs")({
        isa: isa.name,
        table,
        count: entries.length,
        variantCount: entries.reduce((s, e) => s + e.variants.length, 0),
        dialects: dialects.join(", ") || "—",
        plural: dialects.length > 1,
        order: isa.bitOrder === "msb0" ? "MSB-0 (bit 0 is the most significant)" : "LSB-0 (bit 0 is the least significant)",
      }),
    );
    for (const e of entries) for (const c of mdChunks(entry(entryData(isa, e, cov)))) chunks.push(c);
    yield [`${basename(table, ".yaml")}.md`, chunks];
  }
}

function leaves(n: DecodeNode, acc = new Set<string>()): Set<string> {
  if (n.k === "leaf") {
    if (n.v) acc.add(n.v.entry.key);
  } else if (n.k === "test") {
    leaves(n.then, acc);
    leaves(n.else, acc);
  } else {
    n.cases.forEach((c) => leaves(c.node, acc));
    leaves(n.dflt, acc);
  }
  return acc;
}

export function emitIndexDoc(isa: Isa, tree: DecodeNode, cov: Coverage): string {
  const tables = isa.tables.map((t) => {
    const entries = isa.entries.filter((e) => e.table === t);
    const variants = entries.reduce((s, e) => s + e.variants.length, 0);
    const implemented = entries.reduce((s, e) => s + runtimeOf(e, cov).implemented, 0);
    return { file: t, page: `${basename(t, ".yaml")}.md`, entries: entries.length, variants, implemented };
  });
  let rows: { head: string; cells: string[] }[] = [];
  let colHeads: string[] = [];
  const extended: { title: string; bits: string; used: string }[] = [];
  let primaryBits = "—";
  if (tree.k === "switch") {
    const mask = ((2 ** tree.width - 1) * 2 ** tree.lo) >>> 0;
    primaryBits = describeMask(mask, isa.bitOrder);
    const cols = 2 ** Math.ceil(tree.width / 2);
    const nrows = 2 ** tree.width / cols;
    const bw = Math.ceil(tree.width / 2);
    colHeads = [...Array(cols).keys()].map((c) => `…${c.toString(2).padStart(bw, "0")}`);
    const byValue = new Map<number, DecodeNode>();
    for (const c of tree.cases) for (const v of c.values) byValue.set(v, c.node);
    rows = [...Array(nrows).keys()].map((r) => ({
      head: `${r.toString(2).padStart(tree.width - bw, "0")}…`,
      cells: [...Array(cols).keys()].map((c) => {
        const v = r * cols + c;
        const node = byValue.get(v) ?? tree.dflt;
        const names = [...leaves(node)];
        if (names.length === 0) return "—";
        const shown = names.slice(0, 3).join(", ");
        return `${v}: ${cell(shown)}${names.length > 3 ? ` (+${names.length - 3})` : ""}`;
      }),
    }));
    for (const v of [...byValue.keys()].sort((a, b) => a - b)) {
      const node = byValue.get(v)!;
      if (node.k !== "switch") continue;
      const sub = ((2 ** node.width - 1) * 2 ** node.lo) >>> 0;
      const used = node.cases.flatMap((c) => c.values.map((x) => `${x} (${[...leaves(c.node)].slice(0, 2).join(", ")})`));
      extended.push({ title: `Primary value ${v}`, bits: describeMask(sub, isa.bitOrder), used: used.join(", ") });
    }
  }
  return template("index.md.hbs")({
    isa: isa.name,
    doc: isa.doc ?? "",
    endian: isa.endian,
    dialects: isa.dialects.join(", "),
    variantCount: isa.variants.length,
    entryCount: isa.entries.length,
    aliasCount: isa.aliases.length,
    tables,
    primaryBits,
    colHeads,
    rows,
    extended,
  });
}
