// Enough Markdown for the generated docs (generator/markdown.ts writes them): headings,
// paragraphs, pipe tables, inline code, links and emphasis. Text is escaped first, so the
// tables' contents cannot inject markup.

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Inline code, links (whose text may hold code) and bold; `link` maps a target (undefined: plain text). */
function inline(s: string, link: (href: string) => string | undefined): string {
  let out = "";
  let at = 0;
  for (const m of s.matchAll(/\[((?:`[^`]*`|[^\]`])+)\]\(([^)\s]+)\)|`([^`]*)`/g)) {
    out += plain(s.slice(at, m.index));
    if (m[3] !== undefined) out += `<code>${esc(m[3])}</code>`;
    else {
      const href = link(m[2]);
      const text = inline(m[1], link);
      out += href === undefined ? text : `<a href="${esc(href)}">${text}</a>`;
    }
    at = m.index! + m[0].length;
  }
  return out + plain(s.slice(at));
}

function plain(s: string): string {
  return esc(s).replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>");
}

function cells(row: string): string[] {
  // Pipes escaped as \| belong to the cell.
  return row
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

export function renderMarkdown(md: string, link: (href: string) => string | undefined = (h) => h): string {
  const out: string[] = [];
  const lines = md.split("\n");
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.map((l) => inline(l, link)).join("<br>")}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const h = /^(#{1,6})\s+(.*)$/.exec(l);
    if (h) {
      flush();
      out.push(`<h${h[1].length + 1}>${inline(h[2], link)}</h${h[1].length + 1}>`);
    } else if (l.trim().startsWith("|") && i + 1 < lines.length && /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1])) {
      flush();
      const head = cells(l);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith("|")) rows.push(cells(lines[i++]));
      i--;
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(c, link)}</th>`).join("")}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c, link)}</td>`).join("")}</tr>`).join("") +
          `</tbody></table>`,
      );
    } else if (l.startsWith("<!--")) {
      continue;
    } else if (l.trim() === "") flush();
    else para.push(l);
  }
  flush();
  return out.join("\n");
}
