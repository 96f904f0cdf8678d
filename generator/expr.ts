// The small expression language of asm templates, alias names and alias conditions.
// Integers with C-like operators, 'strings', and a few printer functions. Expressions are
// compiled to TypeScript for the generated disassembler and interpreted by the checks, with the
// same semantics in both (comparisons and logic give 0/1).

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "id"; name: string }
  | { k: "call"; fn: string; args: Expr[] }
  | { k: "un"; op: string; a: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "cond"; c: Expr; a: Expr; b: Expr };

export class ExprError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Printer and helper functions: name → [argument count, result type]. */
export const FUNCTIONS: Record<string, { args: number; result: "num" | "str"; regfileArg?: boolean }> = {
  dec: { args: 1, result: "str" },
  udec: { args: 1, result: "str" },
  hex: { args: 1, result: "str" },
  addr: { args: 1, result: "str" },
  gpr: { args: 1, result: "str" },
  gpr0: { args: 1, result: "str" },
  fpr: { args: 1, result: "str" },
  cr: { args: 1, result: "str" },
  crbit: { args: 1, result: "str" },
  reg: { args: 2, result: "str", regfileArg: true },
  has: { args: 2, result: "num", regfileArg: true },
};

const BINARY_LEVELS: string[][] = [
  ["||"],
  ["&&"],
  ["|"],
  ["^"],
  ["&"],
  ["==", "!="],
  ["<", ">", "<=", ">="],
  ["<<", ">>>", ">>"],
  ["+", "-"],
  ["*", "/", "%"],
];

const TOKEN =
  /\s*(?:(0x[0-9a-fA-F]+|0b[01]+|\d+)|([A-Za-z_][A-Za-z0-9_]*)|'([^']*)'|(>>>|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^~!<>?:(),]))/y;

interface Tok {
  t: "num" | "id" | "str" | "op" | "end";
  v: string;
  at: number;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new ExprError(`unexpected character '${src.slice(pos).trim()[0]}'`, pos);
    const at = m.index + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) out.push({ t: "num", v: m[1], at });
    else if (m[2] !== undefined) out.push({ t: "id", v: m[2], at });
    else if (m[3] !== undefined) out.push({ t: "str", v: m[3], at });
    else out.push({ t: "op", v: m[4], at });
    pos = TOKEN.lastIndex;
  }
  out.push({ t: "end", v: "", at: src.length });
  return out;
}

export function parseExpr(src: string): Expr {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const eat = (v: string) => {
    if (toks[i].t === "op" && toks[i].v === v) {
      i++;
      return true;
    }
    return false;
  };
  const expect = (v: string) => {
    if (!eat(v)) throw new ExprError(`expected '${v}'`, toks[i].at);
  };

  function ternary(): Expr {
    const c = binary(0);
    if (eat("?")) {
      const a = ternary();
      expect(":");
      const b = ternary();
      return { k: "cond", c, a, b };
    }
    return c;
  }
  function binary(level: number): Expr {
    if (level === BINARY_LEVELS.length) return unary();
    let a = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t.t === "op" && BINARY_LEVELS[level].includes(t.v)) {
        i++;
        a = { k: "bin", op: t.v, a, b: binary(level + 1) };
      } else return a;
    }
  }
  function unary(): Expr {
    const t = peek();
    if (t.t === "op" && (t.v === "-" || t.v === "~" || t.v === "!")) {
      i++;
      return { k: "un", op: t.v, a: unary() };
    }
    return primary();
  }
  function primary(): Expr {
    const t = toks[i++];
    if (t.t === "num") return { k: "num", v: Number(t.v.startsWith("0b") ? parseInt(t.v.slice(2), 2) : t.v) };
    if (t.t === "str") return { k: "str", v: t.v };
    if (t.t === "id") {
      if (eat("(")) {
        const args: Expr[] = [];
        if (!eat(")")) {
          do args.push(ternary());
          while (eat(","));
          expect(")");
        }
        return { k: "call", fn: t.v, args };
      }
      return { k: "id", name: t.v };
    }
    if (t.t === "op" && t.v === "(") {
      const e = ternary();
      expect(")");
      return e;
    }
    throw new ExprError(t.t === "end" ? "unexpected end of expression" : `unexpected '${t.v}'`, t.at);
  }

  const e = ternary();
  if (peek().t !== "end") throw new ExprError(`unexpected '${peek().v}'`, peek().at);
  return e;
}

/** Identifiers an expression reads (not function names, not register-file arguments). */
export function identifiers(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.k) {
    case "id":
      out.add(e.name);
      break;
    case "call":
      e.args.forEach((a, idx) => {
        if (!(idx === 0 && FUNCTIONS[e.fn]?.regfileArg)) identifiers(a, out);
      });
      break;
    case "un":
      identifiers(e.a, out);
      break;
    case "bin":
      identifiers(e.a, out);
      identifiers(e.b, out);
      break;
    case "cond":
      identifiers(e.c, out);
      identifiers(e.a, out);
      identifiers(e.b, out);
      break;
  }
  return out;
}

/**
 * Replaces macro identifiers by their expressions (macros may use other macros). A subtree
 * without macros is returned as it is, not copied (expressions are never modified): large
 * tables expand every entry's templates several times.
 */
export function expandMacros(e: Expr, macros: ReadonlyMap<string, Expr>, depth = 0): Expr {
  if (depth > 20) throw new ExprError("macros nest too deeply (a macro refers to itself?)", 0);
  const d = depth + 1;
  switch (e.k) {
    case "id": {
      const m = macros.get(e.name);
      return m ? expandMacros(m, macros, d) : e;
    }
    case "call": {
      let args: Expr[] | undefined;
      for (let i = 0; i < e.args.length; i++) {
        const a = e.args[i];
        const x = i === 0 && FUNCTIONS[e.fn]?.regfileArg ? a : expandMacros(a, macros, d);
        if (x !== a) (args ??= e.args.slice())[i] = x;
      }
      return args ? { ...e, args } : e;
    }
    case "un": {
      const a = expandMacros(e.a, macros, d);
      return a === e.a ? e : { ...e, a };
    }
    case "bin": {
      const a = expandMacros(e.a, macros, d);
      const b = expandMacros(e.b, macros, d);
      return a === e.a && b === e.b ? e : { ...e, a, b };
    }
    case "cond": {
      const c = expandMacros(e.c, macros, d);
      const a = expandMacros(e.a, macros, d);
      const b = expandMacros(e.b, macros, d);
      return c === e.c && a === e.a && b === e.b ? e : { ...e, c, a, b };
    }
    default:
      return e;
  }
}

/** Register files the expression looks names up in. */
export function regfilesUsed(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === "call") {
    if (FUNCTIONS[e.fn]?.regfileArg && e.args[0]?.k === "id") out.add(e.args[0].name);
    e.args.forEach((a) => regfilesUsed(a, out));
  } else if (e.k === "un") regfilesUsed(e.a, out);
  else if (e.k === "bin") {
    regfilesUsed(e.a, out);
    regfilesUsed(e.b, out);
  } else if (e.k === "cond") {
    regfilesUsed(e.c, out);
    regfilesUsed(e.a, out);
    regfilesUsed(e.b, out);
  }
  return out;
}

export type Value = number | string;

export interface RegfileLookup {
  name(file: string, n: number): string | undefined;
  fallback(file: string, n: number): string;
}

const CR_BITS = ["lt", "gt", "eq", "so"];

/** Printer implementations shared by the interpreter; the emitter writes the same logic in TS. */
export const PRINTERS = {
  dec: (x: number) => String(x),
  udec: (x: number) => String(x >>> 0),
  hex: (x: number) => "0x" + (x >>> 0).toString(16),
  addr: (x: number) => "0x" + (x >>> 0).toString(16),
  gpr: (x: number) => "r" + x,
  gpr0: (x: number) => (x === 0 ? "0" : "r" + x),
  fpr: (x: number) => "f" + x,
  cr: (x: number) => "cr" + x,
  crbit: (x: number) => (x >> 2 === 0 ? CR_BITS[x & 3] : `4*cr${x >> 2}+${CR_BITS[x & 3]}`),
};

/** Interprets an expression; `env` maps identifiers (fields, pc) to values. */
/** A value as a number (a string counts as its length). */
function evalNum(x: Expr, env: ReadonlyMap<string, number>, regs: RegfileLookup): number {
  const v = evaluate(x, env, regs);
  return typeof v === "number" ? v : v.length;
}

// No closures here: the alias checks evaluate conditions up to a million times per alias.
export function evaluate(e: Expr, env: ReadonlyMap<string, number>, regs: RegfileLookup): Value {
  switch (e.k) {
    case "num":
      return e.v;
    case "str":
      return e.v;
    case "id": {
      const v = env.get(e.name);
      if (v === undefined) throw new ExprError(`unknown name '${e.name}'`, 0);
      return v;
    }
    case "call": {
      if (e.fn === "reg" || e.fn === "has") {
        const file = e.args[0].k === "id" ? e.args[0].name : "";
        const n = evalNum(e.args[1], env, regs);
        const name = regs.name(file, n);
        return e.fn === "has" ? (name === undefined ? 0 : 1) : (name ?? regs.fallback(file, n));
      }
      const p = PRINTERS[e.fn as keyof typeof PRINTERS];
      if (!p) throw new ExprError(`unknown function '${e.fn}'`, 0);
      return p(evalNum(e.args[0], env, regs));
    }
    case "un": {
      const a = evalNum(e.a, env, regs);
      return e.op === "-" ? -a : e.op === "~" ? ~a : a === 0 ? 1 : 0;
    }
    case "bin": {
      if (e.op === "&&") return evalNum(e.a, env, regs) !== 0 && evalNum(e.b, env, regs) !== 0 ? 1 : 0;
      if (e.op === "||") return evalNum(e.a, env, regs) !== 0 || evalNum(e.b, env, regs) !== 0 ? 1 : 0;
      const a = evalNum(e.a, env, regs);
      const b = evalNum(e.b, env, regs);
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return b === 0 ? 0 : Math.trunc(a / b);
        case "%": return b === 0 ? 0 : a % b;
        case "&": return a & b;
        case "|": return a | b;
        case "^": return a ^ b;
        case "<<": return a << b;
        case ">>": return a >> b;
        case ">>>": return a >>> b;
        case "==": return a === b ? 1 : 0;
        case "!=": return a !== b ? 1 : 0;
        case "<": return a < b ? 1 : 0;
        case ">": return a > b ? 1 : 0;
        case "<=": return a <= b ? 1 : 0;
        case ">=": return a >= b ? 1 : 0;
      }
      throw new ExprError(`unknown operator ${e.op}`, 0);
    }
    case "cond":
      return evalNum(e.c, env, regs) !== 0 ? evaluate(e.a, env, regs) : evaluate(e.b, env, regs);
  }
}

/** Static type of an expression: printers give strings, everything else numbers. */
export function typeOf(e: Expr): "num" | "str" {
  switch (e.k) {
    case "str":
      return "str";
    case "call":
      return FUNCTIONS[e.fn]?.result ?? "num";
    case "cond":
      return typeOf(e.a) === "str" || typeOf(e.b) === "str" ? "str" : "num";
    default:
      return "num";
  }
}

/**
 * Compiles to a TypeScript expression. `ref(name)` gives the TS for an identifier;
 * `regTs(fn, file, argTs)` the TS for reg()/has(). Numeric results stay numbers.
 */
export function compileTs(
  e: Expr,
  ref: (name: string) => string,
  regTs: (fn: "reg" | "has", file: string, arg: string) => string,
): string {
  switch (e.k) {
    case "num":
      return String(e.v);
    case "str":
      return JSON.stringify(e.v);
    case "id":
      return ref(e.name);
    case "call":
      if (e.fn === "reg" || e.fn === "has") {
        const file = e.args[0].k === "id" ? e.args[0].name : "";
        return regTs(e.fn, file, numTs(e.args[1], ref, regTs));
      }
      return `p_${e.fn}(${numTs(e.args[0], ref, regTs)})`;
    case "un":
      return e.op === "!" ? `(${numTs(e.a, ref, regTs)} === 0 ? 1 : 0)` : `(${e.op}${numTs(e.a, ref, regTs)})`;
    case "bin":
      switch (e.op) {
        case "&&":
          return `(${numTs(e.a, ref, regTs)} !== 0 && ${numTs(e.b, ref, regTs)} !== 0 ? 1 : 0)`;
        case "||":
          return `(${numTs(e.a, ref, regTs)} !== 0 || ${numTs(e.b, ref, regTs)} !== 0 ? 1 : 0)`;
        case "==":
          return `(${numTs(e.a, ref, regTs)} === ${numTs(e.b, ref, regTs)} ? 1 : 0)`;
        case "!=":
          return `(${numTs(e.a, ref, regTs)} !== ${numTs(e.b, ref, regTs)} ? 1 : 0)`;
        case "<":
        case ">":
        case "<=":
        case ">=":
          return `(${numTs(e.a, ref, regTs)} ${e.op} ${numTs(e.b, ref, regTs)} ? 1 : 0)`;
        case "/":
          return `Math.trunc(${numTs(e.a, ref, regTs)} / ${numTs(e.b, ref, regTs)})`;
        default:
          return `(${numTs(e.a, ref, regTs)} ${e.op} ${numTs(e.b, ref, regTs)})`;
      }
    case "cond":
      return `(${numTs(e.c, ref, regTs)} !== 0 ? ${compileTs(e.a, ref, regTs)} : ${compileTs(e.b, ref, regTs)})`;
  }
}

/**
 * compileTs of a number (a string stands for its length). A module function, not a closure made
 * per call: under tsx (keepNames) every closure made costs a defineProperty of its name.
 */
function numTs(x: Expr, ref: (name: string) => string, regTs: (fn: "reg" | "has", file: string, arg: string) => string): string {
  return typeOf(x) === "str" ? `${compileTs(x, ref, regTs)}.length` : compileTs(x, ref, regTs);
}

/** Compiles a condition to a TS boolean expression (avoids the 0/1 round trip). */
export function compileCondTs(
  e: Expr,
  ref: (name: string) => string,
  regTs: (fn: "reg" | "has", file: string, arg: string) => string,
): string {
  if (e.k === "bin") {
    if (e.op === "&&" || e.op === "||") return `(${compileCondTs(e.a, ref, regTs)} ${e.op} ${compileCondTs(e.b, ref, regTs)})`;
    if (["==", "!=", "<", ">", "<=", ">="].includes(e.op)) {
      const op = e.op === "==" ? "===" : e.op === "!=" ? "!==" : e.op;
      return `${compileTs(e.a, ref, regTs)} ${op} ${compileTs(e.b, ref, regTs)}`;
    }
  }
  if (e.k === "un" && e.op === "!") return `!(${compileCondTs(e.a, ref, regTs)})`;
  return `${compileTs(e, ref, regTs)} !== 0`;
}
