// `isagen gen --scaffold`: finds every handler set (a class that implements a generated
// `Handlers` interface) in runtime/ and test/, and adds a stub for each instruction it lacks.
// Stubs call the class's own `unimplemented(name, w)`, which ends the guest run with a clear
// "unimplemented instruction" exit. Existing code is never changed: methods are only added.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { ClassDeclaration } from "ts-morph";
import { tsMorph } from "./emit/common.ts";

export interface ScaffoldResult {
  file: string;
  cls: string;
  isa: string;
  added: string[];
  problem?: string;
}

/** The generated ISA a class's `implements Handlers<…>` refers to, e.g. "ppc440". */
function handlersIsa(cls: ClassDeclaration): { isa: string; typeArg: string } | undefined {
  for (const impl of cls.getImplements()) {
    const expr = impl.getExpression().getText();
    if (!/(^|\.)Handlers$/.test(expr)) continue;
    const sym = impl.getExpression().getSymbol();
    const decl = (sym?.getAliasedSymbol() ?? sym)?.getDeclarations()[0];
    const m = decl && /generated[\\/]([a-z0-9_]+)[\\/]handlers\.ts$/.exec(decl.getSourceFile().getFilePath());
    if (!m) continue;
    return { isa: m[1], typeArg: impl.getTypeArguments()[0]?.getText() ?? "void" };
  }
  return undefined;
}

export function scaffold(root: string, dirs = ["runtime", "test"]): ScaffoldResult[] {
  const project = new tsMorph.Project({ tsConfigFilePath: join(root, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
  for (const d of dirs) if (existsSync(join(root, d))) project.addSourceFilesAtPaths(join(root, d, "**/*.ts"));
  project.resolveSourceFileDependencies();
  const results: ScaffoldResult[] = [];
  for (const sf of project.getSourceFiles()) {
    const file = relative(root, sf.getFilePath()).split("\\").join("/");
    if (file.startsWith("generated/") || file.startsWith("node_modules/") || !dirs.some((d) => file.startsWith(`${d}/`))) continue;
    for (const cls of sf.getClasses()) {
      const h = handlersIsa(cls);
      if (!h) continue;
      const iface = cls
        .getImplements()
        .find((i) => /(^|\.)Handlers$/.test(i.getExpression().getText()))!
        .getType();
      const wanted = iface.getProperties().map((p) => p.getName());
      const have = new Set(cls.getType().getProperties().map((p) => p.getName()));
      const missing = wanted.filter((m) => !have.has(m));
      const result: ScaffoldResult = { file, cls: cls.getName() ?? "(anonymous)", isa: h.isa, added: [] };
      if (missing.length && !have.has("unimplemented")) {
        result.problem = `class ${result.cls} has no unimplemented(name: string, w: number) method for the stubs to call; add one`;
        results.push(result);
        continue;
      }
      cls.addMethods(
        missing.map((name) => ({
          name,
          docs: [`Scaffolded by \`isagen gen --scaffold\`: not implemented yet.`],
          parameters: [{ name: "w", type: "number" }],
          returnType: h.typeArg,
          statements: `return this.unimplemented(${JSON.stringify(name)}, w);`,
        })),
      );
      result.added = missing;
      results.push(result);
    }
  }
  project.saveSync();
  return results;
}
