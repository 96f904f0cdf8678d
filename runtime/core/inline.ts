// Inlining of handler methods into translated blocks, as source text. A block built from calls
// such as `h.rlwinm(5, 9, 0, 31, 31, 0)` relies on V8 to inline each handler; V8 stops inlining
// once a function has taken in about 920 bytes of bytecode (its cumulative budget), so a block of
// more than a few instructions ends up calling most of its handlers. Here the block's text gets
// the method's own text instead (Function.prototype.toString of the method the interpreter runs),
// its parameters bound to the call's operands: an instruction's semantics stays written once, in
// the handler; only where it is compiled changes.
//
//   - A call in statement position, `h.m(a, b);`, becomes `L: { let p = a, q = b; body }`, with
//     `this` → `h`, every parameter and local renamed apart, and `return` → `break L` (the value
//     of a `return e` in statement position is dropped; e is still evaluated). Calls to methods
//     in statement position inside the body are expanded the same way, a few levels deep.
//   - A parameter bound to a constant the body never writes is replaced by the constant, and an
//     `if` whose condition is then made of constants keeps only the branch taken (`if (rc)`):
//     less text for V8 to compile.
//   - A call in value position to a method or helper whose body is one `return e;` becomes
//     `(e)` with the parameters replaced by the arguments, when each argument is free of side
//     effects (a constant, a name, a property or element read).
//   - Anything the token-level reading here cannot be sure of (nested functions, `var`,
//     regular expressions, template literals, a free name not in the scope given) is left as
//     the call, which is always right.
//
// Free names in a method's text (module-level helpers, constants) are resolved through `scope`,
// whose keys must be the names as they appear in the compiled text; a bundler that renamed one
// makes the name unknown, and the method is then called, not inlined.

type Tok = string;

const PUNCT = (
  ">>>= ... === !== **= <<= >>= >>> &&= ||= ??= => == != <= >= && || ?? ?. ++ -- += -= *= " +
  "/= %= &= |= ^= << >> **"
).split(" ");

const KEYWORDS = new Set(
  (
    "break case catch const continue default delete do else false finally for if in " +
    "instanceof let new null of return switch this throw true try typeof undefined void while " +
    "NaN Infinity"
  ).split(" "),
);
/** Tokens that keep a method a call when its body holds one. */
const REFUSE = new Set(
  "function class var arguments super yield await eval => # ` with import debugger".split(" "),
);
const ASSIGN = new Set("= += -= *= /= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??=".split(" "));
/** A number, true, false. */
const isLiteral = (t: Tok) => /^[0-9]/.test(t) || t === "true" || t === "false";
const GLOBALS = new Set(["Math", "Number", "Boolean", "Error", "RangeError", "Object", "Array"]);

const isIdStart = (c: string) => /[A-Za-z_$]/.test(c);
const isId = (t: Tok) => isIdStart(t[0]);
const NL = "\n";

/** Splits JavaScript text into tokens; undefined when it meets what it does not read (regular
 *  expressions, template literals, unclosed comments). Line ends are dropped: the texts come from
 *  a compiler that ends every statement with ";" (esbuild, as tsx, vitest and the dist bundle
 *  run it; the TypeScript sources are written with semicolons too). */
export function tokenize(src: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const e = src.indexOf("*/", i + 2);
      if (e < 0) return undefined;
      i = e + 2;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(src[j])) j++;
      out.push(src.slice(i, j));
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(src[j])) {
        // An exponent's sign belongs to the number.
        if (
          (src[j] === "e" || src[j] === "E") &&
          (src[j + 1] === "+" || src[j + 1] === "-") &&
          !/^0[xX]/.test(src.slice(i, j))
        )
          j++;
        j++;
      }
      out.push(src.slice(i, j));
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === "\\") j++;
        if (src[j] === "\n") return undefined;
        j++;
      }
      if (j >= n) return undefined;
      out.push(src.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === "`") return undefined;
    if (c === "/") {
      // Division only after a value; anything else would be a regular expression.
      let k = out.length - 1;
      while (k >= 0 && out[k] === NL) k--;
      const prev = k >= 0 ? out[k] : "";
      const value =
        prev !== "" && (isId(prev) || /^[0-9.]/.test(prev) || prev === ")" || prev === "]");
      if (!value || (isId(prev) && KEYWORDS.has(prev) && prev !== "this")) return undefined;
    }
    const p = PUNCT.find((q) => src.startsWith(q, i));
    out.push(p ?? c);
    i += p ? p.length : 1;
  }
  return out;
}

/** Joins tokens back into text. */
function join(toks: readonly Tok[]): string {
  let s = "";
  let prev = "";
  for (const t of toks) {
    if (t === NL) {
      s += "\n";
      prev = "";
      continue;
    }
    // A space between two tokens that would otherwise merge (names, numbers, + +, - -).
    if (
      prev !== "" &&
      ((/[A-Za-z0-9_$]$/.test(prev) && /^[A-Za-z0-9_$]/.test(t)) ||
        (/[+\-]$/.test(prev) && /^[+\-]/.test(t)) ||
        (prev === "/" && t[0] === "/"))
    )
      s += " ";
    s += t;
    prev = t;
  }
  return s;
}

/** Index of the token closing the bracket opened at `i`. */
function closing(t: readonly Tok[], i: number): number {
  let d = 0;
  for (let j = i; j < t.length; j++) {
    const x = t[j];
    if (x === "(" || x === "[" || x === "{") d++;
    else if (x === ")" || x === "]" || x === "}") {
      d--;
      if (d === 0) return j;
    }
  }
  return -1;
}

/** The arguments of a call whose "(" is at `open` and ")" at `close`, split at top-level commas. */
function splitArgs(t: readonly Tok[], open: number, close: number): Tok[][] {
  const args: Tok[][] = [];
  if (close === open + 1) return args;
  let d = 0;
  let cur: Tok[] = [];
  for (let j = open + 1; j < close; j++) {
    const x = t[j];
    if (x === "(" || x === "[" || x === "{") d++;
    else if (x === ")" || x === "]" || x === "}") d--;
    if (x === "," && d === 0) {
      args.push(cur);
      cur = [];
    } else if (x !== NL) cur.push(x);
  }
  args.push(cur);
  return args;
}

interface Method {
  readonly params: string[];
  readonly body: Tok[];
  /** Names declared in the body (renamed apart at each expansion). */
  readonly locals: Set<string>;
  /** The body is `return e;` alone: e's tokens. */
  readonly expr: Tok[] | undefined;
  /** Parameters and locals the body assigns to. */
  readonly writes: Set<string>;
}

/** An argument that can be copied into each use of its parameter: no calls, no writes. */
function pure(arg: readonly Tok[]): boolean {
  for (let i = 0; i < arg.length; i++) {
    const x = arg[i];
    if (
      x === "=" ||
      x === "++" ||
      x === "--" ||
      (x.length >= 2 && x.endsWith("=") && !["==", "===", "!=", "!==", "<=", ">="].includes(x))
    )
      return false;
    if (x === "(" && i > 0 && (isId(arg[i - 1]) || arg[i - 1] === ")" || arg[i - 1] === "]"))
      if (!(isId(arg[i - 1]) && KEYWORDS.has(arg[i - 1]) && arg[i - 1] !== "this")) return false;
    if (x === "new" || x === "delete") return false;
  }
  return arg.length > 0;
}

/** Where an inlined method's value goes (`Inliner.assignment`). */
interface Result {
  name: string;
  /** Literals the method may return, each with the tokens run instead of storing it. */
  shortcuts: ReadonlyMap<string, Tok[]>;
}

/** A literal an inlined method may return, and the statement text run instead of storing it. */
export interface Shortcut {
  value: string;
  then: string;
}

export class Inliner {
  private readonly methods = new Map<string, Method | null>();
  private serial = 0;

  /**
   * @param proto the object whose methods the receiver calls (its prototype).
   * @param own names the receiver holds as its own properties (function-valued fields are
   *   called, never inlined).
   * @param scope free names of the methods' text, by name: the block function receives them.
   * @param depth how many levels of statement calls are expanded.
   */
  constructor(
    private readonly proto: object,
    private readonly own: ReadonlySet<string>,
    readonly scope: Readonly<Record<string, unknown>>,
    private readonly depth = 4,
  ) {}

  /** A method (of the prototype, `this.m`) or a scope function (`m`), read once. */
  private method(name: string, free: boolean): Method | undefined {
    const key = (free ? "@" : ".") + name;
    let m = this.methods.get(key);
    if (m === undefined) {
      m = this.read(name, free) ?? null;
      this.methods.set(key, m);
    }
    return m ?? undefined;
  }

  private read(name: string, free: boolean): Method | undefined {
    if (!free && this.own.has(name)) return undefined;
    const fn = free
      ? Object.hasOwn(this.scope, name)
        ? this.scope[name]
        : undefined
      : (this.proto as Record<string, unknown>)[name];
    if (typeof fn !== "function") return undefined;
    const d = Object.getOwnPropertyDescriptor(this.proto, name);
    if (!free && (d === undefined || typeof d.value !== "function")) return undefined;
    const t = tokenize(Function.prototype.toString.call(fn));
    if (t === undefined) return undefined;
    // `name(p, q) { body }` or `function name(p, q) { body }`.
    let i = 0;
    while (t[i] === NL) i++;
    if (t[i] === "function") i++;
    if (t[i] !== name || t[i + 1] !== "(") return undefined;
    const pc = closing(t, i + 1);
    if (pc < 0 || t[pc + 1] !== "{") return undefined;
    const params = splitArgs(t, i + 1, pc).map((p) => (p.length === 1 && isId(p[0]) ? p[0] : ""));
    if (params.some((p) => p === "")) return undefined;
    const bc = closing(t, pc + 1);
    if (bc !== t.length - 1 && t.slice(bc + 1).some((x) => x !== NL)) return undefined;
    const body = t.slice(pc + 2, bc);
    // Recursive methods stay calls.
    for (let j = 0; j + 1 < body.length; j++)
      if (
        body[j] === name &&
        body[j + 1] === "(" &&
        (free ? body[j - 1] !== "." : body[j - 1] === "." && body[j - 2] === "this")
      )
        return undefined;
    const locals = new Set<string>();
    for (let j = 0; j < body.length; j++) {
      const x = body[j];
      if (REFUSE.has(x) || x.startsWith("#")) return undefined;
      if ((x === "const" || x === "let") && body[j + 1] !== undefined) {
        // Every name a declaration list introduces: `const a = …, b = …`.
        let k = j + 1;
        for (;;) {
          if (!isId(body[k])) return undefined; // destructuring
          locals.add(body[k]);
          k = scan(body, k + 1, DECLARATION_ENDS);
          if (body[k] !== ",") break;
          k++;
        }
      }
    }
    // Every other free name must be in the scope.
    for (let j = 0; j < body.length; j++) {
      const x = body[j];
      if (!isId(x) || KEYWORDS.has(x) || GLOBALS.has(x)) continue;
      const prev = j > 0 ? body[j - 1] : "";
      if (prev === "." || prev === "?.") continue;
      if (params.includes(x) || locals.has(x)) continue;
      if (!Object.hasOwn(this.scope, x)) return undefined;
    }
    // A parameter or local as an object literal's key (`{ v }`, `{ v: 1 }`) would be renamed
    // with it: such bodies stay calls.
    for (let j = 1; j + 1 < body.length; j++) {
      const x = body[j];
      if (!(params.includes(x) || locals.has(x))) continue;
      const prev = body[j - 1];
      const next = body[j + 1];
      if (
        (prev === "{" || prev === ",") &&
        (next === ":" || ((next === "}" || next === ",") && objectAt(body, j)))
      )
        return undefined;
    }
    let expr: Tok[] | undefined;
    const b = body.filter((x) => x !== NL);
    if (b[0] === "return" && locals.size === 0) {
      let end = b.length;
      while (end > 0 && b[end - 1] === ";") end--;
      const e = b.slice(1, end);
      // One statement: no ";" at depth 0 inside.
      let d = 0;
      let one = e.length > 0;
      for (const x of e) {
        if (x === "(" || x === "[" || x === "{") d++;
        else if (x === ")" || x === "]" || x === "}") d--;
        else if (x === ";" && d === 0) one = false;
      }
      // Substituted only when evaluating it has no effect of its own (no calls, no writes), so
      // that where each argument is read inside it does not matter.
      if (one && pure(e)) expr = e;
    }
    const writes = new Set<string>();
    for (let j = 0; j < body.length; j++) {
      const x = body[j];
      if (!isId(x) || (j > 0 && (body[j - 1] === "." || body[j - 1] === "?."))) continue;
      const next = body[j + 1] ?? "";
      const prev = j > 0 ? body[j - 1] : "";
      if (prev === "++" || prev === "--" || next === "++" || next === "--" || ASSIGN.has(next))
        writes.add(x);
    }
    return { params, body, locals, expr, writes };
  }

  /** Statement text doing what the call text `call` (e.g. `h.addi(3, 1, 16)`, receiver `recv`)
   *  does, its methods inlined where they can be. */
  statement(call: string, recv: string): string {
    const t = tokenize(`${call};`);
    if (t === undefined) return `${call};`;
    // Names are numbered per statement (its top level is one block, so sibling statements may
    // reuse them): the same call always gives the same text.
    this.serial = 0;
    return join(foldIfs(this.expand(t, recv, this.depth, true)));
  }

  /** Statement text that does what the call text `call` does and leaves the value it returns
   *  in `result` (handlers that report through their return value, as the MIPS ones do); where
   *  the method returns the literal `value` of one of `shortcuts`, its `then` runs instead (a
   *  loop's `continue` when that value means "go on"). */
  assignment(
    call: string,
    recv: string,
    result: string,
    shortcuts: Shortcut | readonly Shortcut[] = [],
  ): string {
    const t = tokenize(call);
    this.serial = 0;
    const r: Result = {
      name: result,
      shortcuts: new Map(
        (Array.isArray(shortcuts) ? shortcuts : [shortcuts]).map((c: Shortcut) => {
          const then = tokenize(c.then);
          if (then === undefined) throw new Error(`inline: cannot read shortcut ${c.then}`);
          return [c.value, then];
        }),
      ),
    };
    const out = t && this.assignCall(t, recv, this.depth, r);
    return out ? join(foldIfs(out)) : `${result} = ${call};`;
  }

  /** The statement for `result = <t>` when `t` is one call of a method of the receiver that
   *  can be inlined; else undefined. */
  private assignCall(t: Tok[], recv: string, depth: number, result: Result): Tok[] | undefined {
    if (depth <= 0 || t[0] !== recv || t[1] !== "." || !isId(t[2] ?? "") || t[3] !== "(")
      return undefined;
    if (closing(t, 3) !== t.length - 1) return undefined;
    const m = this.method(t[2], false);
    if (m === undefined) return undefined;
    const args = splitArgs(t, 3, t.length - 1).map((a) => this.expand(a, recv, depth - 1, false));
    if (args.length > m.params.length) return undefined;
    return this.inlineStatement(m, args, recv, depth - 1, result);
  }

  /** Expands the calls of tokens `t` (receiver name `recv`): statements when `stmts`, else an
   *  expression (an argument). */
  private expand(t: Tok[], recv: string, depth: number, stmts: boolean): Tok[] {
    const out: Tok[] = [];
    const caseDepth: number[] = [];
    // out.length just after the ":" of a case or default label.
    let afterLabel = -1;
    let d = 0;
    for (let i = 0; i < t.length; i++) {
      const x = t[i];
      if (x === "{" || x === "(" || x === "[") d++;
      else if (x === "}" || x === ")" || x === "]") d--;
      if (x === "case") caseDepth.push(d);
      if (
        x === ":" &&
        ((caseDepth.length > 0 && caseDepth[caseDepth.length - 1] === d) ||
          lastReal(out) === "default")
      ) {
        if (lastReal(out) !== "default") caseDepth.pop();
        out.push(x);
        afterLabel = out.length;
        continue;
      }
      // A call: recv.m( … ) or m( … ) (a scope function).
      const isRecvCall =
        x === recv &&
        t[i + 1] === "." &&
        isId(t[i + 2] ?? "") &&
        t[i + 3] === "(" &&
        !(i > 0 && (t[i - 1] === "." || t[i - 1] === "?."));
      const isFreeCall =
        isId(x) &&
        !KEYWORDS.has(x) &&
        t[i + 1] === "(" &&
        Object.hasOwn(this.scope, x) &&
        !(i > 0 && (t[i - 1] === "." || t[i - 1] === "?."));
      if (depth > 0 && (isRecvCall || isFreeCall)) {
        const name = isRecvCall ? t[i + 2] : x;
        const open = isRecvCall ? i + 3 : i + 1;
        const close = closing(t, open);
        const m = close < 0 ? undefined : this.method(name, isFreeCall);
        if (m !== undefined) {
          const args = splitArgs(t, open, close).map((a) => this.expand(a, recv, depth - 1, false));
          const prev = lastReal(out);
          const next = t[close + 1];
          const stmtStart = !stmts
            ? false
            : prev === undefined ||
              prev === ";" ||
              prev === "{" ||
              prev === "}" ||
              prev === "else" ||
              (prev === ")" && statementParen(out)) ||
              (prev === ":" && afterLabel === out.length);
          const stmtEnd = next === ";" || next === "}" || next === undefined;
          if (isRecvCall && stmtStart && stmtEnd && args.length <= m.params.length) {
            out.push(...this.inlineStatement(m, args, recv, depth - 1));
            i = close;
            continue;
          }
          if (m.expr !== undefined && args.length <= m.params.length && args.every(pure)) {
            out.push("(", ...this.substitute(m, args, recv, depth - 1), ")");
            i = close;
            continue;
          }
        }
      }
      out.push(x);
    }
    return out;
  }

  /** `L: { let p = a, …; body }` with returns turned into breaks (and, given `result`, the
   *  value returned stored there). */
  private inlineStatement(
    m: Method,
    args: Tok[][],
    recv: string,
    depth: number,
    result?: Result,
  ): Tok[] {
    const k = ++this.serial;
    const rename = (x: string) => `${x}_${k}`;
    // A parameter the body never writes, given a constant, is replaced by it (smaller text for
    // V8 to compile, and nested calls see the constant too).
    const constant = new Map<string, Tok[]>();
    m.params.forEach((p, j) => {
      const a = args[j];
      if (
        a === undefined ||
        !(a.length === 1 ? isLiteral(a[0]) : a.length === 2 && a[0] === "-" && /^[0-9]/.test(a[1]))
      )
        return;
      if (m.writes.has(p)) return;
      constant.set(p, a.length === 1 ? a : ["(", ...a, ")"]);
    });
    const body: Tok[] = [];
    for (let j = 0; j < m.body.length; j++) {
      const x = m.body[j];
      const prev = j > 0 ? m.body[j - 1] : "";
      if (x === "this") body.push(recv);
      else if (
        isId(x) &&
        prev !== "." &&
        prev !== "?." &&
        (m.params.includes(x) || m.locals.has(x)) &&
        !KEYWORDS.has(x)
      )
        body.push(...(constant.get(x) ?? [rename(x)]));
      else body.push(x);
    }
    const label = `L_${k}`;
    const withBreaks: Tok[] = [];
    let usesLabel = false;
    for (let j = 0; j < body.length; j++) {
      if (body[j] !== "return") {
        withBreaks.push(body[j]);
        continue;
      }
      usesLabel = true;
      // The expression after return, to the end of its statement.
      const e = scan(body, j + 1, STATEMENT_ENDS);
      const expr = body.slice(j + 1, e).filter((y) => y !== NL);
      // `return this.m(…)` with the value wanted: m's own text, its value into `result` too.
      const nested = result === undefined ? undefined : this.assignCall(expr, recv, depth, result);
      if (nested !== undefined) withBreaks.push("{", ...nested, "break", label, ";", "}");
      else if (expr.length === 1 && result?.shortcuts.has(expr[0]))
        withBreaks.push("{", ...result.shortcuts.get(expr[0])!, "}");
      else if (expr.length > 0 && result !== undefined)
        withBreaks.push("{", result.name, "=", ...expr, ";", "break", label, ";", "}");
      else if (expr.length > 0) withBreaks.push("{", ...expr, ";", "break", label, ";", "}");
      else withBreaks.push("break", label, ";");
      j = body[e] === ";" ? e : e - 1;
    }
    const expanded = this.expand(withBreaks, recv, depth, true);
    const decl: Tok[] = [];
    m.params.forEach((p, j) => {
      if (constant.has(p)) return;
      decl.push(
        decl.length === 0 ? "let" : ",",
        rename(p),
        "=",
        ...(args[j] && args[j].length > 0 ? ["(", ...args[j], ")"] : ["undefined"]),
      );
    });
    if (decl.length > 0) decl.push(";");
    return [...(usesLabel ? [label, ":"] : []), "{", ...decl, ...expanded, "}", NL];
  }

  /** The single expression of `m` with its parameters replaced by `args`. */
  private substitute(m: Method, args: Tok[][], recv: string, depth: number): Tok[] {
    const e: Tok[] = [];
    const body = m.expr!;
    for (let j = 0; j < body.length; j++) {
      const x = body[j];
      const prev = j > 0 ? body[j - 1] : "";
      const pi = isId(x) && prev !== "." && prev !== "?." ? m.params.indexOf(x) : -1;
      if (x === "this") e.push(recv);
      else if (pi >= 0)
        e.push("(", ...(args[pi] && args[pi].length > 0 ? args[pi] : ["undefined"]), ")");
      else e.push(x);
    }
    return this.expand(e, recv, depth, false);
  }
}

/** The value of a condition made of literals and operators only (after constant parameters
 *  went in: `if(0)`, `if(false&&1===2)`), or undefined. */
function constantCondition(c: readonly Tok[]): boolean | undefined {
  if (c.length === 0 || c.some((x) => isId(x) && x !== "true" && x !== "false")) return undefined;
  if (
    c.some(
      (x) =>
        x.startsWith("'") ||
        x.startsWith('"') ||
        (x.includes("=") && !["==", "===", "!=", "!==", "<=", ">="].includes(x)),
    )
  )
    return undefined;
  try {
    return Boolean(new Function(`"use strict"; return (${join(c)});`)());
  } catch {
    return undefined;
  }
}

/** End (exclusive) of the statement starting at `i`: a block, a labelled block, or a simple
 *  statement to its ";"; -1 for anything else (a nested if, a loop). */
function statementEnd(t: readonly Tok[], i: number): number {
  if (t[i] === "{") return closing(t, i) + 1;
  if (isId(t[i]) && t[i + 1] === ":" && t[i + 2] === "{") return closing(t, i + 2) + 1;
  if (["if", "for", "while", "do", "switch", "try", "else", "case", "default"].includes(t[i]))
    return -1;
  // (The enclosing block's "}" also ends a statement: no ";" before it.)
  const j = expressionEnd(t, i, false);
  return j >= 0 && t[j] === ";" ? j + 1 : j;
}

/** Drops the branches of `if`s whose condition is constant (the handlers' `if (rc)`, `if (oe)`
 *  with the operands bound): less text for V8 to compile; the result is the same. */
function foldIfs(t: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== "if" || t[i + 1] !== "(" || (i > 0 && t[i - 1] === "else")) {
      out.push(t[i]);
      continue;
    }
    const close = closing(t, i + 1);
    const value =
      close < 0 ? undefined : constantCondition(t.slice(i + 2, close).filter((x) => x !== NL));
    const thenEnd = value === undefined ? -1 : statementEnd(t, close + 1);
    if (thenEnd < 0 || t[thenEnd] === "else") {
      out.push(t[i]);
      continue;
    }
    if (value) out.push(...foldIfs(t.slice(close + 1, thenEnd)));
    else out.push(";");
    i = thenEnd - 1;
  }
  return out;
}

/** Whether the innermost bracket around token `j` is a "{" that opens an object literal (it
 *  follows "=", "(", ",", ":", "?", "return" or another value position) rather than a block. */
function objectAt(t: readonly Tok[], j: number): boolean {
  let d = 0;
  for (let i = j - 1; i >= 0; i--) {
    const x = t[i];
    if (x === ")" || x === "]" || x === "}") d++;
    else if (x === "(" || x === "[" || x === "{") {
      if (d > 0) {
        d--;
        continue;
      }
      if (x !== "{") return false;
      const before = i > 0 ? t[i - 1] : "";
      return ["=", "(", ",", ":", "?", "return", "[", "=>", "||", "&&", "??"].includes(before);
    }
  }
  return false;
}

function lastReal(out: readonly Tok[], skip = 0): Tok | undefined {
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === NL) continue;
    if (skip-- === 0) return out[i];
  }
  return undefined;
}

/** `out` ends with the ")" of an if / while / for header (a statement starts after it). */
function statementParen(out: readonly Tok[]): boolean {
  let d = 0;
  for (let i = out.length - 1; i >= 0; i--) {
    const x = out[i];
    if (x === ")") d++;
    else if (x === "(") {
      d--;
      if (d === 0) {
        let k = i - 1;
        while (k >= 0 && out[k] === NL) k--;
        return k >= 0 && (out[k] === "if" || out[k] === "while" || out[k] === "for");
      }
    }
  }
  return false;
}

/**
 * A block's text (handlers inlined) with the elements of the typed array `array` that it
 * indexes by a constant (`$gpr[5]`, or a name of `constants` holding a number) held in locals
 * (`r5`): read once at the start, written back before each `return`. V8 reads a typed array's
 * element again after any store to another typed array (they may share a buffer), so every
 * guest load or store made the block reload its registers. A write goes through `| 0`, the
 * Int32Array's own conversion. Undefined (keep the text) when the text reaches the array in any
 * other way (an index that is not constant, a compound assignment, an alias used otherwise, the
 * receiver's property `field` it was read from), names `recv` other than to call one of `keeps`
 * (methods that never read the array) or to use another property, or is text this reader does
 * not take.
 */
export function elementsInLocals(
  src: string,
  array: string,
  recv: string,
  field: string,
  keeps: ReadonlySet<string>,
  constants: Readonly<Record<string, unknown>>,
): string | undefined {
  const t = tokenize(src);
  if (t === undefined) return undefined;
  // The inliner's aliases (`const g_1 = $gpr;`): each declaration of such a name is one.
  const aliases = new Set<string>();
  for (let i = 0; i + 4 < t.length; i++)
    if ((t[i] === "const" || t[i] === "let") && t[i + 2] === "=" && t[i + 3] === array) {
      if (t[i + 4] === ";") aliases.add(t[i + 1]);
      else if (t[i + 4] === ",") return undefined; // an alias in a list: not read here
    }
  const isArray = (i: number) => (t[i] === array || aliases.has(t[i])) && t[i - 1] !== ".";
  for (let i = 0; i < t.length; i++) {
    if (aliases.has(t[i]) && (t[i - 1] === "const" || t[i - 1] === "let") && t[i + 2] !== array)
      return undefined;
    if (t[i] === recv && (t[i + 1] !== "." || t[i + 2] === field)) return undefined;
    if (t[i] === recv && t[i + 3] === "(" && !keeps.has(t[i + 2])) return undefined;
  }
  const used = new Set<number>();
  const written = new Set<number>();
  const indexOf = (k: Tok): number | undefined => {
    const v = /^[0-9]+$/.test(k) ? Number(k) : constants[k];
    return typeof v === "number" && Number.isInteger(v) ? v : undefined;
  };
  // The tokens from..to with the elements replaced; undefined when one cannot be.
  const rewrite = (from: number, to: number): Tok[] | undefined => {
    const out: Tok[] = [];
    for (let i = from; i < to; i++) {
      const x = t[i];
      if ((x === "const" || x === "let") && aliases.has(t[i + 1])) {
        i += 4; // the alias's declaration, gone
        continue;
      }
      if (!isArray(i)) {
        out.push(x);
        continue;
      }
      const k = t[i + 1] === "[" && t[i + 3] === "]" ? indexOf(t[i + 2]) : undefined;
      if (k === undefined || t[i - 1] === "++" || t[i - 1] === "--") return undefined;
      used.add(k);
      const op = t[i + 4];
      if (op === "=") {
        const end = expressionEnd(t, i + 5);
        const value = end < 0 ? undefined : rewrite(i + 5, end);
        if (value === undefined) return undefined;
        out.push(`r${k}`, "=", "(", ...value, ")", "|", "0");
        written.add(k);
        i = end - 1;
        continue;
      }
      if (ASSIGN.has(op) || op === "++" || op === "--") return undefined;
      out.push(`r${k}`);
      i += 3;
    }
    return out;
  };
  const body = rewrite(0, t.length);
  if (body === undefined || used.size === 0) return undefined;
  const store: Tok[] = [];
  for (const k of written) store.push(array, "[", String(k), "]", "=", `r${k}`, ",");
  const out: Tok[] = ["let"];
  for (const k of used) out.push(`r${k}`, "=", array, "[", String(k), "]", ",");
  out[out.length - 1] = ";";
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "return" || store.length === 0) {
      out.push(body[i]);
      continue;
    }
    const end = expressionEnd(body, i + 1);
    if (end <= i + 1 || body[end] !== ";") return undefined;
    out.push("return", "(", ...store, ...body.slice(i + 1, end), ")");
    i = end - 1;
  }
  return join(out);
}

/** The index of the token that ends the expression starting at `i` (its `;`, or the `}` of the
 *  enclosing block); -1 at an unmatched `)` or `]`, and (`commas`) at a top-level comma, which
 *  makes it more than one expression. */
function expressionEnd(t: readonly Tok[], i: number, commas = true): number {
  const j = scan(t, i, commas ? EXPRESSION_ENDS : SEMICOLON);
  return t[j] === ";" || t[j] === "}" ? j : -1;
}

const SEMICOLON: ReadonlySet<Tok> = new Set([";"]);
const EXPRESSION_ENDS: ReadonlySet<Tok> = new Set([";", ","]);
const STATEMENT_ENDS: ReadonlySet<Tok> = new Set([";", NL]);
const DECLARATION_ENDS: ReadonlySet<Tok> = new Set([";", ",", NL]);

/** The index of the first token from `i` that is one of `stops` outside brackets, or that closes
 *  a bracket opened before `i`; the length of `t` when there is none. */
function scan(t: readonly Tok[], i: number, stops: ReadonlySet<Tok>): number {
  let d = 0;
  for (let j = i; j < t.length; j++) {
    const x = t[j];
    if (x === "(" || x === "[" || x === "{") d++;
    else if (x === ")" || x === "]" || x === "}") {
      if (d === 0) return j;
      d--;
    } else if (d === 0 && stops.has(x)) return j;
  }
  return t.length;
}
