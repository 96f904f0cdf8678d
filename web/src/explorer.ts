// The instruction explorer: hex words (or a pasted dump) and assembly, each kept in step with
// the other as you type; for the selected word its disassembly, table entry, field picture,
// decode path, alias, privilege, register names and docs section. Everything comes from the
// generated modules (decoder, disassembler, info, privilege) and the generator's explain and
// assemble run on the table model built at build time (vite.config.ts).
import { INFO_OF, loadGenerated, loadModel, type Loaded } from "./isa.ts";
import { assemble, AsmError } from "../../generator/assemble.ts";
import { explain } from "../../generator/explain.ts";
import { walk } from "../../generator/plan.ts";
import type { Field } from "../../generator/model.ts";
import { bswap, parseHex } from "./hexdump.ts";
import { renderMarkdown } from "./markdown.ts";

type IsaName = "ppc440" | "mips32r2";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const hex8 = (w: number) => (w >>> 0).toString(16).padStart(8, "0");
/** The mnemonic padded as objdump's listings (and `isagen disasm`) print it. */
const pretty = (text: string) => {
  const sp = text.indexOf(" ");
  return sp < 0 ? text : text.slice(0, sp).padEnd(7) + " " + text.slice(sp + 1);
};

const DOCS = import.meta.glob("../../generated/*/docs/*.md", { query: "?raw", import: "default" }) as Record<string, () => Promise<string>>;
const TABLES = import.meta.glob("../../opcodes/**/*.yaml", { query: "?raw", import: "default" }) as Record<string, () => Promise<string>>;

const COLOURS = ["#f4a261", "#8ecae6", "#b5e48c", "#f7b2bd", "#cdb4db", "#ffd166", "#90dbf4", "#a3c4bc", "#e9c46a", "#bde0fe"];

interface Row {
  pc: number;
  w: number;
}

export class Explorer {
  private isa: IsaName = "ppc440";
  private loaded?: Loaded;
  private rows: Row[] = [];
  private selected = 0;
  private timer = 0;
  /** The box typed in last: the other follows it, also when the ISA or byte order changes. */
  private leader: "hex" | "asm" = "hex";

  async start(): Promise<void> {
    $("isa").addEventListener("change", () => this.switchIsa());
    $("endian").addEventListener("change", () => this.update());
    $("base").addEventListener("input", () => this.later(() => this.update()));
    $("hex").addEventListener("input", () => {
      this.leader = "hex";
      this.later(() => this.update());
    });
    $("asm").addEventListener("input", () => {
      this.leader = "asm";
      this.later(() => this.update());
    });
    $("yaml-close").addEventListener("click", () => ($("yaml-view").hidden = true));
    $("details").addEventListener("click", (e) => {
      const a = (e.target as HTMLElement).closest("a[data-source]");
      if (a) {
        e.preventDefault();
        void this.showYaml(a.getAttribute("data-source")!);
      }
    });
    await this.switchIsa();
  }

  private later(f: () => void): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(f, 60);
  }

  private async switchIsa(): Promise<void> {
    this.isa = ($("isa") as HTMLSelectElement).value as IsaName;
    this.loaded = undefined;
    delete document.body.dataset.isa;
    $("model-state").textContent = `loading ${this.isa}…`;
    this.loaded = { g: await loadGenerated(this.isa), ...(await loadModel(this.isa)) };
    $("model-state").textContent = `${this.isa}: ${this.loaded.model.variants.length} mnemonics from ${this.loaded.model.tables.join(", ")}`;
    document.body.dataset.isa = this.isa;
    this.update();
  }

  private update(): void {
    if (this.leader === "hex") this.fromHex();
    else this.fromAsm();
  }

  /** The words are written in the other byte order than the ISA's (the CLI's --endian). */
  private swapped(): boolean {
    const e = ($("endian") as HTMLSelectElement).value;
    return e !== "" && e !== this.loaded!.g.ISA.endian;
  }

  private littleEndian(): boolean {
    const e = ($("endian") as HTMLSelectElement).value || this.loaded!.g.ISA.endian;
    return e === "little";
  }

  private base(): number | undefined {
    const t = ($("base") as HTMLInputElement).value.trim();
    if (!/^(0x)?[0-9a-f]{1,8}$/i.test(t)) return undefined;
    return parseInt(t.replace(/^0x/i, ""), 16) >>> 0;
  }

  private fromHex(): void {
    if (!this.loaded) return;
    const parsed = parseHex(($("hex") as HTMLTextAreaElement).value, this.swapped(), this.littleEndian());
    const problems = [...parsed.problems];
    if (parsed.base !== undefined) ($("base") as HTMLInputElement).value = "0x" + parsed.base.toString(16);
    const base = parsed.base ?? this.base();
    if (base === undefined) problems.push("base: expected a hex address");
    this.rows = parsed.words.map((w, i) => ({ pc: ((base ?? 0) + 4 * i) >>> 0, w }));
    ($("asm") as HTMLTextAreaElement).value = this.rows.map((r) => this.loaded!.g.disassemble(r.w, r.pc)).join("\n");
    this.show(problems);
  }

  private fromAsm(): void {
    if (!this.loaded) return;
    const { g, model } = this.loaded;
    const problems: string[] = [];
    const base = this.base();
    if (base === undefined) problems.push("base: expected a hex address");
    this.rows = [];
    const lines = ($("asm") as HTMLTextAreaElement).value.split("\n");
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      const pc = ((base ?? 0) + 4 * this.rows.length) >>> 0;
      try {
        this.rows.push({ pc, w: assemble(model, line.trim(), pc, g.disassemble) >>> 0 });
      } catch (e) {
        if (!(e instanceof AsmError)) throw e;
        problems.push(`line ${i + 1}: ${e.message}`);
      }
    });
    ($("hex") as HTMLTextAreaElement).value = this.rows.map((r) => hex8(this.swapped() ? bswap(r.w) : r.w)).join("\n");
    this.show(problems);
  }

  private show(problems: string[]): void {
    $("problems").textContent = problems.join("\n");
    if (this.selected >= this.rows.length) this.selected = 0;
    const { g } = this.loaded!;
    const body = $("listing").querySelector("tbody")!;
    body.innerHTML = this.rows
      .map(
        (r, i) =>
          `<tr data-i="${i}" class="${i === this.selected ? "sel" : ""}"><td>${r.pc.toString(16)}:</td><td>${hex8(this.swapped() ? bswap(r.w) : r.w)}</td><td class="text">${esc(pretty(g.disassemble(r.w, r.pc)))}</td></tr>`,
      )
      .join("");
    body.querySelectorAll("tr").forEach((tr) =>
      tr.addEventListener("click", () => {
        this.selected = Number(tr.dataset.i);
        this.show(problems);
      }),
    );
    void this.details(this.rows[this.selected]);
  }

  private async details(row: Row | undefined): Promise<void> {
    const d = $("details");
    if (!row) {
      d.innerHTML = "";
      return;
    }
    const { g, model, tree } = this.loaded!;
    const { w, pc } = row;
    const text = g.disassemble(w, pc);
    const id = g.decode(w);
    const info = INFO_OF(g, id);
    const lines = explain(model, tree, w, g.disassemble);
    const html: string[] = [];
    html.push(`<h2 id="d-text"><code>${esc(text)}</code></h2>`);
    if (id === 0 || !info) {
      html.push(`<p>Not defined by ${this.isa}: prints as <code>${esc(text)}</code>.</p>`);
      html.push(`<h3>Decode path</h3><pre class="explain">${esc(lines.join("\n"))}</pre>`);
      d.innerHTML = html.join("\n");
      return;
    }
    const v = walk(tree, w).v!;
    const reg = g.registerOperand(w);
    const alias = lines.find((l) => /^\s+alias .*holds → printed/.test(l));
    const ops = ((g.operands as unknown as Record<string, (w: number) => Record<string, number>>)[`${info.entry}Operands`]?.(w) ?? {}) as Record<string, number>;
    html.push(`<dl class="kv">`);
    html.push(`<dt>instruction</dt><dd id="d-mnemonic">${esc(info.mnemonic)} — ${esc(info.summary)}</dd>`);
    html.push(`<dt>table entry</dt><dd><a href="#" id="d-source" data-source="${esc(info.source)}">${esc(info.source)}</a> (entry <code>${esc(info.entry)}</code>)</dd>`);
    html.push(`<dt>alias</dt><dd id="d-alias">${alias ? esc(alias.trim().replace(/^alias /, "")) : "none: printed as the instruction itself"}</dd>`);
    html.push(
      `<dt>privilege</dt><dd id="d-priv">${info.privileged ? "privileged" : "not privileged"}; in user mode it ${g.trapsInUserMode(w) ? "traps" : "executes"}${info.illegalOnCore ? "; the core does not implement it (illegal instruction)" : ""}</dd>`,
    );
    if (reg)
      html.push(`<dt>register</dt><dd id="d-reg">${esc(reg.file)} ${reg.n} (${esc(reg.name ?? "no name in the tables")}), ${reg.privileged ? "privileged" : "not privileged"}</dd>`);
    const opText = Object.entries(ops).map(([k, x]) => `${k} = ${x} (0x${(x >>> 0).toString(16)})${this.regName(k, x)}`);
    html.push(`<dt>operands</dt><dd id="d-ops">${esc(opText.join(", ") || "none")}</dd>`);
    html.push(`</dl>`);
    html.push(`<h3>Fields</h3>${this.picture(w, v.mask, v.match, v.entry.operands)}`);
    html.push(`<h3>Decode path (isagen explain)</h3><pre class="explain" id="d-explain">${esc(lines.join("\n"))}</pre>`);
    const doc = await this.docSection(info.source, info.entry);
    if (doc) html.push(`<h3>Docs</h3><div class="doc" id="d-doc">${doc}</div>`);
    d.innerHTML = html.join("\n");
  }

  /** " (r3)" for an operand whose value names a register (the model's register files). */
  private regName(field: string, value: number): string {
    const { g } = this.loaded!;
    const print = this.loaded!.model.fields.get(field)?.print;
    if (!print?.startsWith("reg:")) return "";
    const file = print.slice(4);
    if (!(file in g.REGFILES)) return "";
    return ` (${g.regName(file, value)})`;
  }

  private picture(w: number, mask: number, match: number, operands: Field[]): string {
    const msb0 = this.loaded!.model.bitOrder === "msb0";
    const owner: (number | "fixed" | "none")[] = [];
    for (let i = 31; i >= 0; i--) {
      const k = operands.findIndex((f) => (f.mask >>> i) & 1);
      owner.push(k >= 0 ? k : (mask >>> i) & 1 ? "fixed" : "none");
    }
    const colour = (o: number | "fixed" | "none") => (o === "fixed" ? "#ddd" : o === "none" ? "#fff" : COLOURS[o % COLOURS.length]);
    const cells: string[] = [];
    for (let c = 0; c < 32; c++) cells.push(`<div class="n">${msb0 ? c : 31 - c}</div>`);
    for (let c = 0; c < 32; c++) {
      const i = 31 - c;
      cells.push(`<div class="b" style="background:${colour(owner[c])}">${(w >>> i) & 1}</div>`);
    }
    for (let c = 0; c < 32; ) {
      let e = c;
      while (e + 1 < 32 && owner[e + 1] === owner[c]) e++;
      const o = owner[c];
      let label = "";
      if (o === "fixed") {
        let bits = "";
        for (let k = c; k <= e; k++) bits += (match >>> (31 - k)) & 1;
        label = bits;
      } else if (o === "none") label = "ignored";
      else {
        const f = operands[o];
        let raw = 0;
        for (const p of f.pieces) raw = raw * 2 ** p.width + Math.floor((w >>> 0) / 2 ** p.lo) % 2 ** p.width;
        let val = raw;
        if (f.signed && raw >= 2 ** (f.width - 1)) val -= 2 ** f.width;
        val *= 2 ** f.shift;
        label = `${f.name}=${val}`;
      }
      cells.push(`<div class="f" title="${esc(label)}" style="grid-column: span ${e - c + 1}; background:${colour(o)}">${esc(label)}</div>`);
      c = e + 1;
    }
    return `<div class="bits" id="d-bits">${cells.join("")}</div>`;
  }

  private async docSection(source: string, entry: string): Promise<string | undefined> {
    const table = source.replace(/:\d+$/, "").replace(/^.*\//, "").replace(/\.yaml$/, "");
    const load = DOCS[`../../generated/${this.isa}/docs/${table}.md`];
    if (!load) return undefined;
    const md = await load();
    const start = md.indexOf(`\n## ${entry} — `);
    if (start < 0) return undefined;
    const end = md.indexOf("\n## ", start + 1);
    const section = md.slice(start + 1, end < 0 ? undefined : end);
    // Links to the tables open them here; the repository's other files are not on the site.
    return renderMarkdown(section, (h) => {
      const m = /^(?:\.\.\/)+(opcodes\/[^#]*\.yaml)#L(\d+)$/.exec(h);
      return m ? `#source=${m[1]}:${m[2]}` : /^[a-z]+:/.test(h) ? h : undefined;
    }).replace(/<a href="#source=([^"]*)">/g, '<a href="#" data-source="$1">');
  }

  private async showYaml(source: string): Promise<void> {
    const m = /^(.*\.yaml):(\d+)$/.exec(source);
    if (!m) return;
    const load = TABLES[`../../${m[1]}`];
    if (!load) return;
    const text = await load();
    const line = Number(m[2]);
    $("yaml-name").textContent = source;
    $("yaml-text").innerHTML = text
      .split("\n")
      .map((l, i) => `<span${i + 1 === line ? ' class="hl" id="yaml-hl"' : ""}><span class="ln">${i + 1}</span>${esc(l)}</span>`)
      .join("\n");
    $("yaml-view").hidden = false;
    document.getElementById("yaml-hl")?.scrollIntoView({ block: "center" });
  }
}
