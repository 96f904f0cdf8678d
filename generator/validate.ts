// JSON Schema validation of tables (ajv), with each error placed at file:line:col.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { Diagnostics } from "./diagnostics.ts";
import type { PathSeg, YamlFile } from "./load.ts";

const cache = new Map<string, ValidateFunction>();

function validator(schemaPath: string): ValidateFunction {
  let v = cache.get(schemaPath);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    v = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
    cache.set(schemaPath, v);
  }
  return v;
}

function pathOf(pointer: string): PathSeg[] {
  if (!pointer) return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(err: ErrorObject, path: PathSeg[]): string {
  const where = path.length ? `'${path[path.length - 1]}'` : "the table";
  switch (err.keyword) {
    case "additionalProperties":
      return `unknown key '${(err.params as { additionalProperty: string }).additionalProperty}' in ${where === "the table" ? "the table" : where}`;
    case "required":
      return `${where} needs the key '${(err.params as { missingProperty: string }).missingProperty}'`;
    case "type":
      return `${where} must be of type ${(err.params as { type: string }).type}`;
    case "enum":
      return `${where} must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return `${where} does not have the expected form (${err.parentSchema?.description ?? (err.params as { pattern: string }).pattern})`;
    case "propertyNames":
      return `key name ${(err.params as { propertyName: string }).propertyName} is not allowed here`;
    default:
      return `${where} ${err.message ?? "is invalid"}`;
  }
}

/**
 * Validates `file` against a schema in `opcodes/`. Reports each problem once, at the most
 * specific place; returns true when the file is valid.
 */
export function validateFile(file: YamlFile, schemaFile: string, root: string, diags: Diagnostics): boolean {
  const v = validator(join(root, "opcodes", schemaFile));
  if (v(file.data)) return true;
  const errors = v.errors ?? [];
  // oneOf failures repeat their branches' errors; keep the most specific ones.
  const seen = new Set<string>();
  const specific = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "if");
  const chosen = specific.length > 0 ? specific : errors;
  // Within a oneOf, branch errors at the same path are alternatives: keep the first per path.
  for (const err of chosen) {
    const path = pathOf(err.instancePath);
    // reported with the key below (as are the errors about the name itself, e.g. its pattern)
    if (err.keyword === "propertyNames" || (err as { propertyName?: string }).propertyName !== undefined) continue;
    const key = err.instancePath;
    if (seen.has(key)) continue;
    seen.add(key);
    let pos;
    let msg = describe(err, path);
    if (err.keyword === "additionalProperties") {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      pos = file.pos([...path, extra], true);
    } else {
      pos = file.pos(path, false);
    }
    diags.error(pos, msg);
  }
  for (const err of errors.filter((e) => e.keyword === "propertyNames")) {
    const name = (err.params as { propertyName: string }).propertyName;
    const path = pathOf(err.instancePath);
    const k = `${err.instancePath}/${name}`;
    if (seen.has(k)) continue;
    seen.add(k);
    diags.error(file.pos([...path, name], true), `name '${name}' is not allowed here (use lower-case letters, digits and _)`);
  }
  return false;
}
