/**
 * A small, safe Markdown subset for briefings and summaries written by staff:
 * headings (#–####), paragraphs, bullet and numbered lists, block quotes,
 * **strong**, *emphasis*, `code`, [links](https://…) and hard line breaks.
 *
 * It parses to a tree of plain data (never HTML strings): the renderer
 * (app/ui/Markdown.tsx) builds React elements from it, so raw HTML in the
 * source is shown as text, never interpreted, and only http(s), mailto and
 * same-site links survive. Pure TypeScript: no Remix, React or node built-ins.
 */

export type Inline =
  | { type: "text"; value: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "code"; value: string }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "quote"; children: Inline[] };

const MAX_SOURCE = 100_000;
const MAX_DEPTH = 8;

/**
 * A link target we allow, normalised, or null. Allowed: http:, https:, mailto:,
 * a same-site path ("/…", not "//…") or a fragment ("#…"). Control characters
 * and spaces are stripped first, as browsers do, so "java\tscript:" is caught.
 */
export function safeHref(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (href === "" || href.length > 2000) return null;
  if (href.startsWith("#")) return href;
  if (href.startsWith("/")) return href.startsWith("//") || href.startsWith("/\\") ? null : href;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
  if (!scheme) return null;
  const name = scheme[1].toLowerCase();
  if (name !== "http" && name !== "https" && name !== "mailto") return null;
  if (name !== "mailto") {
    try {
      const url = new URL(href);
      if (!url.hostname) return null;
    } catch {
      return null;
    }
  }
  return href;
}

function pushText(out: Inline[], value: string) {
  if (!value) return;
  const last = out[out.length - 1];
  if (last && last.type === "text") last.value += value;
  else out.push({ type: "text", value });
}

/** Finds the closing delimiter, skipping backslash escapes; -1 if none. */
function findClosing(s: string, from: number, delim: string): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s.startsWith(delim, i) && i > from) return i;
  }
  return -1;
}

export function parseInline(source: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  if (depth > MAX_DEPTH) {
    pushText(out, source);
    return out;
  }
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "\\" && i + 1 < source.length && /[\\`*_[\]()#+\-.!<>]/.test(source[i + 1])) {
      pushText(out, source[i + 1]);
      i += 2;
      continue;
    }
    if (c === "\n") {
      // Two trailing spaces or a backslash before a newline make a hard break; otherwise a space.
      const text = out[out.length - 1];
      if (text?.type === "text" && / {2,}$/.test(text.value)) {
        text.value = text.value.replace(/ +$/, "");
        out.push({ type: "break" });
      } else pushText(out, " ");
      i++;
      continue;
    }
    if (c === "`") {
      const end = source.indexOf("`", i + 1);
      if (end > i + 1) {
        out.push({ type: "code", value: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((c === "*" || c === "_") && source[i + 1] === c) {
      const end = findClosing(source, i + 2, c + c);
      if (end > 0) {
        out.push({ type: "strong", children: parseInline(source.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if ((c === "*" || c === "_") && source[i + 1] !== " " && source[i + 1] !== undefined) {
      // An underscore inside a word (snake_case) is not emphasis.
      const wordBefore = c === "_" && i > 0 && /\w/.test(source[i - 1]);
      const end = wordBefore ? -1 : findClosing(source, i + 1, c);
      if (end > 0 && source[end - 1] !== " " && !(c === "_" && /\w/.test(source[end + 1] ?? ""))) {
        out.push({ type: "em", children: parseInline(source.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (c === "[") {
      const close = findClosing(source, i + 1, "]");
      if (close > 0 && source[close + 1] === "(") {
        const end = source.indexOf(")", close + 2);
        if (end > 0) {
          const label = source.slice(i + 1, close);
          const target = source
            .slice(close + 2, end)
            .trim()
            .split(/\s+"/)[0];
          const href = safeHref(target);
          const children = parseInline(label, depth + 1);
          if (href) out.push({ type: "link", href, children });
          else for (const child of children) child.type === "text" ? pushText(out, child.value) : out.push(child);
          i = end + 1;
          continue;
        }
      }
    }
    pushText(out, c);
    i++;
  }
  return out;
}

const HEADING = /^(#{1,4})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

/** Parses Markdown into blocks. Input is capped at 100,000 characters. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, MAX_SOURCE).replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1].length as 1 | 2 | 3 | 4, children: parseInline(heading[2]) });
      i++;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = Boolean(numbered);
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length && lines[i].trim() !== "") {
        const m = pattern.exec(lines[i]);
        if (m) items.push(m[1]);
        else if (items.length && /^\s+\S/.test(lines[i])) items[items.length - 1] += `\n${lines[i].trim()}`;
        else break;
        i++;
      }
      blocks.push({ type: "list", ordered, items: items.map((item) => parseInline(item)) });
      continue;
    }
    if (QUOTE.test(line)) {
      const text: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) (text.push(QUOTE.exec(lines[i])![1]), i++);
      blocks.push({ type: "quote", children: parseInline(text.join("\n")) });
      continue;
    }
    const text: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() !== "" &&
      !HEADING.test(lines[i]) &&
      !BULLET.test(lines[i]) &&
      !NUMBERED.test(lines[i]) &&
      !QUOTE.test(lines[i])
    ) {
      text.push(lines[i]);
      i++;
    }
    blocks.push({ type: "paragraph", children: parseInline(text.join("\n").trim()) });
  }
  return blocks;
}

export interface BriefingSection {
  /** The `##` heading's text (plain), or null for text before the first heading. */
  title: string | null;
  /** The section's Markdown without its heading. */
  body: string;
}

/**
 * Splits a briefing into sections at each level-2 heading (`## …`), so the
 * journey can show one short section per page. Text before the first heading
 * becomes an untitled first section; empty sections are dropped.
 */
export function splitBriefing(markdown: string): BriefingSection[] {
  const sections: BriefingSection[] = [];
  let current: BriefingSection = { title: null, body: "" };
  const lines = markdown.slice(0, MAX_SOURCE).replace(/\r\n?/g, "\n").split("\n");
  for (const line of lines) {
    const m = /^##\s+(.*?)\s*#*\s*$/.exec(line);
    if (m && !line.startsWith("###")) {
      sections.push(current);
      current = { title: plainText(parseInline(m[1])), body: "" };
    } else current.body += `${line}\n`;
  }
  sections.push(current);
  return sections.map((s) => ({ title: s.title, body: s.body.trim() })).filter((s) => s.title !== null || s.body !== "");
}

/** The text of inline nodes without formatting (for titles and labels). */
export function plainText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === "text" || n.type === "code" ? n.value : n.type === "break" ? " " : plainText(n.children))).join("");
}
