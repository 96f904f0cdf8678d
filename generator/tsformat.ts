// Prettier's TypeScript formatting, for the regular shapes most generated code has: functions,
// interfaces, switches, ifs, returns, constants, calls and object literals whose every line fits
// in 100 columns. Prettier prints such code flat, one statement per line, so printing it here is
// a matter of indentation and of prettier's parentheses in expressions (needsParens below).
// A chunk with anything else — a line that would not fit, a construct not listed here — gets
// `undefined` from formatTs, and format.ts hands it to prettier. Prettier needs about 2 ms per KB
// of code, and it would be given 1 MB; test/generator/format.test.ts checks that prettier leaves
// everything printed here unchanged, and compares the expression printer with prettier's on
// random expressions.

const WIDTH = 100;

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | { k: "atom"; text: string } // identifier, number, string, keyword literal
  | { k: "member"; obj: Expr; name: string }
  | { k: "index"; obj: Expr; index: Expr }
  | { k: "call"; callee: Expr; args: Expr[] }
  | { k: "unary"; op: string; arg: Expr }
  | { k: "binary"; op: string; left: Expr; right: Expr }
  | { k: "cond"; test: Expr; then: Expr; else: Expr }
  | { k: "object"; props: { key: string; value: Expr }[] }
  | { k: "array"; items: Expr[] };

/** Prettier's precedence table (higher binds tighter). */
const PRECEDENCE = new Map<string, number>(
  [["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "===", "!=", "!=="], ["<", ">", "<=", ">="], [">>", "<<", ">>>"], ["+", "-"], ["*", "/", "%"]].flatMap((ops, i) =>
    ops.map((op) => [op, i] as [string, number]),
  ),
);
const LOGICAL = new Set(["||", "&&"]);
const BITWISE = new Set(["|", "^", "&", ">>", "<<", ">>>"]);
const EQUALITY = new Set(["==", "===", "!=", "!=="]);
const MULTIPLICATIVE = new Set(["*", "/", "%"]);
const SHIFT = new Set([">>", "<<", ">>>"]);

class Unsupported extends Error {}

const TOKEN = /\s*(0x[0-9a-f]+\b|\d+\b|"[^"\\\n]*"|[A-Za-z_$][\w$]*|>>>|===|!==|==|!=|<=|>=|<<|>>|&&|\|\||[-+*/%&|^~!<>?:()[\].,{}])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) {
      if (src.slice(at).trim() === "") break;
      throw new Unsupported(`token at ${src.slice(at, at + 10)}`);
    }
    out.push(m[1]);
  }
  return out;
}

const KEYWORDS = new Set(["true", "false", "null", "undefined", "this"]);
const RESERVED = new Set(["new", "function", "typeof", "void", "delete", "in", "instanceof", "as", "satisfies", "yield", "await", "class", "return"]);

/** Parses the expression subset; throws Unsupported outside it. */
export function parseExpr(src: string): Expr {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const expect = (t: string) => {
    if (toks[i++] !== t) throw new Unsupported(`expected ${t}`);
  };
  const primary = (): Expr => {
    const t = next();
    if (t === undefined) throw new Unsupported("end");
    if (t === "(") {
      const e = expr();
      expect(")");
      return e;
    }
    if (t === "{") {
      const props: { key: string; value: Expr }[] = [];
      while (peek() !== "}") {
        const key = next();
        if (!/^[A-Za-z_$][\w$]*$/.test(key) || RESERVED.has(key)) throw new Unsupported("key");
        expect(":");
        props.push({ key, value: expr() });
        if (peek() !== "}") expect(",");
      }
      next();
      return { k: "object", props };
    }
    if (t === "[") {
      const items: Expr[] = [];
      while (peek() !== "]") {
        items.push(expr());
        if (peek() !== "]") expect(",");
      }
      next();
      return { k: "array", items };
    }
    if (/^(0x[0-9a-f]+|\d+|"[^"\\]*")$/.test(t) || (/^[A-Za-z_$][\w$]*$/.test(t) && !RESERVED.has(t))) {
      // Numbers as prettier prints them: no leading zeros (except 0 itself).
      if (/^0\d/.test(t)) throw new Unsupported("number");
      return { k: "atom", text: t };
    }
    throw new Unsupported(`unexpected ${t}`);
  };
  const postfix = (): Expr => {
    let e = primary();
    for (;;) {
      if (peek() === ".") {
        next();
        const name = next();
        if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Unsupported("member");
        e = { k: "member", obj: e, name };
      } else if (peek() === "(") {
        next();
        const args: Expr[] = [];
        while (peek() !== ")") {
          args.push(expr());
          if (peek() !== ")") expect(",");
        }
        next();
        e = { k: "call", callee: e, args };
      } else if (peek() === "[") {
        next();
        const index = expr();
        expect("]");
        e = { k: "index", obj: e, index };
      } else return e;
    }
  };
  const unary = (): Expr => {
    const t = peek();
    if (t === "!" || t === "~" || t === "-" || t === "+") {
      next();
      return { k: "unary", op: t, arg: unary() };
    }
    return postfix();
  };
  const binary = (minPrec: number): Expr => {
    let left = unary();
    for (;;) {
      const op = peek();
      const p = op === undefined ? undefined : PRECEDENCE.get(op);
      if (p === undefined || p < minPrec) return left;
      next();
      const right = binary(p + 1);
      left = { k: "binary", op, left, right };
    }
  };
  const expr = (): Expr => {
    const test = binary(0);
    if (peek() !== "?") return test;
    next();
    const then = expr();
    expect(":");
    return { k: "cond", test, then, else: expr() };
  };
  const e = expr();
  if (i !== toks.length) throw new Unsupported("trailing tokens");
  return e;
}

function shouldFlatten(parentOp: string, op: string): boolean {
  if (PRECEDENCE.get(op) !== PRECEDENCE.get(parentOp)) return false;
  if (EQUALITY.has(parentOp) && EQUALITY.has(op)) return false;
  if ((op === "%" && MULTIPLICATIVE.has(parentOp)) || (parentOp === "%" && MULTIPLICATIVE.has(op))) return false;
  if (op !== parentOp && MULTIPLICATIVE.has(op) && MULTIPLICATIVE.has(parentOp)) return false;
  if (SHIFT.has(parentOp) && SHIFT.has(op)) return false;
  return true;
}

type Slot = "binary-left" | "binary-right" | "unary" | "object" | "callee" | "cond-test" | "cond-branch" | "top";

/** Does prettier print parentheses around e in this position (parent operator po)? */
function needsParens(e: Expr, slot: Slot, po?: string): boolean {
  switch (e.k) {
    case "binary": {
      if (slot === "unary" || slot === "object" || slot === "callee") return true;
      if (slot !== "binary-left" && slot !== "binary-right") return false;
      const pp = PRECEDENCE.get(po!)!;
      const np = PRECEDENCE.get(e.op)!;
      if (pp > np) return true;
      if (slot === "binary-right" && pp === np) return true;
      if (pp === np && !shouldFlatten(po!, e.op)) return true;
      // Under a bitwise operator every operand that is an operation gets parentheses.
      if (BITWISE.has(po!)) return true;
      if (pp < np && e.op === "%") return po === "+" || po === "-";
      // && inside || (and the reverse, above) keeps them.
      if (LOGICAL.has(po!) && LOGICAL.has(e.op)) return true;
      // (a < b) > c: without them TypeScript would read a type argument.
      return slot === "binary-left" && po === ">" && e.op === "<";
    }
    case "cond":
      return slot !== "top" && slot !== "cond-branch";
    case "unary":
      // - -a and + +a keep theirs (they would read as -- and ++); !!a and ~-a need none.
      return slot === "object" || slot === "callee" || (slot === "unary" && e.op === po && (e.op === "-" || e.op === "+"));
    case "atom":
      // (12).toString: a number needs them before a dot.
      return slot === "object" && /^\d|^0x/.test(e.text);
    default:
      return false;
  }
}

/** An expression printed flat, with prettier's parentheses. */
export function printExpr(e: Expr, slot: Slot = "top", po?: string): string {
  const s = printBare(e);
  return needsParens(e, slot, po) ? `(${s})` : s;
}

function printBare(e: Expr): string {
  switch (e.k) {
    case "atom":
      return e.text;
    case "member":
      return `${printExpr(e.obj, "object")}.${e.name}`;
    case "index":
      return `${printExpr(e.obj, "object")}[${printExpr(e.index)}]`;
    case "call":
      return `${printExpr(e.callee, "callee")}(${e.args.map((a) => printExpr(a)).join(", ")})`;
    case "unary":
      return `${e.op}${printExpr(e.arg, "unary", e.op)}`;
    case "binary": {
      // Same-operator logical chains are rebalanced to the left: a || (b || c) is a || b || c.
      if (LOGICAL.has(e.op) && e.right.k === "binary" && e.right.op === e.op) {
        const r = e.right;
        return printBare({ k: "binary", op: e.op, left: { k: "binary", op: e.op, left: e.left, right: r.left }, right: r.right });
      }
      // A left operand of the same precedence joins the chain, without parentheses (but a < b > c).
      const flat = e.left.k === "binary" && shouldFlatten(e.op, e.left.op) && !(e.op === ">" && e.left.op === "<");
      const left = flat ? printBare(e.left) : printExpr(e.left, "binary-left", e.op);
      return `${left} ${e.op} ${printExpr(e.right, "binary-right", e.op)}`;
    }
    case "cond":
      return `${printExpr(e.test, "cond-test")} ? ${printExpr(e.then, "cond-branch")} : ${printExpr(e.else, "cond-branch")}`;
    case "object":
      return e.props.length ? `{ ${e.props.map((p) => `${p.key}: ${printExpr(p.value)}`).join(", ")} }` : "{}";
    case "array":
      return `[${e.items.map((x) => printExpr(x)).join(", ")}]`;
  }
}

/** Calls in a chain such as f(a).g(b).h(c). */
function chainCalls(e: Expr): number {
  if (e.k === "call") return 1 + chainCalls(e.callee);
  if (e.k === "member" || e.k === "index") return chainCalls(e.obj);
  return 0;
}

/**
 * Shapes prettier lays out on several lines even when they would fit: nested conditionals,
 * member chains of more than two calls, arrays of objects.
 */
export function breaksAnyway(e: Expr): boolean {
  const kids: Expr[] =
    e.k === "cond"
      ? [e.test, e.then, e.else]
      : e.k === "member"
        ? [e.obj]
        : e.k === "index"
          ? [e.obj, e.index]
          : e.k === "call"
            ? [e.callee, ...e.args]
            : e.k === "unary"
              ? [e.arg]
              : e.k === "binary"
                ? [e.left, e.right]
                : e.k === "object"
                  ? e.props.map((p) => p.value)
                  : e.k === "array"
                    ? e.items
                    : [];
  if (e.k === "cond" && kids.some((x) => x.k === "cond")) return true;
  // Arrays of objects or arrays are laid out one element per line.
  if (e.k === "array" && e.items.some((x) => x.k === "object" || x.k === "array")) return true;
  if (chainCalls(e) > 2) return true;
  return kids.some(breaksAnyway);
}

/** The expression printed as prettier prints it when it fits; throws Unsupported otherwise. */
function expr(src: string): string {
  const e = parseExpr(src);
  if (breaksAnyway(e)) throw new Unsupported("breaks anyway");
  return printExpr(e);
}

// ---------------------------------------------------------------------------------------------
// Statements, one per line

const ID = String.raw`[A-Za-z_$][\w$]*`;
/** A type as written in parameters, returns and properties. */
const TYPE = String.raw`(?:${ID}(?:<${ID}>)?(?:\[\])?|\{ (?:${ID}: number; )*${ID}: number \})`;
const PARAM = String.raw`${ID}: ${TYPE}(?: = \d+)?`;
const PARAMS = String.raw`(?:${PARAM}(?:, ${PARAM})*)?`;
const TYPE_PARAMS = String.raw`(?:<${ID}(?: = ${ID})?>)?`;

const FUNCTION = new RegExp(String.raw`^(?:export )?function ${ID}${TYPE_PARAMS}\(${PARAMS}\): ${TYPE} \{$`);
const INTERFACE = new RegExp(String.raw`^export interface ${ID}${TYPE_PARAMS} \{$`);
const METHOD_SIG = new RegExp(String.raw`^${ID}\(${PARAMS}\): ${TYPE};$`);
const PROP_SIG = new RegExp(String.raw`^(?:readonly )?${ID}\??: ${TYPE};$`);
const IMPORT = /^import (?:\{ [\w$ ,]+ \}|[\w$]+) from "[\w./-]+"(?: with \{ type: "json" \})?;$/;
const EXPORT_FROM = /^export (?:\{ [\w$ ,]+ \}|\* as [\w$]+) from "[\w./-]+";$/;
const OBJECT_START = new RegExp(String.raw`^(?:export )?const ${ID}(?:: ${TYPE})? = \{$`);
const TYPE_ALIAS = new RegExp(String.raw`^export type ${ID} = keyof typeof ${ID};$`);

type Block = "function" | "interface" | "switch" | "case" | "if" | "object";

/**
 * The chunk (ts-morph's output, two-space indentation) as prettier prints it, or undefined when
 * it has a line this does not know, or one that does not fit.
 */
export function formatTs(chunk: string): string | undefined {
  try {
    return format(chunk);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function format(chunk: string): string {
  const out: string[] = [];
  const stack: Block[] = [];
  let blank = false;
  /** Index in out of the line that opened the innermost block, while the block is empty. */
  let opened = -1;
  const top = (): Block | undefined => stack[stack.length - 1];
  let afterComment = false;
  const emit = (depth: number, code: string, comment?: string, ownLineComment = false) => {
    const line = "  ".repeat(depth) + code;
    // Trailing line comments do not count against the width.
    if (!ownLineComment && (line.length > WIDTH || /[^\x20-\x7e]/.test(code))) throw new Unsupported("width");
    // A comment prettier would attach to what follows it: only before a statement at its depth.
    if (afterComment && (/^(case .*|default):$/.test(code) || /^[}\]]/.test(code))) throw new Unsupported("comment placement");
    if (blank) {
      const prev = out[out.length - 1];
      // Prettier keeps one blank line between statements, none at the start or end of a block.
      if (prev === undefined || prev.endsWith("{") || /^\s*(case .*|default):( \/\/.*)?$/.test(prev) || /^[}\]]/.test(code))
        throw new Unsupported("blank line");
      out.push("");
      blank = false;
    }
    afterComment = ownLineComment;
    out.push(comment === undefined ? line : `${line} ${comment}`);
  };
  for (const raw of chunk.trim().split("\n")) {
    const line = raw.trim();
    if (line === "") {
      if (blank) throw new Unsupported("blank lines");
      blank = true;
      continue;
    }
    if (raw !== raw.trimEnd() || /\t/.test(raw)) throw new Unsupported("whitespace");
    const depth = stack.length;
    // Own-line comments: // text, or a one-line JSDoc.
    if (/^\/\/( .*)?$/.test(line) || (/^\/\*\* .* \*\/$/.test(line) && !line.slice(3, -2).includes("*/"))) {
      if (top() === "switch") throw new Unsupported("comment before case");
      emit(depth, line, undefined, true);
      continue;
    }
    // Code, and a trailing line comment (which must not be inside a string).
    const m = /^(.*?)(?:\s(\/\/ .*|\/\/))?$/.exec(line)!;
    const code = m[1];
    const comment = m[2];
    if (comment !== undefined && (code.split('"').length - 1) % 2 !== 0) throw new Unsupported("comment in string");
    if (code === "}" || code === "};" || code === "} as const;") {
      let b = stack.pop();
      if (b === "case") b = stack.pop();
      if (b === undefined) throw new Unsupported("unbalanced");
      if ((code !== "}") !== (b === "object")) throw new Unsupported("closer");
      if (opened === out.length - 1 && !blank && comment === undefined && !/\/\/|\/\*/.test(out[opened])) {
        // An empty block or object: prettier writes {} on the opening line.
        out[opened] += code;
        continue;
      }
      emit(stack.length, code, comment);
      continue;
    }
    if (top() === "object") {
      const p = new RegExp(String.raw`^(${ID}): (.*),$`).exec(code);
      if (!p) throw new Unsupported("property");
      emit(depth, `${p[1]}: ${expr(p[2])},`, comment);
      continue;
    }
    if (top() === "interface") {
      if (!METHOD_SIG.test(code) && !PROP_SIG.test(code)) throw new Unsupported("member");
      emit(depth, code, comment);
      continue;
    }
    if (/^(case .+|default):$/.test(code)) {
      if (top() === "case") stack.pop();
      if (top() !== "switch") throw new Unsupported("case outside switch");
      const label = code === "default:" ? code : `case ${expr(code.slice(5, -1))}:`;
      emit(stack.length, label, comment);
      stack.push("case");
      continue;
    }
    if (top() === "switch") throw new Unsupported("statement before case");
    if (FUNCTION.test(code) || INTERFACE.test(code)) {
      emit(depth, code, comment);
      stack.push(code.includes("interface ") ? "interface" : "function");
      opened = out.length - 1;
      continue;
    }
    if (depth === 0 && (IMPORT.test(code) || EXPORT_FROM.test(code) || TYPE_ALIAS.test(code))) {
      emit(depth, code, comment);
      continue;
    }
    if (OBJECT_START.test(code)) {
      emit(depth, code, comment);
      stack.push("object");
      opened = out.length - 1;
      continue;
    }
    let s: RegExpExecArray | null;
    if ((s = /^switch \((.*)\) \{$/.exec(code))) {
      emit(depth, `switch (${expr(s[1])}) {`, comment);
      stack.push("switch");
      opened = out.length - 1;
    } else if ((s = /^if \((.*)\) \{$/.exec(code))) {
      emit(depth, `if (${expr(s[1])}) {`, comment);
      stack.push("if");
      opened = out.length - 1;
    } else if ((s = /^if \((.*)\) return (.*);$/.exec(code))) {
      // Split at the parenthesis that closes the condition.
      const [cond, rest] = splitCondition(code.slice(3));
      const r = /^ return (.*);$/.exec(rest);
      if (!r) throw new Unsupported("if");
      emit(depth, `if (${expr(cond)}) return ${expr(r[1])};`, comment);
    } else if ((s = /^return(?: (.*))?;$/.exec(code))) {
      emit(depth, s[1] === undefined ? "return;" : `return ${expr(s[1])};`, comment);
    } else if ((s = new RegExp(String.raw`^(export )?(const|let) (${ID})(: ${TYPE})? = (.*);$`).exec(code))) {
      emit(depth, `${s[1] ?? ""}${s[2]} ${s[3]}${s[4] ?? ""} = ${expr(s[5])};`, comment);
    } else if ((s = new RegExp(String.raw`^(${ID}) (\||&|\^|\+|-|<<|>>>|>>)?= (.*);$`).exec(code))) {
      emit(depth, `${s[1]} ${s[2] ?? ""}= ${expr(s[3])};`, comment);
    } else if ((s = /^(.*\));$/.exec(code))) {
      const e = parseExpr(s[1]);
      // (An expression statement cannot start with `{`.)
      if (e.k !== "call" || breaksAnyway(e) || printExpr(e).startsWith("{")) throw new Unsupported("statement");
      emit(depth, `${printExpr(e)};`, comment);
    } else throw new Unsupported(`line: ${code}`);
  }
  if (stack.length || blank || afterComment) throw new Unsupported("unbalanced");
  return out.join("\n");
}

/** "(cond) return x;" → ["cond", " return x;"], matching parentheses (strings have none here). */
function splitCondition(s: string): [string, string] {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') {
      i = s.indexOf('"', i + 1);
      if (i < 0) break;
    } else if (s[i] === "(") depth++;
    else if (s[i] === ")" && --depth === 0) return [s.slice(1, i), s.slice(i + 1)];
  }
  throw new Unsupported("parentheses");
}
