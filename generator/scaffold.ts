// `isagen gen --scaffold`: finds every handler set (a class that implements a generated handler
// role interface, like `VcpuHandlers`) in runtime/ and test/, and
// adds a stub for each instruction of that interface it lacks. Stubs take the operands the
// interface names and call the class's own `unimplemented(name)`, which ends the guest run with
// a clear "unimplemented instruction" exit. Existing code is never changed: methods are only added.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { ClassDeclaration, ExpressionWithTypeArguments } from "ts-morph";
import { tsMorph } from "./emit/common.ts";

export interface ScaffoldResult {
  file: string;
  cls: string;
  isa: string;
  added: string[];
  problem?: string;
}

/** The class's `implements X<…>` clauses naming generated handler interfaces, with their ISA. */
function handlerClauses(cls: ClassDeclaration): { impl: ExpressionWithTypeArguments; isa: string; typeArg: string }[] {
  const out = [];
  for (const impl of cls.getImplements()) {
    if (!/(^|\.)[A-Za-z]*Handlers$/.test(impl.getExpression().getText())) continue;
    const sym = impl.getExpression().getSymbol();
    const decl = (sym?.getAliasedSymbol() ?? sym)?.getDeclarations()[0];
    const m = decl && /generated[\\/]([a-z0-9_]+)[\\/]roles\.ts$/.exec(decl.getSourceFile().getFilePath());
    if (!m) continue;
    out.push({ impl, isa: m[1], typeArg: impl.getTypeArguments()[0]?.getText() ?? "void" });
  }
  return out;
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
      const clauses = handlerClauses(cls);
      if (!clauses.length) continue;
      const have = new Set(cls.getType().getProperties().map((p) => p.getName()));
      const result: ScaffoldResult = { file, cls: cls.getName() ?? "(anonymous)", isa: clauses[0].isa, added: [] };
      for (const { impl, typeArg } of clauses) {
        for (const prop of impl.getType().getProperties()) {
          const name = prop.getName();
          if (have.has(name)) continue;
          if (!have.has("unimplemented")) {
            result.problem = `class ${result.cls} has no unimplemented(name: string) method for the stubs to call; add one`;
            break;
          }
          // The interface method's parameter names, each unused in the stub (hence the `_`).
          const sig = prop.getValueDeclarationOrThrow().getType().getCallSignatures()[0];
          const params = (sig?.getParameters() ?? []).map((p) => ({ name: `_${p.getName()}`, type: "number" }));
          cls.addMethod({
            name,
            docs: [`Scaffolded by \`isagen gen --scaffold\`: not implemented yet.`],
            parameters: params,
            returnType: typeArg,
            statements: `return this.unimplemented(${JSON.stringify(name)});`,
          });
          have.add(name);
          result.added.push(name);
        }
      }
      results.push(result);
    }
  }
  project.saveSync();
  return results;
}
