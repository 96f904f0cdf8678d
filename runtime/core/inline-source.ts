// Source-level inlining of handler methods into a compiled dispatch switch.
//
// The interpreters compile their `run` again with the generated dispatch switch in it (each
// case `x = h.name(operand expressions); break;`). V8 inlines the hot handler calls, but every
// inlined body still loads `this.gpr`, `this.i32`, ... from the machine once per instruction,
// behind a map check, because nothing tells TurboFan those fields never change. Here each call
// becomes the method's own text in a labelled block, operands bound to the case's field
// expressions, `return E` turned into `x = E` and a break, and the reads of fields that are
// `readonly` in the class turned into locals `run` loads once. The handler stays the one
// written source of the instruction's semantics; this only changes where its text is compiled.
//
// A method whose text this cannot transform safely keeps its call: any name that is not its
// parameter, its own declaration or a JavaScript global (a module binding, an object key,
// `arguments`, a nested function's), a bare `this`, a template, a comment.

/** One scanned token: kind and text. Strings and templates are kept whole. */
interface Tok {
  k: "id" | "str" | "p";
  s: string;
}

function tokens(src: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      out.push({ k: "p", s: " " });
      while (i < src.length && /\s/.test(src[i])) i++;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w$]/.test(src[j])) j++;
      out.push({ k: "id", s: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out.push({ k: "str", s: src.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      // Comments (e.g. the names of inlined enum members): dropped.
      const end = src.indexOf("*/", i + 2);
      if (end < 0) return undefined;
      out.push({ k: "p", s: " " });
      i = end + 2;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    // Templates and regular expressions: not worth scanning in a handler body.
    if (c === "`") return undefined;
    if (c === "=" && src[i + 1] === ">") return undefined; // an arrow function: its returns are its own
    out.push({ k: "p", s: c });
    i++;
  }
  return out;
}

/** Words a handler body may use besides its parameters and its own declarations. */
const KNOWN = new Set(
  (
    "this return if else const let var for while do break continue typeof instanceof new in of " +
    "true false null undefined NaN Infinity Math Number Boolean"
  ).split(" "),
);

/** The identifiers a body declares (`const a = …, b = …`, `let`, `var`). */
function declared(toks: readonly Tok[]): Set<string> | undefined {
  const out = new Set<string>();
  let declDepth = -1,
    depth = 0;
  const sig = toks.filter((t) => t.s !== " ");
  for (let t = 0; t < sig.length; t++) {
    const { k, s } = sig[t];
    if (k === "id" && (s === "const" || s === "let" || s === "var")) {
      if (sig[t + 1]?.k !== "id") return undefined; // destructuring: not handled
      declDepth = depth;
      continue;
    }
    if (s === "(" || s === "[" || s === "{") depth++;
    else if (s === ")" || s === "]" || s === "}") {
      depth--;
      if (depth < declDepth) declDepth = -1;
    } else if (s === ";" && depth === declDepth) declDepth = -1;
    else if (k === "id" && depth === declDepth && sig[t + 1]?.s === "=" && sig[t + 2]?.s !== "=")
      out.add(s);
  }
  return out;
}

/**
 * The body of `method` (a method's `toString()`) with its parameters bound to `args`, every
 * `return E` made `x = E` and a break out of the block, `this.<name>` for `hoisted` names read
 * as `<prefix><name>`; undefined when the text is not simple enough to move safely.
 */
export function inlineBody(
  method: string,
  args: readonly string[],
  hoisted: ReadonlySet<string>,
  prefix: string,
  label: string,
  self = "this",
): string | undefined {
  const open = method.indexOf("(");
  const close = method.indexOf(")");
  const brace = method.indexOf("{", close);
  if (open < 0 || close < open || brace < 0 || !method.trimEnd().endsWith("}")) return undefined;
  const params = method
    .slice(open + 1, close)
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (params.length !== args.length || params.some((p) => !/^[A-Za-z_$][\w$]*$/.test(p)))
    return undefined;
  const body = method.trimEnd().slice(brace + 1, -1);
  const toks = tokens(body);
  if (!toks) return undefined;
  const own = declared(toks);
  if (!own || own.has("x")) return undefined;
  const names = new Set([...params, ...own, ...KNOWN]);
  let out = "";
  // Depth of each open return expression's brackets, innermost last.
  const returns: number[] = [];
  let depth = 0;
  let prevSig = ""; // the last token that is not a space
  for (let t = 0; t < toks.length; t++) {
    const { k, s } = toks[t];
    const afterDot = prevSig === ".";
    if (s !== " ") prevSig = s;
    if (k === "id" && !afterDot) {
      // A free name (a module binding, one of run's locals) would not mean the same in run.
      if (!names.has(s)) return undefined;
      if (s === "this") {
        const dot = toks[t + 1]?.s === "." ? toks[t + 2] : undefined;
        if (!dot || dot.k !== "id") return undefined; // bare `this` (passed on, compared): keep the call
        if (hoisted.has(dot.s)) {
          out += prefix + dot.s;
          t += 2;
          continue;
        }
        out += self;
        continue;
      }
      if (s === "return") {
        const next = toks.slice(t + 1).find((p) => p.s !== " ");
        if (!next || next.s === ";" || next.s === "}") return undefined; // a handler always returns a value
        out += `{x=(`;
        returns.push(depth);
        continue;
      }
    }
    if (k === "p" && (s === "(" || s === "[" || s === "{")) depth++;
    if (k === "p" && (s === ")" || s === "]" || s === "}")) {
      if (returns.length && returns[returns.length - 1] === depth) {
        out += `);break ${label}}`;
        returns.pop();
      }
      depth--;
    }
    if (k === "p" && s === ";" && returns.length && returns[returns.length - 1] === depth) {
      out += `);break ${label}}`;
      returns.pop();
      continue;
    }
    out += s;
  }
  if (returns.length) {
    if (returns.length !== 1 || returns[0] !== 0) return undefined;
    out += `);break ${label}}`;
  }
  const binds = params.map((p, i) => `${p}=${args[i]}`).join(",");
  return `${label}:{${binds ? `let ${binds};` : ""}{${out}}}`;
}

/** Splits a call's argument list text at top-level commas. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0,
    start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (text.trim() !== "") out.push(text.slice(start).trim());
  return out;
}

/**
 * The statement that does what the call text `call` (`<self>.name(args)`, as the generated
 * `sourceVcpu` writes it) does, leaving the result in `x`: the method's body from `proto`, or
 * undefined when it cannot be moved.
 */
export function inlineCall(
  call: string,
  proto: object,
  hoisted: ReadonlySet<string>,
  prefix: string,
  self: string,
): string | undefined {
  const m = /^([\w$]+)\.([\w$]+)\((.*)\)$/s.exec(call);
  if (!m || m[1] !== self) return undefined;
  const method = (proto as Record<string, unknown>)[m[2]];
  if (typeof method !== "function") return undefined;
  return inlineBody(method.toString(), splitArgs(m[3]), hoisted, prefix, "$c", self);
}

/**
 * The dispatch switch `switchSrc` (cases `x = h.name(args); break;`) with each call whose method
 * `proto` has, and `only` admits, replaced by the method's inlined body. Returns the new text
 * and how many cases were inlined.
 */
export function inlineSwitch(
  switchSrc: string,
  proto: object,
  hoisted: ReadonlySet<string>,
  prefix: string,
  only: (name: string) => boolean = () => true,
): { text: string; inlined: number } {
  let inlined = 0;
  const text = switchSrc.replace(
    /x = (h\.([\w$]+)\(.*\)); break;/g,
    (whole, call: string, name: string) => {
      const body = only(name) ? inlineCall(call, proto, hoisted, prefix, "h") : undefined;
      if (body === undefined) return whole;
      inlined++;
      return `${body} break;`;
    },
  );
  return { text, inlined };
}
