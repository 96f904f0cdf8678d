// What the hand-written runtime implements, for the reference docs. A syntactic scan of
// runtime/ (the TypeScript parser only: no type checking, so it stays fast and never depends on
// generated/ compiling) that recognises the two ways the runtime takes on an instruction:
//
//   - a method of a class that `implements Handlers<…>` imported from generated/<isa>/. A method
//     whose body only calls `this.unimplemented(…)` (what `isagen gen --scaffold` writes) is a
//     stub and does not count.
//   - `TABLE[Op.<variant>] = …` assignments to a variable whose doc comment carries the tag
//     `@executes`: a hot path keyed by generated ids (the MIPS vCPU's switch), per variant.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { ts as TS } from "ts-morph";
import type { Isa } from "./model.ts";
import { tsMorph } from "./emit/common.ts";

const ts = tsMorph.ts;

/** One place in the runtime that implements an instruction. */
export interface Implementer {
  /** `Class.method`, or the `@executes` table's name. */
  readonly by: string;
  /** What the `@executes` tag says the table is. */
  readonly what?: string;
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

/** The text of a declaration's `@executes` tag ("" when bare), or undefined without one. */
function executesTag(node: TS.Node): string | undefined {
  const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === "executes");
  if (!tag) return undefined;
  return (typeof tag.comment === "string" ? tag.comment : (tag.comment ?? []).map((c) => c.text).join("")).trim();
}

/** Scans `<root>/runtime` and returns what it implements, per ISA of `isas`. */
export function scanRuntime(root: string, isas: readonly Isa[]): Map<string, Coverage> {
  const found = new Map<string, Map<string, Implementer[]>>(isas.map((i) => [i.name, new Map(i.variants.map((v) => [v.name, []]))]));
  const entryVariants = new Map(isas.map((i) => [i.name, new Map(i.entries.map((e) => [e.key, e.variants.map((v) => v.name)]))]));
  const add = (isa: string, variant: string, who: Implementer) => {
    const list = found.get(isa)?.get(variant);
    if (list && !list.some((x) => x.by === who.by)) list.push(who);
  };
  for (const path of tsFiles(join(root, "runtime"))) {
    const text = readFileSync(path, "utf8");
    if (!text.includes("generated/")) continue;
    const file = relative(root, path).split("\\").join("/");
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const imports = generatedImports(sf);
    const tables = new Map<string, string>(); // @executes variable → what its tag says it is
    const visit = (node: TS.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const impl = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword);
        const handlers = impl?.types.find((t) => ts.isIdentifier(t.expression) && imports.has(t.expression.text) && t.expression.text === "Handlers");
        const isa = handlers && imports.get((handlers.expression as TS.Identifier).text)!;
        const variants = isa ? entryVariants.get(isa) : undefined;
        if (isa && variants) {
          for (const m of node.members) {
            if (!ts.isMethodDeclaration(m) || !ts.isIdentifier(m.name) || isStub(m.body)) continue;
            for (const v of variants.get(m.name.text) ?? []) add(isa, v, { by: `${node.name.text}.${m.name.text}`, file });
          }
        }
      }
      const what = ts.isVariableStatement(node) ? executesTag(node) : undefined;
      if (ts.isVariableStatement(node) && what !== undefined) {
        for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) tables.set(d.name.text, what);
      }
      // KIND[Op.sll] = 1: the table must be tagged, and Op must come from generated/<isa>/.
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left)) {
        const { expression: target, argumentExpression: arg } = node.left;
        if (ts.isIdentifier(target) && tables.has(target.text) && ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression)) {
          const isa = imports.get(arg.expression.text);
          const what = tables.get(target.text) || undefined;
          if (isa && arg.expression.text === "Op") add(isa, arg.name.text, { by: target.text, file, ...(what ? { what } : {}) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}
