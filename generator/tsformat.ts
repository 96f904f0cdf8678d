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

const RESERVED = new Set(["new", "function", "typeof", "void", "delete", "in", "instanceof", "as", "satisfies", "yield", "await", "class", "return"]);

const IDENT = /^[A-Za-z_$][\w$]*$/;
const LITERAL = /^(0x[0-9a-f]+|\d+|"[^"\\]*")$/;

/** Recursive descent over the expression subset; throws Unsupported outside it. */
class Parser {
  private i = 0;
  constructor(private readonly toks: string[]) {}

  private peek(): string | undefined {
    return this.toks[this.i];
  }

  private next(): string | undefined {
    return this.toks[this.i++];
  }

  private expect(t: string): void {
    if (this.toks[this.i++] !== t) throw new Unsupported(`expected ${t}`);
  }

  parse(): Expr {
    const e = this.expr();
    if (this.i !== this.toks.length) throw new Unsupported("trailing tokens");
    return e;
  }

  private expr(): Expr {
    const test = this.binary(0);
    if (this.peek() !== "?") return test;
    this.next();
    const then = this.expr();
    this.expect(":");
    return { k: "cond", test, then, else: this.expr() };
  }

  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      const p = op === undefined ? undefined : PRECEDENCE.get(op);
      if (p === undefined || p < minPrec) return left;
      this.next();
      left = { k: "binary", op: op!, left, right: this.binary(p + 1) };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t === "!" || t === "~" || t === "-" || t === "+") {
      this.next();
      return { k: "unary", op: t, arg: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      const t = this.peek();
      if (t === ".") {
        this.next();
        const name = this.next();
        if (name === undefined || !IDENT.test(name)) throw new Unsupported("member");
        e = { k: "member", obj: e, name };
      } else if (t === "(") {
        this.next();
        e = { k: "call", callee: e, args: this.list(")") };
      } else if (t === "[") {
        this.next();
        const index = this.expr();
        this.expect("]");
        e = { k: "index", obj: e, index };
      } else return e;
    }
  }

  /** Comma-separated expressions up to `close` (consumed). */
  private list(close: string): Expr[] {
    const items: Expr[] = [];
    while (this.peek() !== close) {
      items.push(this.expr());
      if (this.peek() !== close) this.expect(",");
    }
    this.next();
    return items;
  }

  private primary(): Expr {
    const t = this.next();
    if (t === undefined) throw new Unsupported("end");
    if (t === "(") {
      const e = this.expr();
      this.expect(")");
      return e;
    }
    if (t === "[") return { k: "array", items: this.list("]") };
    if (t === "{") {
      const props: { key: string; value: Expr }[] = [];
      while (this.peek() !== "}") {
        const key = this.next();
        if (key === undefined || !IDENT.test(key) || RESERVED.has(key)) throw new Unsupported("key");
        this.expect(":");
        props.push({ key, value: this.expr() });
        if (this.peek() !== "}") this.expect(",");
      }
      this.next();
      return { k: "object", props };
    }
    // Numbers as prettier prints them: no leading zeros (but 0 itself).
    if ((LITERAL.test(t) && !/^0\d/.test(t)) || (IDENT.test(t) && !RESERVED.has(t))) return { k: "atom", text: t };
    throw new Unsupported(`unexpected ${t}`);
  }
}

/** Can `key` stand bare as a property key in an object literal of the subset? */
export function isPlainKey(key: string): boolean {
  return IDENT.test(key) && !RESERVED.has(key);
}

export function parseExpr(src: string): Expr {
  return new Parser(tokenize(src)).parse();
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
      return `${printExpr(e.callee, "callee")}(${printList(e.args)})`;
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
      return e.props.length ? `{ ${e.props.map(printProp).join(", ")} }` : "{}";
    case "array":
      return `[${printList(e.items)}]`;
  }
}

function printList(xs: Expr[]): string {
  let s = "";
  for (let i = 0; i < xs.length; i++) s += (i ? ", " : "") + printExpr(xs[i]);
  return s;
}

function printProp(p: { key: string; value: Expr }): string {
  return `${p.key}: ${printExpr(p.value)}`;
}

/** A binary chain's operands (printed) and operators, as prettier lays them out when it breaks. */
function chainOf(e: Expr & { k: "binary" }): { operands: string[]; ops: string[] } {
  if (LOGICAL.has(e.op) && e.right.k === "binary" && e.right.op === e.op) {
    const r = e.right;
    return chainOf({ k: "binary", op: e.op, left: { k: "binary", op: e.op, left: e.left, right: r.left }, right: r.right });
  }
  const flat = e.left.k === "binary" && shouldFlatten(e.op, e.left.op) && !(e.op === ">" && e.left.op === "<");
  const left = flat ? chainOf(e.left as Expr & { k: "binary" }) : { operands: [printExpr(e.left, "binary-left", e.op)], ops: [] };
  left.operands.push(printExpr(e.right, "binary-right", e.op));
  left.ops.push(e.op);
  return left;
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
  switch (e.k) {
    case "cond":
      if (e.test.k === "cond" || e.then.k === "cond" || e.else.k === "cond") return true;
      return breaksAnyway(e.test) || breaksAnyway(e.then) || breaksAnyway(e.else);
    case "member":
      return chainCalls(e) > 2 || breaksAnyway(e.obj);
    case "index":
      return chainCalls(e) > 2 || breaksAnyway(e.obj) || breaksAnyway(e.index);
    case "call":
      if (chainCalls(e) > 2 || breaksAnyway(e.callee)) return true;
      for (const a of e.args) if (breaksAnyway(a)) return true;
      return false;
    case "unary":
      return breaksAnyway(e.arg);
    case "binary":
      return breaksAnyway(e.left) || breaksAnyway(e.right);
    case "object":
      for (const p of e.props) if (breaksAnyway(p.value)) return true;
      return false;
    case "array":
      // Arrays of objects or arrays are laid out one element per line.
      for (const x of e.items) if (x.k === "object" || x.k === "array" || breaksAnyway(x)) return true;
      return false;
    default:
      return false;
  }
}

/** Printed expressions by source (the same few field extractions recur thousands of times). */
const printed = new Map<string, string | null>();

function printFlat(src: string): string | null {
  try {
    const e = parseExpr(src);
    return breaksAnyway(e) ? null : printExpr(e);
  } catch (x) {
    if (!(x instanceof Unsupported)) throw x;
    return null;
  }
}

/** The expression printed as prettier prints it when it fits; throws Unsupported otherwise. */
function expr(src: string): string {
  let out = printed.get(src);
  if (out === undefined) printed.set(src, (out = printFlat(src)));
  if (out === null) throw new Unsupported("expression");
  return out;
}

/**
 * The expression as prettier prints it on one line, or undefined when prettier would lay it out
 * on several lines anyway, or it is outside the subset. `recurs`: remember it (for expressions
 * that recur, such as field extractions); one-off expressions are not kept.
 */
export function formatExpr(src: string, recurs = false): string | undefined {
  let out = printed.get(src);
  if (out === undefined) {
    out = printFlat(src);
    if (recurs) printed.set(src, out);
  }
  return out ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// Statements, one per line

const ID = String.raw`[A-Za-z_$][\w$]*`;
/** A type as written in parameters, returns and properties. */
const TYPE = String.raw`(?:(?:readonly )?${ID}(?:<${ID}(?:, ${ID})*>)?(?:\[\])?|\{ (?:${ID}: number; )*${ID}: number \}|"[\w-]*"(?: \| "[\w-]*")+)`;
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

type Block = "function" | "interface" | "switch" | "case" | "if" | "for" | "object";

/**
 * The chunk (ts-morph's output, two-space indentation) as prettier prints it, or undefined when
 * it has a line this does not know, or one that does not fit.
 */
export function formatTs(chunk: string): string | undefined {
  try {
    return new ChunkPrinter().print(chunk);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** Why formatTs leaves a chunk to prettier (for tests and for tuning emitters). */
export function whyNotTs(chunk: string): string | undefined {
  try {
    new ChunkPrinter().print(chunk);
    return undefined;
  } catch (e) {
    if (e instanceof Unsupported) return e.message;
    throw e;
  }
}

const COMMENT_LINE = /^\/\/( .*)?$|^\/\*\* .* \*\/$/;
const TRAILING_COMMENT = /^(.*?)(?:\s(\/\/ .*|\/\/))?$/;
const LABEL = /^(case .+|default):$/;
const LABEL_LINE = /^\s*(case .*|default):( \/\/.*)?$/;
const CLOSER_START = /^[}\]]/;
const NOT_PRINTABLE = /[^\x20-\x7e]/;
const PROPERTY = new RegExp(String.raw`^(${ID}): (.*),$`);
const SWITCH = /^switch \((.*)\) \{$/;
const IF_BLOCK = /^if \((.*)\) \{$/;
const IF_RETURN = /^if \(.*\) return .*;$/;
const RETURN = /^return(?: (.*))?;$/;
const DECLARATION = new RegExp(String.raw`^(export )?(const|let) (${ID})(: ${TYPE})? = (.*);$`);
const ASSIGNMENT = new RegExp(String.raw`^(${ID}) (\||&|\^|\+|-|<<|>>>|>>)?= (.*);$`);
const CALL_STATEMENT = /^(.*\));$/;

/** Prints a chunk line by line, keeping track of the blocks it is in. */
class ChunkPrinter {
  private out: string[] = [];
  private stack: Block[] = [];
  private blank = false;
  private afterComment = false;
  /** Inside a JSDoc comment of several lines: the depth it is at. */
  private docDepth = -1;
  /** Index in out of the line that opened the innermost block, while the block is empty. */
  private opened = -1;

  private top(): Block | undefined {
    return this.stack[this.stack.length - 1];
  }

  private open(b: Block): void {
    this.stack.push(b);
    this.opened = this.out.length - 1;
  }

  private emit(depth: number, code: string, comment?: string, ownLineComment = false): void {
    const line = "  ".repeat(depth) + code;
    // Trailing line comments do not count against the width.
    if (!ownLineComment && (line.length > WIDTH || NOT_PRINTABLE.test(code))) throw new Unsupported("width");
    // A comment prettier would attach to what follows it: only before a statement at its depth.
    if (this.afterComment && (LABEL.test(code) || CLOSER_START.test(code))) throw new Unsupported("comment placement");
    if (this.blank) {
      const prev = this.out[this.out.length - 1];
      // Prettier keeps one blank line between statements, none at the start or end of a block.
      if (prev === undefined || prev.endsWith("{") || LABEL_LINE.test(prev) || CLOSER_START.test(code)) throw new Unsupported("blank line");
      this.out.push("");
      this.blank = false;
    }
    this.afterComment = ownLineComment;
    this.out.push(comment === undefined ? line : `${line} ${comment}`);
  }

  print(chunk: string): string {
    for (const raw of chunk.trim().split("\n")) this.line(raw);
    if (this.stack.length || this.blank || this.afterComment || this.docDepth >= 0) throw new Unsupported("unbalanced");
    return this.out.join("\n");
  }

  private line(raw: string): void {
    const line = raw.trim();
    if (this.docDepth >= 0) {
      // A JSDoc comment's inner lines: prettier aligns their stars under the first one.
      if (line !== "*/" && !/^\*( .*)?$/.test(line)) throw new Unsupported("comment");
      if (line.slice(1).includes("*/") && line !== "*/") throw new Unsupported("comment");
      this.out.push(`${"  ".repeat(this.docDepth)} ${line}`);
      if (line === "*/") this.docDepth = -1;
      return;
    }
    if (line === "") {
      if (this.blank) throw new Unsupported("blank lines");
      this.blank = true;
      return;
    }
    if (raw.length !== raw.trimEnd().length || raw.includes("\t")) throw new Unsupported("whitespace");
    const depth = this.stack.length;
    // Own-line comments: // text, or a JSDoc comment.
    if ((COMMENT_LINE.test(line) && !line.slice(3, -2).includes("*/")) || line === "/**") {
      if (this.top() === "switch") throw new Unsupported("comment before case");
      this.emit(depth, line, undefined, true);
      if (line === "/**") this.docDepth = depth;
      return;
    }
    // Code, and a trailing line comment (which must not be inside a string).
    const m = TRAILING_COMMENT.exec(line)!;
    const code = m[1];
    const comment = m[2];
    if (comment !== undefined && (code.split('"').length - 1) % 2 !== 0) throw new Unsupported("comment in string");
    if (code === "}" || code === "};" || code === "} as const;") return this.close(code, comment);
    const top = this.top();
    if (top === "object") {
      const p = PROPERTY.exec(code);
      if (!p) throw new Unsupported("property");
      return this.emit(depth, `${p[1]}: ${expr(p[2])},`, comment);
    }
    if (top === "interface") {
      if (!METHOD_SIG.test(code) && !PROP_SIG.test(code)) throw new Unsupported("member");
      return this.emit(depth, code, comment);
    }
    if (LABEL.test(code)) {
      if (top === "case") this.stack.pop();
      if (this.top() !== "switch") throw new Unsupported("case outside switch");
      this.emit(this.stack.length, code === "default:" ? code : `case ${expr(code.slice(5, -1))}:`, comment);
      this.stack.push("case");
      return;
    }
    if (top === "switch") throw new Unsupported("statement before case");
    this.statement(depth, code, comment);
  }

  /**
   * `return x;`: on one line when it fits; else an object one property per line, or a chain of
   * binary operators one operand per line in parentheses (prettier's layouts for those).
   */
  private returnLines(depth: number, src: string, comment: string | undefined): void {
    const flat = `return ${expr(src)};`;
    if (fits(depth, flat)) return this.emit(depth, flat, comment);
    const e = parseExpr(src);
    if (e.k === "object") {
      this.emit(depth, "return {");
      for (const p of e.props) this.emit(depth + 1, `${printProp(p)},`);
      return this.emit(depth, "};", comment);
    }
    if (e.k === "binary") {
      this.emit(depth, "return (");
      // In parentheses on a line of its own when it fits there; else one operand per line.
      const inner = printExpr(e);
      if (fits(depth + 1, inner)) {
        this.emit(depth + 1, inner);
        return this.emit(depth, ");", comment);
      }
      const { operands, ops } = chainOf(e);
      if (operands.length < 3) throw new Unsupported("short chain");
      operands.forEach((o, i) => this.emit(depth + 1, i < ops.length ? `${o} ${ops[i]}` : o));
      return this.emit(depth, ");", comment);
    }
    throw new Unsupported("width");
  }

  /**
   * `head[1, 2, …];` or `head f([1, 2, …]);` too wide for a line: prettier fills lines with as many
   * numbers as fit (the array hugged when it is a call's only argument). False when not that shape.
   */
  private numberArray(depth: number, head: string, src: string, comment: string | undefined): boolean {
    const e = parseExpr(src);
    const arr = e.k === "call" && e.args.length === 1 ? e.args[0] : e;
    if (arr.k !== "array" || arr.items.length < 2 || !arr.items.every((x) => x.k === "atom" && /^(\d+|0x[0-9a-f]+)$/.test(x.text))) return false;
    const open = e === arr ? `${head}[` : `${head}${printExpr((e as Expr & { k: "call" }).callee, "callee")}([`;
    this.emit(depth, open);
    let line = "";
    for (const x of arr.items) {
      const item = `${(x as Expr & { k: "atom" }).text},`;
      if (line !== "" && fits(depth + 1, `${line} ${item}`)) line += ` ${item}`;
      else {
        if (line !== "") this.emit(depth + 1, line);
        line = item;
      }
    }
    this.emit(depth + 1, line);
    this.emit(depth, e === arr ? "];" : "]);", comment);
    return true;
  }

  private close(code: string, comment: string | undefined): void {
    let b = this.stack.pop();
    if (b === "case") b = this.stack.pop();
    if (b === undefined) throw new Unsupported("unbalanced");
    if ((code !== "}") !== (b === "object")) throw new Unsupported("closer");
    const o = this.opened;
    if (o === this.out.length - 1 && !this.blank && comment === undefined && !this.out[o].includes("//") && !this.out[o].includes("/*")) {
      // An empty block or object: prettier writes {} on the opening line.
      this.out[o] += code;
      return;
    }
    this.emit(this.stack.length, code, comment);
  }

  private statement(depth: number, code: string, comment: string | undefined): void {
    let s: RegExpExecArray | null;
    if (FUNCTION.test(code) && !fits(depth, code) && comment === undefined) {
      // Too wide: prettier puts each parameter on a line of its own (two or more of them).
      const open = code.indexOf("(");
      const close = code.lastIndexOf("): ");
      const params = splitParams(code.slice(open + 1, close));
      if (params.length < 2) throw new Unsupported("width");
      this.emit(depth, code.slice(0, open + 1));
      for (const p of params) this.emit(depth + 1, `${p},`);
      this.emit(depth, code.slice(close));
      this.open("function");
    } else if (FUNCTION.test(code) || INTERFACE.test(code)) {
      this.emit(depth, code, comment);
      this.open(code.includes("interface ") ? "interface" : "function");
    } else if (depth === 0 && (IMPORT.test(code) || EXPORT_FROM.test(code) || TYPE_ALIAS.test(code))) {
      this.emit(depth, code, comment);
    } else if (OBJECT_START.test(code)) {
      this.emit(depth, code, comment);
      this.open("object");
    } else if ((s = SWITCH.exec(code))) {
      this.emit(depth, `switch (${expr(s[1])}) {`, comment);
      this.open("switch");
    } else if (code === "for (;;) {") {
      this.emit(depth, code, comment);
      this.open("for");
    } else if (code === "continue;" || code === "break;") {
      this.emit(depth, code, comment);
    } else if ((s = IF_BLOCK.exec(code))) {
      this.emit(depth, `if (${expr(s[1])}) {`, comment);
      this.open("if");
    } else if (IF_RETURN.test(code)) {
      // Split at the parenthesis that closes the condition.
      const [cond, rest] = splitCondition(code.slice(3));
      const r = RETURN.exec(rest.trimStart());
      if (!r || r[1] === undefined) throw new Unsupported("if");
      const head = `if (${expr(cond)})`;
      const flat = `${head} return ${expr(r[1])};`;
      if (fits(depth, flat)) return this.emit(depth, flat, comment);
      // Too wide: the return goes on the next line, broken further if it must be.
      this.emit(depth, head);
      this.returnLines(depth + 1, r[1], comment);
    } else if ((s = RETURN.exec(code))) {
      if (s[1] === undefined) this.emit(depth, "return;", comment);
      else this.returnLines(depth, s[1], comment);
    } else if ((s = DECLARATION.exec(code))) {
      const head = `${s[1] ?? ""}${s[2]} ${s[3]}${s[4] ?? ""} = `;
      const flat = `${head}${expr(s[5])};`;
      if (fits(depth, flat) || !this.numberArray(depth, head, s[5], comment)) this.emit(depth, flat, comment);
    } else if ((s = ASSIGNMENT.exec(code))) {
      this.emit(depth, `${s[1]} ${s[2] ?? ""}= ${expr(s[3])};`, comment);
    } else if ((s = CALL_STATEMENT.exec(code))) {
      const e = expr(s[1]);
      // An expression statement: a call (which cannot start with `{`).
      if (!e.endsWith(")") || e.startsWith("{") || parseExpr(e).k !== "call") throw new Unsupported("statement");
      this.emit(depth, `${e};`, comment);
    } else throw new Unsupported(`line: ${code}`);
  }
}

/** A parameter list split at its top-level commas (types such as `A<B, C>` hold commas). */
function splitParams(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "<" || c === "{" || c === "(") depth++;
    else if (c === ">" || c === "}" || c === ")") depth--;
    else if (c === '"') i = list.indexOf('"', i + 1);
    else if (c === "," && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (list.trim() !== "") out.push(list.slice(start).trim());
  return out;
}

function fits(depth: number, code: string): boolean {
  return 2 * depth + code.length <= WIDTH;
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
