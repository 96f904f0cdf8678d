// What the hand-written runtime implements, for the reference docs. A syntactic scan of
// runtime/ (the TypeScript parser only: no type checking, so it stays fast and never depends on
// generated/ compiling): an instruction is implemented by a method named after its table entry in
// a class that implements the generated interface of a role the entry has (`VcpuHandlers<…>`,
// `FpuHandlers<…>`, `EmulateHandlers<…>`, imported from generated/<isa>/; generator/roles.ts).
// A method whose body only calls `this.unimplemented(…)` (what `isagen gen --scaffold` writes) is
// a stub and does not count.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ts as TS } from "ts-morph";
import type { Isa } from "./model.ts";
import { entryRoles, ROLE_DEFS } from "./roles.ts";
import { tsMorph } from "./emit/common.ts";

const ts = tsMorph.ts;

/** One place in the runtime that implements an instruction. */
export interface Implementer {
  /** `Class.method`. */
  readonly by: string;
  /** Repository-relative path. */
  readonly file: string;
}

/** Per ISA: variant name → who implements it (empty: nobody; the run ends there). */
export type Coverage = ReadonlyMap<string, readonly Implementer[]>;

function tsFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((d) => (d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []))
    .sort();
}

/** Imported local name → ISA, for imports from generated/<isa>/…. */
function generatedImports(sf: TS.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const m = /(?:^|\/)generated\/([a-z0-9_]+)\//.exec(st.moduleSpecifier.text);
    const named = st.importClause?.namedBindings;
    if (!m || !named || !ts.isNamedImports(named)) continue;
    for (const el of named.elements) out.set(el.name.text, m[1]);
  }
  return out;
}

/** `{ return this.unimplemented(…); }` or `{ this.unimplemented(…); }`. */
function isStub(body: TS.Block | undefined): boolean {
  if (!body || body.statements.length !== 1) return !body;
  const st = body.statements[0];
  const expr = ts.isReturnStatement(st) ? st.expression : ts.isExpressionStatement(st) ? st.expression : undefined;
  return (
    !!expr &&
    ts.isCallExpression(expr) &&
    ts.isPropertyAccessExpression(expr.expression) &&
    expr.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
    expr.expression.name.text === "unimplemented"
  );
}

/** Scans `<root>/runtime` and returns what it implements, per ISA of `isas`. */
export function scanRuntime(root: string, isas: readonly Isa[]): Map<string, Coverage> {
  const files = tsFiles(join(root, "runtime"))
    .map((path) => ({ path, file: relative(root, path).split("\\").join("/"), text: readFileSync(path, "utf8") }))
    .filter((f) => f.text.includes("generated/"));
  // Parsing costs ~0.2 s in a cold process, a good part of `npm run gen`: results are cached by
  // the runtime's sources and the instruction names asked for.
  const hash = createHash("sha256").update(SCANNER);
  for (const i of isas) hash.update(`\0${i.name}:${i.entries.map((e) => `${e.key}[${entryRoles(i, e).join(",")}]=${e.variants.map((v) => v.name).join(",")}`).join(" ")}`);
  for (const f of files) hash.update(`\0${f.file}\0${f.text}`);
  const key = hash.digest("hex");
  const cached = readCached(root, key);
  if (cached) return cached;
  const found = scanFiles(files, isas);
  writeCached(root, key, found);
  return found;
}

/** This module's own source: a change to the scan's rules invalidates cached results. */
const SCANNER = readFileSync(fileURLToPath(import.meta.url), "utf8");

function cachePath(root: string): string {
  return join(root, "node_modules", ".cache", "isagen-coverage.json");
}

function readCached(root: string, key: string): Map<string, Coverage> | undefined {
  try {
    const data = JSON.parse(readFileSync(cachePath(root), "utf8")) as { key: string; isas: Record<string, Record<string, Implementer[]>> };
    if (data.key !== key) return undefined;
    return new Map(Object.entries(data.isas).map(([isa, m]) => [isa, new Map(Object.entries(m))]));
  } catch {
    return undefined;
  }
}

function writeCached(root: string, key: string, found: Map<string, Coverage>): void {
  try {
    mkdirSync(dirname(cachePath(root)), { recursive: true });
    const isas = Object.fromEntries([...found].map(([isa, m]) => [isa, Object.fromEntries(m)]));
    // Through a rename: several gen processes (tests in temporary copies) may share the cache.
    const tmp = `${cachePath(root)}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, isas }));
    renameSync(tmp, cachePath(root));
  } catch {
    /* a cache we cannot write only costs time */
  }
}

function scanFiles(files: { path: string; file: string; text: string }[], isas: readonly Isa[]): Map<string, Coverage> {
  const found = new Map<string, Map<string, Implementer[]>>(isas.map((i) => [i.name, new Map(i.variants.map((v) => [v.name, []]))]));
  const entryVariants = new Map(isas.map((i) => [i.name, new Map(i.entries.map((e) => [e.key, e.variants.map((v) => v.name)]))]));
  // Per ISA: role interface name → the entries it has.
  const roleEntries = new Map(
    isas.map((i) => [i.name, new Map(ROLE_DEFS.map((d) => [d.iface, new Set(i.entries.filter((e) => entryRoles(i, e).includes(d.role)).map((e) => e.key))]))]),
  );
  const add = (isa: string, variant: string, who: Implementer) => {
    const list = found.get(isa)?.get(variant);
    if (list && !list.some((x) => x.by === who.by)) list.push(who);
  };
  for (const { path, file, text } of files) {
    const sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone });
    const imports = generatedImports(sf);
    const visit = (node: TS.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const impl = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword);
        // Every generated role interface it implements; only the role's entries count.
        for (const handlers of impl?.types ?? []) {
          if (!ts.isIdentifier(handlers.expression) || !/Handlers$/.test(handlers.expression.text)) continue;
          const isa = imports.get(handlers.expression.text);
          const variants = isa ? entryVariants.get(isa) : undefined;
          if (!isa || !variants) continue;
          const owned = roleEntries.get(isa)?.get(handlers.expression.text);
          if (!owned) continue;
          for (const m of node.members) {
            if (!ts.isMethodDeclaration(m) || !ts.isIdentifier(m.name) || isStub(m.body)) continue;
            if (!owned.has(m.name.text)) continue;
            for (const v of variants.get(m.name.text) ?? []) add(isa, v, { by: `${node.name.text}.${m.name.text}`, file });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}
