// Builds the ISA model from validated tables: fields, forms, entries with their fixed bits and
// operands, variants (one per mnemonic), aliases and register files. Problems found on the way
// are reported with positions; checks across instructions live in checks.ts.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describeMask, parseBits, piecesMask, totalWidth, insertRaw, type BitOrder, type Piece } from "./bits.ts";
import type { Diagnostics, SourcePos } from "./diagnostics.ts";
import { ExprError, expandMacros, identifiers, parseExpr, regfilesUsed, type Expr } from "./expr.ts";
import { loadYaml, type YamlFile } from "./load.ts";
import { parseAsm, parseName, TemplateError, templateExprs, type Segment } from "./template.ts";
import { validateFile } from "./validate.ts";

export interface Field {
  name: string;
  pieces: Piece[];
  mask: number;
  width: number;
  signed: boolean;
  shift: number;
  print?: string;
  suffix?: Map<number, string>;
  doc?: string;
  pos: SourcePos;
}

export interface Form {
  name: string;
  layout: string[];
  asm?: string;
  pos: SourcePos;
  /** The form names a field that does not exist (reported); entries of it are skipped. */
  broken?: boolean;
}

export interface Entry {
  key: string;
  table: string;
  pos: SourcePos;
  mnemonic: string;
  summary: string;
  dialects: string[];
  privileged: boolean;
  illegalOnCore: boolean;
  flags: string[];
  load?: number;
  store?: number;
  signed: boolean;
  cop?: number;
  /** A reserved encoding: words it matches decode as invalid (see Isa.invalidEntries). */
  invalid: boolean;
  /** Bits fixed by the entry itself (varied fields excluded). */
  mask: number;
  match: number;
  ignored: number;
  /** Fields the handler sees: operand fields and varied fields, in layout order. */
  operands: Field[];
  varied: { field: Field; values: number[] }[];
  asm: Segment[];
  asmSrc: string;
  overrides: string[];
  /** Words matching the encoding for which this holds are invalid forms (the decoder says invalid). */
  invalidWhen?: Expr;
  invalidWhenSrc?: string;
  form?: string;
  /** The register the instruction names (mfspr: its SPR), as a number computed from operands. */
  register?: { file: string; number: Expr; src: string };
  variants: Variant[];
}

export interface Variant {
  id: number;
  /** TypeScript-safe name: mnemonic with '.' → '_'. */
  name: string;
  mnemonic: string;
  entry: Entry;
  mask: number;
  match: number;
  /** Values of the entry's varied fields in this variant. */
  fixed: Map<string, number>;
}

export interface Alias {
  name: Segment[];
  nameSrc: string;
  of: string;
  when?: Expr;
  whenSrc?: string;
  asm: Segment[];
  dialects?: string[];
  table: string;
  pos: SourcePos;
  whenPos: SourcePos;
}

export interface RegEntry {
  num: number;
  name: string;
  privileged?: boolean;
  access?: string;
  dialects?: string[];
  doc?: string;
}

export interface RegFile {
  name: string;
  fallback: string;
  /** Registers this holds for (over `n`) are privileged unless their entry says otherwise. */
  privilegedIf?: Expr;
  privilegedIfSrc?: string;
  doc?: string;
  regs: Map<number, RegEntry>;
  pos: SourcePos;
}

export interface Isa {
  name: string;
  doc?: string;
  endian: "big" | "little";
  tables: string[];
  dialects: string[];
  invalid: string;
  bitOrder: BitOrder;
  fields: Map<string, Field>;
  forms: Map<string, Form>;
  macros: Map<string, Expr>;
  regfiles: Map<string, RegFile>;
  entries: Entry[];
  variants: Variant[];
  /**
   * Entries marked `invalid: true`: encodings carved out of broader entries (with `overrides`).
   * They take part in overlap checks and decoder planning, where they decode as invalid; they
   * have no ids, handlers or disassembly of their own.
   */
  invalidEntries: Entry[];
  aliases: Alias[];
  /** Entry keys of every table, whatever their dialects (aliases may name any of them). */
  knownKeys: Set<string>;
  pos: SourcePos;
}

const ENTRY_PROPS = new Set([
  "bits", "form", "mnemonic", "asm", "summary", "vary", "dialects", "privileged",
  "illegal-on-core", "flags", "load", "store", "signed", "cop", "invalid-when", "overrides", "invalid", "register",
]);

type Raw = Record<string, unknown>;

interface TableScope {
  file: YamlFile;
  data: Raw;
  order: BitOrder;
}

function sameField(a: Field, b: Field): boolean {
  return (
    JSON.stringify([a.pieces, a.signed, a.shift, a.print, [...(a.suffix ?? [])]]) ===
    JSON.stringify([b.pieces, b.signed, b.shift, b.print, [...(b.suffix ?? [])]])
  );
}

export function tsName(mnemonic: string): string {
  return mnemonic.replace(/\./g, "_").replace(/[^A-Za-z0-9_]/g, "_");
}

/** Loads opcodes/isas.yaml and every table it names; builds one model per ISA. */
export function loadIsas(root: string, diags: Diagnostics, only?: string[]): Isa[] {
  const isaFile = loadYaml(join(root, "opcodes", "isas.yaml"), root, diags);
  if (!isaFile || !validateFile(isaFile, "isas.schema.json", root, diags)) return [];
  const defs = (isaFile.data as { isas: Record<string, Raw> }).isas;
  const tables = new Map<string, TableScope | null>();
  const getTable = (rel: string, from: SourcePos): TableScope | null => {
    if (tables.has(rel)) return tables.get(rel)!;
    const abs = join(root, "opcodes", rel);
    let scope: TableScope | null = null;
    if (!existsSync(abs)) {
      diags.error(from, `table '${rel}' not found (expected at opcodes/${rel})`);
    } else {
      const f = loadYaml(abs, root, diags);
      if (f && validateFile(f, "schema.json", root, diags)) {
        const data = f.data as Raw;
        scope = { file: f, data, order: data["bit-order"] as BitOrder };
      }
    }
    tables.set(rel, scope);
    return scope;
  };
  const isas: Isa[] = [];
  for (const [name, def] of Object.entries(defs)) {
    if (only && !only.includes(name)) continue;
    const pos = isaFile.pos(["isas", name], true);
    const scopes: TableScope[] = [];
    // A table listed twice would define each of its entries twice: one error for the list.
    const listed = new Map<string, SourcePos>();
    let ok = true;
    (def.tables as string[]).forEach((t, i) => {
      const at = isaFile.pos(["isas", name, "tables", i]);
      const key = t.replace(/^\.\//, "");
      const prev = listed.get(key);
      if (prev) {
        diags.error(at, `table '${t}' is listed twice for ISA '${name}' (also at ${prev.file}:${prev.line}:${prev.col})`);
        ok = false;
        return;
      }
      listed.set(key, at);
      const s = getTable(t, at);
      if (s) scopes.push(s);
      else ok = false;
    });
    if (!ok) continue;
    isas.push(buildIsa(name, def, pos, scopes, diags));
  }
  return isas;
}

function buildIsa(name: string, def: Raw, pos: SourcePos, scopes: TableScope[], diags: Diagnostics): Isa {
  const isa: Isa = {
    name,
    doc: def.doc as string | undefined,
    endian: def.endian as "big" | "little",
    tables: scopes.map((s) => s.file.file),
    dialects: def.dialects as string[],
    invalid: def.invalid as string,
    bitOrder: scopes[0].order,
    fields: new Map(),
    forms: new Map(),
    macros: new Map(),
    regfiles: new Map(),
    entries: [],
    variants: [],
    invalidEntries: [],
    aliases: [],
    knownKeys: new Set(),
    pos,
  };
  // Shared definitions first (fields, forms, macros, registers), so any table may use any.
  for (const s of scopes) collectDefinitions(isa, s, diags);
  for (const s of scopes) collectEntries(isa, s, diags);
  for (const s of scopes) collectAliases(isa, s, diags);
  let id = 1;
  for (const e of isa.entries) for (const v of e.variants) (v.id = id++), isa.variants.push(v);
  // Entries may share a mnemonic (one overriding the other, e.g. an implementation's form of a
  // Book E instruction); their variants then need distinct code names: the later one is named
  // after its entry key instead ("tlbwe_440"). Remaining clashes are reported by checkIsa.
  const taken = new Map<string, Variant>();
  for (const v of isa.variants) {
    const prev = taken.get(v.name);
    if (prev && prev.entry !== v.entry && prev.mnemonic === v.mnemonic)
      v.name = tsName(v.entry.key + v.mnemonic.slice(v.entry.mnemonic.length));
    if (!taken.has(v.name)) taken.set(v.name, v);
  }
  return isa;
}

function collectDefinitions(isa: Isa, s: TableScope, diags: Diagnostics): void {
  const { file, data, order } = s;
  const fields = (data.fields ?? {}) as Record<string, string | number | Raw>;
  for (const [fname, raw] of Object.entries(fields)) {
    const pos = file.pos(["fields", fname], true);
    const spec = typeof raw === "object" ? raw : { bits: raw };
    const pieces = parseBits(String(spec.bits), order);
    if (typeof pieces === "string") {
      diags.error(file.pos(["fields", fname]), `field '${fname}': ${pieces}`);
      continue;
    }
    let suffix: Map<number, string> | undefined;
    if (spec.suffix) {
      suffix = new Map(Object.entries(spec.suffix as Record<string, string>).map(([k, v]) => [Number(k), v]));
      for (const k of suffix.keys())
        if (k >= 2 ** totalWidth(pieces))
          diags.error(file.pos(["fields", fname, "suffix", String(k)], true), `field '${fname}' has ${totalWidth(pieces)} bits; ${k} does not fit`);
    }
    const f: Field = {
      name: fname,
      pieces,
      mask: piecesMask(pieces),
      width: totalWidth(pieces),
      signed: (spec.signed as boolean) ?? false,
      shift: (spec.shift as number) ?? 0,
      print: spec.print as string | undefined,
      suffix,
      doc: spec.doc as string | undefined,
      pos,
    };
    if (piecesMask(pieces) !== 0 && pieces.some((p, i) => pieces.some((q, j) => i < j && (piecesMask([p]) & piecesMask([q])) !== 0)))
      diags.error(pos, `field '${fname}': its pieces overlap`);
    const prev = isa.fields.get(fname);
    if (prev && !sameField(prev, f)) {
      diags.error(pos, `field '${fname}' is defined differently at ${prev.pos.file}:${prev.pos.line}; tables of ISA '${isa.name}' must agree`);
      continue;
    }
    if (f.print?.startsWith("reg:")) {
      /* checked once register files are known, below */
    }
    if (!prev) isa.fields.set(fname, f);
  }
  const forms = (data.forms ?? {}) as Record<string, string | Raw>;
  for (const [fname, raw] of Object.entries(forms)) {
    const pos = file.pos(["forms", fname], true);
    const spec = typeof raw === "string" ? { layout: raw } : raw;
    const layout = (spec.layout as string).trim().split(/\s+/);
    const form: Form = { name: fname, layout, asm: spec.asm as string | undefined, pos };
    // A form must cover each of the 32 bits exactly once.
    let covered = 0;
    let ok = true;
    for (const fieldName of layout) {
      const f = isa.fields.get(fieldName);
      if (!f) {
        diags.error(pos, `form '${fname}' uses unknown field '${fieldName}'`);
        ok = false;
        continue;
      }
      if (covered & f.mask) {
        diags.error(pos, `form '${fname}': field '${fieldName}' overlaps an earlier field at bits ${describeMask(covered & f.mask, order)}`);
        ok = false;
      }
      covered = (covered | f.mask) >>> 0;
    }
    if (!ok) form.broken = true;
    if (ok && covered !== 0xffffffff)
      diags.error(pos, `form '${fname}' leaves bits ${describeMask(~covered >>> 0, order)} neither fixed nor covered by a field`);
    if (isa.forms.has(fname) && isa.forms.get(fname)!.pos.file !== pos.file)
      diags.error(pos, `form '${fname}' is also defined at ${isa.forms.get(fname)!.pos.file}:${isa.forms.get(fname)!.pos.line}`);
    else isa.forms.set(fname, form);
  }
  const macros = (data.macros ?? {}) as Record<string, string>;
  for (const [mname, src] of Object.entries(macros)) {
    try {
      isa.macros.set(mname, parseExpr(src));
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      diags.error(file.pos(["macros", mname]), `macro '${mname}': ${e.message}`);
    }
  }
  const regs = (data.registers ?? {}) as Record<string, Raw>;
  for (const [rname, raw] of Object.entries(regs)) {
    const pos = file.pos(["registers", rname], true);
    const rf: RegFile = isa.regfiles.get(rname) ?? {
      name: rname,
      fallback: (raw.fallback as string) ?? "%d",
      doc: raw.doc as string | undefined,
      regs: new Map(),
      pos,
    };
    if (raw["privileged-if"] !== undefined) {
      const src = raw["privileged-if"] as string;
      try {
        const e = parseExpr(src);
        const bad = [...identifiers(e)].filter((n) => n !== "n");
        if (bad.length) diags.error(file.pos(["registers", rname, "privileged-if"]), `privileged-if of '${rname}' may only use n (the register number), not ${bad.join(", ")}`);
        else if (rf.privilegedIfSrc !== undefined && rf.privilegedIfSrc !== src)
          diags.error(file.pos(["registers", rname, "privileged-if"]), `register file '${rname}' already has privileged-if '${rf.privilegedIfSrc}'`);
        else (rf.privilegedIf = e), (rf.privilegedIfSrc = src);
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        diags.error(file.pos(["registers", rname, "privileged-if"]), `privileged-if of '${rname}': ${e.message}`);
      }
    }
    for (const [num, r] of Object.entries(raw.regs as Record<string, string | Raw>)) {
      const n = Number(num);
      const entry: RegEntry = typeof r === "string" ? { num: n, name: r } : { num: n, ...(r as Omit<RegEntry, "num">) };
      const prev = rf.regs.get(n);
      if (prev && prev.name !== entry.name)
        diags.error(file.pos(["registers", rname, "regs", num], true), `register ${n} of '${rname}' is also named '${prev.name}'`);
      rf.regs.set(n, entry);
    }
    isa.regfiles.set(rname, rf);
  }
}

/** Parses a 32-bit pattern such as "000000 rs rt rd 00000 100001". */
function parsePattern(
  src: string,
  isa: Isa,
  order: BitOrder,
): { mask: number; match: number; ignored: number; fields: Field[] } | string {
  let cursor = 31; // LSB-0 index of the next bit to place
  let mask = 0;
  let match = 0;
  let ignored = 0;
  const fields: Field[] = [];
  for (const tok of src.trim().split(/\s+/)) {
    if (/^[01\-.]+$/.test(tok)) {
      for (const ch of tok) {
        if (cursor < 0) return `pattern has more than 32 bits`;
        if (ch === "0" || ch === "1") {
          mask |= 1 << cursor;
          if (ch === "1") match |= 1 << cursor;
        } else if (ch === "-") ignored |= 1 << cursor;
        else return `'.' is not allowed in a pattern: name the field, or write '-' for ignored bits`;
        cursor--;
      }
    } else {
      const f = isa.fields.get(tok);
      if (!f) return `unknown field '${tok}' in pattern`;
      if (f.pieces.length !== 1) return `field '${tok}' is split; use a form for it`;
      const hi = f.pieces[0].lo + f.pieces[0].width - 1;
      if (hi !== cursor) {
        const at = (lo: number, h: number) => (order === "msb0" ? `${31 - h}-${31 - lo}` : `${h}-${lo}`);
        return `field '${tok}' is defined at bits ${at(f.pieces[0].lo, hi)}, but the pattern places it at bits ${at(cursor - f.width + 1, cursor)}`;
      }
      fields.push(f);
      cursor -= f.width;
    }
  }
  if (cursor !== -1) return `pattern has ${31 - cursor} bits, not 32`;
  return { mask: mask >>> 0, match: match >>> 0, ignored: ignored >>> 0, fields };
}

function collectEntries(isa: Isa, s: TableScope, diags: Diagnostics): void {
  const { file, data, order } = s;
  const list = (data.instructions ?? []) as Raw[];
  list.forEach((item, idx) => {
    const [key, raw] = Object.entries(item)[0] as [string, Raw];
    isa.knownKeys.add(key);
    const path = ["instructions", idx, key];
    const pos = file.pos(path, true);
    const dialects = (raw.dialects as string[]) ?? [data.dialect as string];
    if (!dialects.some((d) => isa.dialects.includes(d))) return; // not part of this ISA
    const err = (msg: string, sub?: string) => diags.error(sub ? file.pos([...path, sub], true) : pos, `${key}: ${msg}`);
    // An entry with a problem of its own is left out of the ISA, so that the checks across
    // instructions (overlaps, operands never printed) do not report its consequences too.
    const errorsBefore = diags.errorCount;

    const formName = raw.form as string | undefined;
    const form = formName ? isa.forms.get(formName) : undefined;
    if (formName && !form) return err(`unknown form '${formName}'`, "form");
    if (form?.broken) return; // its problem is reported at the form
    if (!form && raw.bits === undefined) return err("needs either 'bits' (a 32-bit pattern) or 'form'");

    // Field values given as keys.
    const values = new Map<string, number | "-">();
    for (const [k, v] of Object.entries(raw)) {
      if (ENTRY_PROPS.has(k)) continue;
      const f = isa.fields.get(k);
      if (!f) {
        err(`unknown key '${k}' (neither a property nor a field)`, k);
        continue;
      }
      if (form && !form.layout.includes(k)) {
        err(`field '${k}' is not part of form ${form.name} (${form.layout.join(" ")})`, k);
        continue;
      }
      if (v !== "-" && (v as number) >= 2 ** f.width) {
        err(`value ${v} does not fit field '${k}' (${f.width} bits, 0-${2 ** f.width - 1})`, k);
        continue;
      }
      values.set(k, v as number | "-");
    }
    // A field value that is wrong leaves the encoding unknown: nothing more to say about it.
    if (diags.errorCount !== errorsBefore) return;

    let mask = 0;
    let match = 0;
    let ignored = 0;
    let operandFields: Field[] = [];
    if (form) {
      for (const fname of form.layout) {
        const f = isa.fields.get(fname)!;
        const v = values.get(fname);
        if (v === "-") ignored |= f.mask;
        else if (v !== undefined) {
          mask |= f.mask;
          match |= insertRaw(f.pieces, v);
        } else operandFields.push(f);
      }
    }
    if (raw.bits !== undefined) {
      const p = parsePattern(raw.bits as string, isa, order);
      if (typeof p === "string") return err(p, "bits");
      if (form) {
        // Both given: the pattern must say what the form and the field values say.
        const fm = mask >>> 0;
        const fv = match >>> 0;
        if (p.mask !== fm || p.match !== fv || p.ignored !== ignored >>> 0) {
          const bad = ((p.mask ^ fm) | (p.match ^ fv) | (p.ignored ^ ignored)) >>> 0;
          return err(`fixed bits contradict form ${form.name} and its field values at bits ${describeMask(bad, order)}`, "bits");
        }
      } else {
        for (const [k, v] of values) {
          const f = isa.fields.get(k)!;
          if (v === "-") continue;
          if ((p.mask & f.mask) !== f.mask || ((p.match & f.mask) >>> 0) !== insertRaw(f.pieces, v))
            err(`value ${k}: ${v} contradicts the pattern's bits ${describeMask(f.mask, order)}`, k);
        }
      }
      mask = p.mask;
      match = p.match;
      ignored = p.ignored;
      operandFields = p.fields;
    }

    // Varied fields become variants; they must be operand fields.
    const vary: { field: Field; values: number[] }[] = [];
    const rawVary = raw.vary as string[] | Record<string, number[]> | undefined;
    const varyList: [string, number[] | undefined][] = Array.isArray(rawVary)
      ? rawVary.map((n) => [n, undefined])
      : Object.entries(rawVary ?? {});
    for (const [fname, vals] of varyList) {
      const f = operandFields.find((o) => o.name === fname);
      if (!f) {
        err(`cannot vary '${fname}': it is not an operand field of this instruction`, "vary");
        continue;
      }
      if (!f.suffix) {
        err(`cannot vary '${fname}': the field has no 'suffix' map`, "vary");
        continue;
      }
      const use = vals ?? [...f.suffix.keys()];
      for (const v of use) if (!f.suffix.has(v)) err(`field '${fname}' has no suffix for value ${v}`, "vary");
      vary.push({ field: f, values: use });
    }

    const asmSrc = (raw.asm as string | undefined) ?? form?.asm ?? "";
    let asm: Segment[] = [];
    try {
      asm = parseAsm(asmSrc);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      err(`asm '${asmSrc}': ${e.message}`, raw.asm !== undefined ? "asm" : undefined);
    }
    let invalidWhen: Expr | undefined;
    const invalidWhenSrc = raw["invalid-when"] as string | undefined;
    if (invalidWhenSrc !== undefined) {
      try {
        invalidWhen = parseExpr(invalidWhenSrc);
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        err(`invalid-when '${invalidWhenSrc}': ${e.message}`, "invalid-when");
      }
    }
    const entry: Entry = {
      key,
      table: file.file,
      pos,
      mnemonic: (raw.mnemonic as string) ?? key,
      summary: (raw.summary as string) ?? "",
      dialects,
      privileged: (raw.privileged as boolean) ?? false,
      illegalOnCore: (raw["illegal-on-core"] as boolean) ?? false,
      flags: (raw.flags as string[]) ?? [],
      load: raw.load as number | undefined,
      store: raw.store as number | undefined,
      signed: (raw.signed as boolean) ?? false,
      cop: raw.cop as number | undefined,
      invalid: (raw.invalid as boolean) ?? false,
      mask: mask >>> 0,
      match: match >>> 0,
      ignored: ignored >>> 0,
      operands: operandFields,
      varied: vary,
      asm,
      asmSrc,
      overrides: (raw.overrides as string[]) ?? [],
      invalidWhen,
      invalidWhenSrc,
      form: formName,
      variants: [],
    };
    const rawReg = raw.register as { file: string; number: string } | undefined;
    if (rawReg) {
      try {
        entry.register = { file: rawReg.file, number: parseExpr(rawReg.number), src: rawReg.number };
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        err(`register number '${rawReg.number}': ${e.message}`, "register");
      }
    }
    // A form's asm may print a field this entry fixes: say so at the fixed value.
    const printedFixed = values.size === 0 ? [] : [...new Set(templateExprs(asm).flatMap((e) => [...identifiers(e)]))].filter((n) => values.has(n));
    for (const n of printedFixed)
      err(`the asm '${asmSrc}' prints '${n}', but this entry fixes it (${n}: ${values.get(n)}); give the entry its own asm`, n);
    if (printedFixed.length === 0)
      checkTemplateRefs(isa, entry, asm, new Set(), (m) => err(m, raw.asm !== undefined ? "asm" : undefined));
    if (!entry.invalid) checkAsmCoversOperands(isa, entry, order, (m) => err(m, raw.asm !== undefined ? "asm" : undefined));
    if (invalidWhen) checkInvalidWhen(isa, entry, invalidWhen, (m) => err(`invalid-when: ${m}`, "invalid-when"));
    if (entry.register) {
      const reg = entry.register;
      checkExprRefs(isa, entry, expandMacros(reg.number, isa.macros), new Set(), (m) => err(`register: ${m}`, "register"));
      if (!isa.regfiles.has(reg.file)) err(`register: unknown register file '${reg.file}'`, "register");
    }

    // Variants: the cartesian product of the varied values, suffixes in 'vary' order.
    let combos: Map<string, number>[] = [new Map()];
    for (const { field, values: vals } of vary)
      combos = combos.flatMap((c) => vals.map((v) => new Map([...c, [field.name, v]])));
    for (const c of combos) {
      let vmask = entry.mask;
      let vmatch = entry.match;
      let mnem = entry.mnemonic;
      for (const { field } of vary) {
        const v = c.get(field.name)!;
        vmask |= field.mask;
        vmatch |= insertRaw(field.pieces, v);
        mnem += field.suffix?.get(v) ?? "";
      }
      entry.variants.push({ id: 0, name: tsName(mnem), mnemonic: mnem, entry, mask: vmask >>> 0, match: vmatch >>> 0, fixed: c });
    }
    const dup = entryByKey(isa, key);
    if (dup) err(`entry '${key}' is also defined at ${dup.pos.file}:${dup.pos.line}`);
    else if (diags.errorCount !== errorsBefore) return;
    else if (entry.invalid) (isa.invalidEntries.push(entry), keyIndex(isa).set(key, entry));
    else (isa.entries.push(entry), keyIndex(isa).set(key, entry));
  });
}

/** Entries (valid and invalid) by key, kept as they are added: lookups without a scan. */
const keyIndexes = new WeakMap<Isa, Map<string, Entry>>();
function keyIndex(isa: Isa): Map<string, Entry> {
  let m = keyIndexes.get(isa);
  if (!m) keyIndexes.set(isa, (m = new Map()));
  return m;
}
function entryByKey(isa: Isa, key: string): Entry | undefined {
  return keyIndex(isa).get(key);
}

/** Names a template may use: the entry's operand fields, fields within operand bits, pc, macros. */
function checkTemplateRefs(isa: Isa, entry: Entry, segs: Segment[], extra: Set<string>, err: (m: string) => void): void {
  for (const e0 of templateExprs(segs)) {
    let e: Expr;
    try {
      e = expandMacros(e0, isa.macros);
    } catch (x) {
      if (x instanceof ExprError) {
        err(x.message);
        continue;
      }
      throw x;
    }
    checkExprRefs(isa, entry, e, extra, err);
  }
}

/** invalid-when is evaluated by the decoder: operand fields and numbers only (no pc, no functions). */
function checkInvalidWhen(isa: Isa, entry: Entry, e0: Expr, err: (m: string) => void): void {
  let e: Expr;
  try {
    e = expandMacros(e0, isa.macros);
  } catch (x) {
    if (x instanceof ExprError) return err(x.message);
    throw x;
  }
  const calls = (x: Expr): boolean =>
    x.k === "call" ||
    x.k === "str" ||
    (x.k === "un" && calls(x.a)) ||
    (x.k === "bin" && (calls(x.a) || calls(x.b))) ||
    (x.k === "cond" && (calls(x.c) || calls(x.a) || calls(x.b)));
  if (calls(e)) err("functions and strings are not allowed here (the decoder evaluates it)");
  if (identifiers(e).has("pc")) err("'pc' is not known to the decoder");
  checkExprRefs(isa, entry, e, new Set(["pc"]), err);
}

export function operandBits(entry: Entry): number {
  let m = 0;
  for (const f of entry.operands) m |= f.mask;
  return m >>> 0;
}

function checkExprRefs(isa: Isa, entry: Entry, e: Expr, extra: Set<string>, err: (m: string) => void): void {
  const opBits = operandBits(entry);
  for (const id of identifiers(e)) {
    if (id === "pc" || extra.has(id)) continue;
    const f = isa.fields.get(id);
    if (!f) err(`'${id}' is not a field or macro`);
    else if ((f.mask & opBits) !== f.mask) err(`'${id}' is not an operand of ${entry.key} (its bits are fixed or ignored)`);
  }
  for (const rf of regfilesUsed(e)) if (!isa.regfiles.has(rf)) err(`unknown register file '${rf}'`);
}

function checkAsmCoversOperands(isa: Isa, entry: Entry, order: BitOrder, err: (m: string) => void): void {
  let printed = 0;
  for (const e of templateExprs(entry.asm)) {
    let ex: Expr;
    try {
      ex = expandMacros(e, isa.macros);
    } catch {
      continue;
    }
    for (const id of identifiers(ex)) printed |= isa.fields.get(id)?.mask ?? 0;
  }
  let varied = 0;
  for (const v of entry.varied) varied |= v.field.mask;
  const missing = operandBits(entry) & ~printed & ~varied;
  if (missing) {
    const names = entry.operands.filter((f) => f.mask & missing).map((f) => f.name);
    err(`operand ${names.join(", ")} (bits ${describeMask(missing >>> 0, order)}) is never printed: add it to asm, or mark it ignored with '${names[0]}: "-"'`);
  }
}

function collectAliases(isa: Isa, s: TableScope, diags: Diagnostics): void {
  const { file, data } = s;
  const list = (data.aliases ?? []) as Raw[];
  list.forEach((raw, idx) => {
    const path = ["aliases", idx];
    const dialects = raw.dialects as string[] | undefined;
    if (dialects && !dialects.some((d) => isa.dialects.includes(d))) return;
    const pos = file.pos(path);
    const of = raw.of as string;
    const found = entryByKey(isa, of);
    const entry = found && !found.invalid ? found : undefined;
    if (!entry) {
      // An alias of an instruction outside this ISA's dialects is not an error; of one nowhere is.
      if (!isa.knownKeys.has(of)) diags.error(file.pos([...path, "of"]), `alias '${raw.name}': no instruction '${of}' in ISA '${isa.name}'`);
      return;
    }
    const err = (sub: string) => (m: string) => diags.error(file.pos([...path, sub]), `alias '${raw.name}' of ${of}: ${m}`);
    let name: Segment[] = [];
    let asm: Segment[] = [];
    let when: Expr | undefined;
    try {
      name = parseName(raw.name as string);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      return err("name")(e.message);
    }
    try {
      asm = parseAsm((raw.asm as string) ?? "");
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      return err("asm")(e.message);
    }
    if (raw.when !== undefined) {
      try {
        when = parseExpr(raw.when as string);
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        return err("when")(e.message);
      }
    }
    const alias: Alias = {
      name,
      nameSrc: raw.name as string,
      of,
      when,
      whenSrc: raw.when as string | undefined,
      asm,
      dialects,
      table: file.file,
      pos,
      whenPos: file.pos([...path, raw.when !== undefined ? "when" : "of"]),
    };
    const before = diags.errorCount;
    checkTemplateRefs(isa, entry, name, new Set(), err("name"));
    checkTemplateRefs(isa, entry, asm, new Set(), err("asm"));
    if (when) checkExprRefs(isa, entry, expandMacros(when, isa.macros), new Set(), err("when"));
    if (diags.errorCount === before) isa.aliases.push(alias);
  });
}

/** Fields referenced by an expression after macro expansion. */
export function exprFields(isa: Isa, e: Expr): Field[] {
  return [...identifiers(expandMacros(e, isa.macros))].flatMap((id) => {
    const f = isa.fields.get(id);
    return f ? [f] : [];
  });
}
