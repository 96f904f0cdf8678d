// Templates: the asm syntax of instructions and aliases ("rt,d(ra)", "{cr(bi >> 2)},bd",
// "[{cr(bf)},]ra,si") and alias names ("beq*{hint}").
//
// In asm templates a bare lower-case word is a field printed its own way, {expr} is an
// expression, [ ... ] is a group left out when every value in it is zero (or empty), and
// anything else is literal. In names only {expr} and '*' (where variant suffixes go) are special.
import { ExprError, parseExpr, type Expr } from "./expr.ts";

export type Segment =
  | { k: "lit"; text: string }
  | { k: "field"; name: string }
  | { k: "expr"; e: Expr; src: string }
  | { k: "group"; items: Segment[] }
  | { k: "suffix" };

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function readBraced(src: string, start: number): { body: string; end: number } {
  let depth = 0;
  let inStr = false;
  for (let i = start; i < src.length; i++) {
    const ch = src[i];
    if (inStr) {
      if (ch === "'") inStr = false;
      continue;
    }
    if (ch === "'") inStr = true;
    else if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return { body: src.slice(start + 1, i), end: i + 1 };
    }
  }
  throw new TemplateError("'{' without matching '}'", start);
}

function parseExprAt(body: string, offset: number): Expr {
  try {
    return parseExpr(body);
  } catch (e) {
    if (e instanceof ExprError) throw new TemplateError(`in {${body}}: ${e.message}`, offset + 1 + e.offset);
    throw e;
  }
}

export function parseAsm(src: string): Segment[] {
  const stack: Segment[][] = [[]];
  const opens: number[] = [];
  let lit = "";
  const flush = () => {
    if (lit) stack[stack.length - 1].push({ k: "lit", text: lit });
    lit = "";
  };
  for (let i = 0; i < src.length; ) {
    const ch = src[i];
    if (ch === "{") {
      flush();
      const { body, end } = readBraced(src, i);
      stack[stack.length - 1].push({ k: "expr", e: parseExprAt(body, i), src: body });
      i = end;
    } else if (ch === "[") {
      flush();
      stack.push([]);
      opens.push(i);
      i++;
    } else if (ch === "]") {
      flush();
      if (stack.length === 1) throw new TemplateError("']' without '['", i);
      const items = stack.pop()!;
      opens.pop();
      stack[stack.length - 1].push({ k: "group", items });
      i++;
    } else if (/[a-z_]/.test(ch)) {
      const m = /^[a-z_][a-z0-9_]*/.exec(src.slice(i))!;
      flush();
      stack[stack.length - 1].push({ k: "field", name: m[0] });
      i += m[0].length;
    } else if (ch === "}") {
      throw new TemplateError("'}' without '{'", i);
    } else {
      lit += ch;
      i++;
    }
  }
  flush();
  if (stack.length > 1) throw new TemplateError("'[' without matching ']'", opens[opens.length - 1]);
  return stack[0];
}

export function parseName(src: string): Segment[] {
  const out: Segment[] = [];
  let lit = "";
  let sawSuffix = false;
  const flush = () => {
    if (lit) out.push({ k: "lit", text: lit });
    lit = "";
  };
  for (let i = 0; i < src.length; ) {
    const ch = src[i];
    if (ch === "{") {
      flush();
      const { body, end } = readBraced(src, i);
      out.push({ k: "expr", e: parseExprAt(body, i), src: body });
      i = end;
    } else if (ch === "*") {
      if (sawSuffix) throw new TemplateError("more than one '*'", i);
      sawSuffix = true;
      flush();
      out.push({ k: "suffix" });
      i++;
    } else {
      lit += ch;
      i++;
    }
  }
  flush();
  if (!sawSuffix) out.push({ k: "suffix" });
  return out;
}

/** Every expression in a template, with bare fields as identifiers. */
export function templateExprs(segs: readonly Segment[], out: Expr[] = []): Expr[] {
  for (const s of segs) {
    if (s.k === "expr") out.push(s.e);
    else if (s.k === "field") out.push({ k: "id", name: s.name });
    else if (s.k === "group") templateExprs(s.items, out);
  }
  return out;
}
