// Prettier's Markdown formatting, for the plain subset our doc templates produce: headings,
// paragraphs, one-line HTML comments and tables of code spans, links, bold and plain words.
// Prettier prints that subset unchanged except for blank lines between blocks and the padding
// of table cells, which printTable below does as prettier's markdown printer does. Anything
// outside the subset (a character Markdown might treat specially, a construct we do not know)
// makes formatMarkdown return undefined, and format.ts hands the chunk to prettier itself.
// Prettier reads Markdown slowly (about 150 KB/s); the docs are 230 KB.

/** Characters of plain text that prettier prints as they are (each one column wide). */
const PLAIN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.;:()'\"/+=%?{}–—×…-";
const PLAIN = new Set([...PLAIN_CHARS].map((c) => c.charCodeAt(0)));
/** Text of plain characters only (most of the docs' text): safe once the checks before it pass. */
const ALL_PLAIN = /^[A-Za-z0-9 ,.;:()'"/+=%?{}–—×…-]*$/;
const WORD = /[A-Za-z0-9]/;

/** Is `c` a letter or digit (for snake_case: an underscore between two is left alone)? */
function wordChar(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c);
}

/**
 * Checks that inline text is in the subset: code spans, `**bold**`, `[text](url)`, plain
 * characters. In table cells `\|` stands for `|` (inside code spans too).
 */
function safeInline(s: string, inCell: boolean): boolean {
  if (s !== s.trim() || s.includes("  ") || s.includes("://") || /www\./i.test(s)) return false;
  if (ALL_PLAIN.test(s)) return true;
  let i = 0;
  let bold = false;
  while (i < s.length) {
    const c = s[i];
    if (c === "`") {
      const end = s.indexOf("`", i + 1);
      if (end < 0) return false;
      const code = s.slice(i + 1, end);
      if (code === "" || code !== code.trim()) return false;
      if (!inCell && code.includes("|")) return false;
      if (inCell && /(^|[^\\])\|/.test(code)) return false;
      i = end + 1;
    } else if (c === "*") {
      if (s[i + 1] !== "*") return false;
      if (bold ? s[i - 1] === " " : s[i + 2] === " " || s[i + 2] === undefined) return false;
      bold = !bold;
      i += 2;
    } else if (c === "[") {
      const m = /^\[([^\][`]+|`[^`]+`)\]\(([A-Za-z0-9._/#-]+)\)/.exec(s.slice(i));
      if (!m || (m[1][0] !== "`" && !safeInline(m[1], inCell))) return false;
      i += m[0].length;
    } else if (c === "_") {
      // snake_case inside a word is left alone; anywhere else prettier escapes it.
      if (!wordChar(s[i - 1]) || !wordChar(s[i + 1])) return false;
      i++;
    } else if (c === "\\" && inCell && s[i + 1] === "|") {
      i += 2;
    } else if (PLAIN.has(s.charCodeAt(i))) {
      i++;
    } else return false;
  }
  return !bold;
}

/** A line that could start something other than a paragraph line (list, quote, break, …). */
function blockish(line: string): boolean {
  return /^(\s|[-+*>#=|~`<]|\d+[.)])/.test(line) || line === "";
}

/** Table cells of a row `| a | b |`; undefined when the row is not of that form. */
function cells(row: string): string[] | undefined {
  const r = row.trimEnd();
  if (!r.startsWith("|") || !r.endsWith("|") || r.endsWith("\\|") || r.length < 2) return undefined;
  return r
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

const SURROGATE = /[\ud800-\udfff]/;

/** Characters (code points) in `s`. */
function codePoints(s: string): number {
  return SURROGATE.test(s) ? [...s].length : s.length;
}

type Align = "left" | "center" | "right" | null;

/** A table row of cells padded to their column's width. */
function tableLine(cells: readonly string[], width: readonly number[], align: readonly Align[]): string {
  if (cells.length === 0) return "|  |";
  let out = "|";
  for (let i = 0; i < cells.length; i++) {
    const text = cells[i];
    const spaces = width[i] - codePoints(text);
    const before = align[i] === "right" ? spaces : align[i] === "center" ? Math.floor(spaces / 2) : 0;
    out += ` ${" ".repeat(before)}${text}${" ".repeat(spaces - before)} |`;
  }
  return out;
}

/**
 * Prettier's table layout: columns as wide as their widest cell (at least 3), padded by
 * alignment. (Module functions, not closures: a large table's docs print hundreds of thousands
 * of tables, and under tsx every closure made costs a defineProperty of its name.)
 */
function printTable(rows: string[][], align: Align[]): string {
  const width = align.map((_, i) => Math.max(3, ...rows.map((r) => codePoints(r[i]))));
  const delim = width.map((w, i) => {
    const a = align[i];
    return (a === "center" || a === "left" ? ":" : "-") + "-".repeat(w - 2) + (a === "center" || a === "right" ? ":" : "-");
  });
  const out = [tableLine(rows[0], width, align), `| ${delim.join(" | ")} |`];
  for (let r = 1; r < rows.length; r++) out.push(tableLine(rows[r], width, align));
  return out.join("\n");
}

/** The chunk formatted as prettier formats it, or undefined when it is outside the subset. */
export function formatMarkdown(md: string): string | undefined {
  const lines = md.trim().split("\n");
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (/^<!--.*-->$/.test(line)) {
      if (line.slice(4, -3).includes("--")) return undefined;
      blocks.push(line);
      i++;
    } else if (/^#{1,6} /.test(line)) {
      const [, hashes, text] = /^(#{1,6}) (.*)$/.exec(line)!;
      if (!safeInline(text, false) || /#$/.test(text)) return undefined;
      blocks.push(`${hashes} ${text}`);
      i++;
    } else if (line.startsWith("|")) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i].startsWith("|")) {
        const cs = cells(lines[i]);
        if (!cs) return undefined;
        rows.push(cs);
        i++;
      }
      if (i < lines.length && lines[i].trim() !== "") return undefined;
      if (rows.length < 2 || rows.some((r) => r.length !== rows[0].length)) return undefined;
      const [head, delim, ...body] = rows;
      if (!delim.every((d) => /^:?-+:?$/.test(d))) return undefined;
      const align = delim.map((d) => (d.startsWith(":") && d.endsWith(":") ? "center" : d.startsWith(":") ? "left" : d.endsWith(":") ? "right" : null));
      if (![head, ...body].every((r) => r.every((c) => c === "" || safeInline(c, true)))) return undefined;
      blocks.push(printTable([head, ...body], align));
    } else {
      const para: string[] = [];
      while (i < lines.length && lines[i].trim() !== "") {
        if (blockish(lines[i]) || !safeInline(lines[i], false)) return undefined;
        para.push(lines[i]);
        i++;
      }
      blocks.push(para.join("\n"));
    }
  }
  return blocks.join("\n\n");
}
