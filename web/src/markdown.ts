// Enough Markdown for the generated docs (generator/markdown.ts writes them): headings,
// paragraphs, pipe tables, inline code, links and emphasis. Text is escaped first, so the
// tables' contents cannot inject markup.

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function inline(s: string, link: (href: string) => string): string {
  const parts = s.split(/(`[^`]*`)/);
  return parts
    .map((p) => {
      if (p.startsWith("`") && p.endsWith("`") && p.length >= 2) return `<code>${esc(p.slice(1, -1))}</code>`;
      return esc(p)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, t, h) => `<a href="${esc(link(h))}">${t}</a>`)
        .replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>");
    })
    .join("")
    .replace(/<a href="([^"]*)">([^<]*)<code>/g, '<a href="$1">$2<code>');
}

function cells(row: string): string[] {
  // Pipes escaped as \| belong to the cell.
  return row
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

export function renderMarkdown(md: string, link: (href: string) => string = (h) => h): string {
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
