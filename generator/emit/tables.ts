// Emits the data modules: registers.ts and registers.json (register files), info.ts and
// info.json (per-id metadata the runtime and tools query), roles.ts (the role interfaces and their
// dispatch) and index.ts. Data goes to JSON, which needs no formatting.
// Each TypeScript file is a list of chunks of whole statements (see format.ts).
import { compileTs, evaluate } from "../expr.ts";
import type { Entry, Isa, RegFile } from "../model.ts";
import { entryRoles, ROLE_DEFS, type RoleDef } from "../roles.ts";
import { header, chunk, fieldTs, propKey, verbatim, type Chunk, Lines, StructureKind } from "./common.ts";
import { accessorName } from "./operands.ts";

const NO_REGS = { name: () => undefined, fallback: () => "" };

/** registers.ts (the types and regName) and registers.json (the register files, one register per line). */
export function emitRegisters(isa: Isa): { chunks: Chunk[]; json: string; constants: Chunk[] } {
  const files = [...isa.regfiles.values()].sort((a, b) => a.name.localeCompare(b.name));
  const json = files.map((f) => {
    const regs = [...f.regs.values()]
      .sort((a, b) => a.num - b.num)
      .map((r) => {
        // An entry's own flag wins; otherwise the file's rule (Book E: n & 0x10).
        const privileged =
          r.privileged ?? (f.privilegedIf ? Number(evaluate(f.privilegedIf, new Map([["n", r.num]]), NO_REGS)) !== 0 : false);
        return JSON.stringify({ num: r.num, name: r.name, privileged, access: r.access ?? "rw", ...(r.doc ? { doc: r.doc } : {}) });
      });
    const list = regs.length ? `[\n      ${regs.join(",\n      ")}\n    ]` : "[]";
    return `  ${JSON.stringify(f.name)}: {\n    "fallback": ${JSON.stringify(f.fallback)},\n    "regs": ${list}\n  }`;
  });
  return {
    json: `{\n${json.join(",\n")}\n}\n`,
    constants: files.filter((f) => f.regs.size > 0).map(registerConstants),
    chunks: [
      chunk(
        header(isa, "register files") +
          `import data from "./registers.json" with { type: "json" };

export interface RegInfo {
  readonly num: number;
  readonly name: string;
  /** Access traps in user (problem) state. */
  readonly privileged: boolean;
  readonly access: "rw" | "ro" | "wo";
  readonly doc?: string;
}

export interface RegFile {
  /** How an unnamed number prints (%d is the number). */
  readonly fallback: string;
  readonly regs: ReadonlyMap<number, RegInfo>;
}`,
      ),
      verbatim(`/** Register files by name, from registers.json. */
export const REGFILES: Readonly<Record<string, RegFile>> = Object.fromEntries(
  Object.entries(data as Record<string, { fallback: string; regs: RegInfo[] }>).map(([name, f]) => [
    name,
    { fallback: f.fallback, regs: new Map(f.regs.map((r) => [r.num, r])) },
  ]),
);

/** Is register n of a file privileged? Named registers say so; others follow the file's rule. */
export function regPrivileged(file: string, n: number): boolean {
  const r = REGFILES[file]?.regs.get(n);
  if (r) return r.privileged;
${files
  .filter((x) => x.privilegedIf)
  .map((f) => `  if (file === ${JSON.stringify(f.name)}) return ${compileTs(f.privilegedIf!, (x) => x, () => "0")} !== 0; // ${f.privilegedIfSrc}\n`)
  .join("")}  return false;
}

/** Name of register n of a file, or its fallback form (or \`fallback\` when given). */
export function regName(file: string, n: number, fallback?: string): string {
  const f = REGFILES[file];
  const r = f?.regs.get(n);
  if (r) return r.name;
  return fallback ?? (f?.fallback ?? "%d").replace("%d", String(n));
}`),
    ],
  };
}

/**
 * The named registers of a file as constants, so the runtime writes \`SPR.DEC\`, never 22:
 * `SPR = { XER: 1, ... } as const`. A prefix every name of the file shares (\`c0_\`) is dropped.
 */
function registerConstants(f: RegFile): Chunk {
  const regs = [...f.regs.values()].sort((a, b) => a.num - b.num);
  const prefix = /^[a-z0-9]+_/.exec(regs[0].name)?.[0];
  const strip = prefix && regs.every((r) => r.name.startsWith(prefix)) ? prefix.length : 0;
  // A name given to two numbers (Book E: SPRG4 at 260 read-only, at 276 for writes) gets _R / _W.
  const count = new Map<string, number>();
  for (const r of regs) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  const key = (r: (typeof regs)[number]) => {
    const base = r.name.slice(strip).toUpperCase();
    if (count.get(r.name) === 1) return base;
    return r.access === "ro" ? `${base}_R` : `${base}_W`;
  };
  const lines = regs.map((r) => `  ${propKey(key(r))}: ${r.num},`);
  return verbatim(
    `/** Register file \`${f.name}\`: each named register's number. */\nexport const ${f.name.toUpperCase()} = {\n${lines.join("\n")}\n} as const;`,
  );
}

const INSN_INFO = `export interface InsnInfo {
  readonly id: number;
  /** Variant name as in Op (mnemonic with '.' as '_'). */
  readonly name: string;
  readonly mnemonic: string;
  /** Table entry (handler method) the variant belongs to. */
  readonly entry: string;
  /** Where the entry is defined, file:line. */
  readonly source: string;
  readonly summary: string;
  readonly dialects: readonly string[];
  /** Traps when executed in user (problem) state. */
  readonly privileged: boolean;
  /** Disassemblers know it, but the core raises an illegal-instruction exception. */
  readonly illegalOnCore: boolean;
  readonly flags: readonly string[];
  /** Bytes loaded / stored, when the instruction accesses memory. */
  readonly load?: number;
  readonly store?: number;
  readonly signed: boolean;
  /** MIPS: coprocessor that must be usable. */
  readonly cop?: number;
  /** Fixed bits: a word encodes this variant when (w & mask) === match (and no override wins). */
  readonly mask: number;
  readonly match: number;
}`;

/** info.ts (the InsnInfo type) and info.json (the metadata, one instruction per line). */
export function emitInfo(isa: Isa): { chunks: Chunk[]; json: string } {
  const rows: Record<string, unknown>[] = [
    { id: 0, name: "invalid", mnemonic: isa.invalid, entry: "invalid", source: "", summary: `Not defined by ${isa.name}`, dialects: [], privileged: false, illegalOnCore: true, flags: [], signed: false, mask: 0, match: 0 },
  ];
  for (const v of isa.variants) {
    const e = v.entry;
    rows.push({
      id: v.id,
      name: v.name,
      mnemonic: v.mnemonic,
      entry: e.key,
      source: `${e.pos.file}:${e.pos.line}`,
      summary: e.summary,
      dialects: e.dialects,
      privileged: e.privileged,
      illegalOnCore: e.illegalOnCore,
      flags: e.flags,
      ...(e.load !== undefined ? { load: e.load } : {}),
      ...(e.store !== undefined ? { store: e.store } : {}),
      ...(e.cop !== undefined ? { cop: e.cop } : {}),
      signed: e.signed,
      mask: v.mask,
      match: v.match,
    });
  }
  const text = `${header(isa, "instruction metadata")}import data from "./info.json" with { type: "json" };

${INSN_INFO}

/** Metadata by instruction id (index 0 is 'invalid'), from info.json. */
export const INFO: readonly InsnInfo[] = data;
`;
  return { chunks: [[text]], json: `[\n  ${rows.map((r) => JSON.stringify(r)).join(",\n  ")}\n]\n` };
}

/** Parameter list of an entry's handler method: its operand fields, in layout order. */
function operandParams(e: Entry): { name: string; type: string }[] {
  return e.operands.map((f) => ({ name: accessorName(f.name), type: "number" }));
}

/** One role interface: a method per entry of the role, taking the entry's decoded operands. */
function roleInterface(isa: Isa, def: RoleDef): Chunk {
  const entries = isa.entries.filter((e) => entryRoles(isa, e).includes(def.role));
  return methodInterface(
    def.iface,
    `Role \`${def.role}\` of ${isa.name}: ${def.doc}. One method per table entry, called with the entry's decoded operands (varied fields such as \`rc\` included). A class implementing the role must handle all of them: a new table entry of this role is a type error until it does.`,
    entries.map((e) => ({
      doc: `${e.summary || e.mnemonic} — ${e.variants.map((v) => v.mnemonic).join(", ")} — ${e.pos.file}:${e.pos.line}`,
      sig: `${e.key}(${operandParams(e)
        .map((p) => `${p.name}: ${p.type}`)
        .join(", ")}): R;`,
    })),
  );
}

/** `export interface <name><R = void>`: a documented method per line (as ts-morph printed it, formatted). */
function methodInterface(name: string, doc: string, methods: { doc: string; sig: string }[]): Chunk {
  const out = new Lines().doc(0, doc);
  if (methods.length === 0) return out.code(0, `export interface ${name}<R = void> {}`).chunk();
  out.code(0, `export interface ${name}<R = void> {`);
  for (const m of methods) out.doc(1, m.doc).code(1, m.sig);
  return out.code(0, "}").chunk();
}

/**
 * A role's dispatch: decoded id → the entry's method with its operands extracted from the word.
 * Written line by line in prettier's layout (a case per instruction: the largest chunk of
 * roles.ts); Lines leaves it to format.ts if a line does not fit.
 */
function roleExec(isa: Isa, def: RoleDef): Chunk {
  const out = new Lines().verbatim(`/**
 * Runs instruction \`id\` (decoded from \`w\`) on a handler set of role \`${def.role}\`; an id outside the
 * role goes to \`outside\`. A switch with literal cases: V8 compiles it to a jump table.
 */`);
  const params = [`h: ${def.iface}<R>`, "id: number", "w: number", "outside: Outside<R>"];
  const head = `export function ${def.exec}<R>(${params.join(", ")}): R {`;
  if (head.length <= 100) out.code(0, head);
  else {
    out.code(0, `export function ${def.exec}<R>(`);
    for (const p of params) out.code(1, `${p},`);
    out.code(0, "): R {");
  }
  out.code(1, "switch (id) {");
  for (const e of isa.entries) {
    if (!entryRoles(isa, e).includes(def.role)) continue;
    for (const v of e.variants) out.code(2, `case ${v.id}:`, `// ${v.mnemonic}`);
    // Field extraction inline; through the accessors where the line would be too long to read.
    let args = e.operands.map((f) => fieldTs(f));
    if (`return h.${e.key}(${args.join(", ")});`.length > 100 - 6) args = e.operands.map((f) => `F.${accessorName(f.name)}(w)`);
    out.code(3, `return h.${e.key}(${args.map((a) => out.expr(a)).join(", ")});`, `// ${e.pos.file}:${e.pos.line}`);
  }
  return out.code(2, "default:").code(3, "return outside(id, w);").code(1, "}").code(0, "}").chunk();
}

/**
 * The vCPU roles' source builders for the block translator: the call the role's dispatch makes,
 * as JavaScript text with the operands as constants (\`h.addi(3, 1, -16)\`), so an instruction's
 * semantics is still its one method, whichever engine runs it. The operand records list the
 * fields in layout order, the order of the method's parameters.
 */
function roleSources(): Chunk {
  const defs = ROLE_DEFS.filter((d) => d.role !== "emulate");
  return chunk(
    `const OPERANDS_OF = F as unknown as Record<string, (w: number) => Record<string, number>>;`,
    `/** JavaScript source of the call for id \`id\` (decoded from \`w\`) on receiver \`h\`, if it has \`role\`. */
function callSource(role: number, id: number, w: number, h: string): string | undefined {
  if ((ROLES[id] & role) === 0) return undefined;
  const entry = INFO[id].entry;
  return \`\${h}.\${entry}(\${Object.values(OPERANDS_OF[\`\${entry}Operands\`](w)).join(", ")})\`;
}`,
    ...defs.map(
      (d) => `/** The source of the call \`${d.exec}\` makes for id \`id\` on receiver \`h\`; undefined outside the role. */
export function ${d.exec.replace("exec", "source")}(id: number, w: number, h: string): string | undefined {
  return callSource(ROLE_${d.role.toUpperCase()}, id, w, h);
}`,
    ),
  );
}

/**
 * The vCPU roles' dispatch as JavaScript text, for an interpreter loop that compiles it in: the
 * switch of the role's dispatch, each case storing the call's result in \`x\` and leaving the
 * switch. V8 inlines no function the size of the dispatch, so a loop that calls it pays two calls
 * per instruction; with the switch in the loop the handlers are inlined where they are hot. Built
 * when the module loads from the operand records and each field's extraction.
 */
function roleSwitches(isa: Isa): Chunk {
  const fields = new Map<string, string>();
  for (const e of isa.entries) for (const f of e.operands) fields.set(accessorName(f.name), fieldTs(f));
  const defs = ROLE_DEFS.filter((d) => d.role !== "emulate");
  return chunk(
    `/** Each operand field's extraction from \`w\`, as JavaScript text. */
const FIELD_SOURCE: Readonly<Record<string, string>> = {
${[...fields].map(([name, ts]) => `  ${propKey(name)}: ${JSON.stringify(ts)},`).join("\n")}
};`,
    `/** The case of id \`id\` in a switch source: the call on \`h\`, its result in \`x\`. */
function switchCase(id: number): string {
  const entry = INFO[id].entry;
  const args = Object.keys(OPERANDS_OF[\`\${entry}Operands\`](0)).map((n) => FIELD_SOURCE[n]);
  return \`case \${id}: x = h.\${entry}(\${args.join(", ")}); break;\`;
}`,
    `/** The dispatch switch of \`role\` over \`id\`; ids outside it store \`outside(id, w)\` in \`x\`. */
function switchSource(role: number): string {
  const ids = INFO.filter((i) => (ROLES[i.id] & role) !== 0).map((i) => switchCase(i.id));
  return \`switch (id) {\\n\${ids.join("\\n")}\\ndefault: x = outside(id, w);\\n}\`;
}`,
    ...defs.map(
      (d) => `/** JavaScript source of \`${d.exec}\`'s switch, for a loop that compiles it in (names: h, id, w, x, outside). */
export const ${d.exec.replace("exec", "switch")}: string = switchSource(ROLE_${d.role.toUpperCase()});`,
    ),
  );
}

/** roles.ts: the role interfaces, their dispatch, and each id's roles as bits. */
export function emitRoles(isa: Isa): Chunk[] {
  const bits = [0, ...isa.variants.map((v) => entryRoles(isa, v.entry).reduce((a, r) => a | ROLE_DEFS.find((d) => d.role === r)!.bit, 0))];
  return [
    chunk(
      header(isa, "role interfaces and dispatch") + 'import { INFO } from "./info.ts";',
      'import * as F from "./operands.ts";',
      "/** What a role's dispatch calls for an id outside the role. */\nexport type Outside<R> = (id: number, w: number) => R;",
    ),
    ...ROLE_DEFS.map((d) => roleInterface(isa, d)),
    chunk(
      ...ROLE_DEFS.map((d) => `/** Bit of role \`${d.role}\` in ROLES. */\nexport const ROLE_${d.role.toUpperCase()} = ${d.bit};`),
      `/** The roles of each instruction id, as ROLE_* bits (0: no role, like id 0, invalid, and the instructions illegal on the core). */\nexport const ROLES: Uint8Array = Uint8Array.from([${bits.join(", ")}]);`,
    ),
    ...ROLE_DEFS.map((d) => roleExec(isa, d)),
    // The vCPU's roles are what a translated block runs; the hypervisor's emulation is not.
    roleSources(),
    roleSwitches(isa),
  ];
}

export function emitIndex(isa: Isa): Chunk[] {
  return [
    chunk(
      header(isa, "entry point") + 'export { decode, Op, OP_COUNT, type OpName } from "./decoder.ts";',
      'export { disassemble } from "./disasm.ts";',
      'export { encode, EncodeError } from "./encode.ts";',
      `export { ${ROLE_DEFS.map((d) => `${d.exec}, ${d.role === "emulate" ? "" : `${d.exec.replace("exec", "source")}, ${d.exec.replace("exec", "switch")}, `}ROLE_${d.role.toUpperCase()}, type ${d.iface}`).join(", ")}, ROLES, type Outside } from "./roles.ts";`,
      'export { INFO, type InsnInfo } from "./info.ts";',
      `export { ${[...isa.regfiles.values()].filter((f) => f.regs.size > 0).map((f) => f.name.toUpperCase()).sort().map((n) => `${n}, `).join("")}REGFILES, regName, regPrivileged, type RegInfo, type RegFile } from "./registers.ts";`,
      'export { implementedByCore, registerOperand, trapsInUserMode, type RegisterOperand } from "./privilege.ts";',
      'export * as operands from "./operands.ts";',
      `export const ISA = {\n  name: ${JSON.stringify(isa.name)},\n  endian: ${JSON.stringify(isa.endian)},\n  invalid: ${JSON.stringify(isa.invalid)},\n  tables: [${isa.tables.map((t) => JSON.stringify(t)).join(", ")}],\n} as const;`,
    ),
  ];
}

/**
 * generated/index.ts: the registry of generated ISAs, in isas.yaml's order. Each ISA's modules
 * load only when asked for, so a tool working on one ISA never loads the others.
 */
export function emitRegistry(isas: readonly Isa[]): Chunk[] {
  const names = isas.map((i) => JSON.stringify(i.name));
  return [
    chunk(
      `// Generated by isagen (the registry of ISAs) from opcodes/isas.yaml.\n// Do not edit: change the tables and run \`npm run gen\`.\n\n/** The ISAs generated from opcodes/isas.yaml. */\nexport const ISA_NAMES = [${names.join(", ")}] as const;`,
      "export type IsaName = (typeof ISA_NAMES)[number];",
      `/** Is \`name\` a generated ISA? */\nexport function isIsaName(name: string): name is IsaName {\n  return (ISA_NAMES as readonly string[]).includes(name);\n}`,
      `/** Loads one ISA's generated modules (its index.ts). */\nexport function loadIsa(name: IsaName) {\n  switch (name) {\n${isas.map((i) => `    case ${JSON.stringify(i.name)}:\n      return import("./${i.name}/index.ts");`).join("\n")}\n  }\n}`,
      "/** One ISA's generated modules: decoder, disassembler, encoders, info, roles, registers. */\nexport type GeneratedIsa = Awaited<ReturnType<typeof loadIsa>>;",
    ),
  ];
}
