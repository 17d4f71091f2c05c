// Staff write briefings in Markdown; citizens read them. Whatever is typed,
// the page must never run a script or follow a javascript: link.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseMarkdown, safeHref, splitBriefing } from "../domain/markdown";
import { Markdown } from "./Markdown";

const html = (source: string, headingOffset?: number) => renderToStaticMarkup(<Markdown source={source} headingOffset={headingOffset} />);

describe("Markdown renderer", () => {
  it("renders the supported subset with GOV.UK classes", () => {
    const out = html("# Title\n\nSome **bold**, *em* and `code`.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n[Read more](https://example.org/a?b=1)");
    expect(out).toContain('<h2 class="govuk-heading-l">Title</h2>');
    expect(out).toContain('<p class="govuk-body">Some <strong>bold</strong>, <em>em</em> and <code>code</code>.</p>');
    expect(out).toContain('<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two</li></ul>');
    expect(out).toContain('<ol class="govuk-list govuk-list--number"><li>first</li><li>second</li></ol>');
    expect(out).toContain('<blockquote class="govuk-inset-text">quoted</blockquote>');
    expect(out).toContain('<a class="govuk-link" href="https://example.org/a?b=1" rel="noopener noreferrer">Read more</a>');
  });

  it("shifts heading levels so content sits under the page h1", () => {
    expect(html("## Part", 0)).toContain('<h2 class="govuk-heading-l">Part</h2>');
    expect(html("## Part", 1)).toContain('<h3 class="govuk-heading-m">Part</h3>');
    expect(html("#### Deep", 3)).toContain("<h6");
  });

  it("topLevel: the source's highest heading takes that level, whichever level the author started at (no jump from h2 to h4)", () => {
    const top = (source: string, topLevel: number) => renderToStaticMarkup(<Markdown source={source} topLevel={topLevel} />);
    expect(top("## Part one\n\ntext\n\n### Detail", 3)).toMatch(
      /^<div class="app-markdown"><h3 class="govuk-heading-m">Part one<\/h3><p class="govuk-body">text<\/p><h4 /,
    );
    expect(top("# Title\n\n## Part", 3)).toMatch(/<h3 [^>]*>Title<\/h3><h4 [^>]*>Part<\/h4>/);
    expect(top("Only a paragraph", 3)).toBe('<div class="app-markdown"><p class="govuk-body">Only a paragraph</p></div>');
  });

  it("shows raw HTML as text: no script, no element, no event handler", () => {
    const attacks = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)><iframe srcdoc="<script>alert(1)</script>">',
      "**<b onmouseover=alert(1)>hi</b>**",
    ];
    for (const attack of attacks) {
      const out = html(attack);
      expect(out, attack).not.toMatch(/<(script|img|iframe|svg|b)\b/i);
      expect(out, attack).not.toMatch(/<[^>]+\son\w+=/i);
      expect(out, attack).toContain("&lt;");
    }
  });

  it("drops dangerous link targets and keeps the text", () => {
    const targets = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      " javascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "//evil.example/path",
      "/\\evil.example",
      "file:///etc/passwd",
    ];
    for (const target of targets) {
      const out = html(`[click me](${target})`);
      expect(out, target).not.toContain("href");
      expect(out, target).toContain("click me");
    }
  });

  it("allows http(s), mailto, same-site paths and fragments", () => {
    expect(safeHref("https://example.org")).toBe("https://example.org");
    expect(safeHref("http://example.org/x")).toBe("http://example.org/x");
    expect(safeHref("mailto:team@example.org")).toBe("mailto:team@example.org");
    expect(safeHref("/privacy")).toBe("/privacy");
    expect(safeHref("#part-2")).toBe("#part-2");
    expect(safeHref("https://")).toBeNull();
    expect(safeHref("relative/path")).toBeNull();
  });

  it("attribute values are escaped, so a quote cannot break out of href", () => {
    const out = html('[x](https://example.org/"onmouseover="alert(1))');
    expect(out).not.toMatch(/"\s*onmouseover=/);
  });

  it("backslash escapes, snake_case words and hard line breaks", () => {
    expect(html("\\*not em\\*")).toContain('<p class="govuk-body">*not em*</p>');
    expect(html("age_band and sex_group")).toContain("age_band and sex_group");
    expect(html("line one  \nline two")).toContain("line one<br/>line two");
    expect(html("line one\nline two")).toContain("line one line two");
  });

  it("caps deep nesting and huge input without throwing", () => {
    expect(() => html("*".repeat(5000))).not.toThrow();
    expect(() => html("[".repeat(5000) + "](https://x.org)")).not.toThrow();
    expect(parseMarkdown("a".repeat(200_000))[0]).toMatchObject({ type: "paragraph" });
  });
});

describe("splitBriefing", () => {
  it("splits at ## headings, keeps an untitled introduction, drops empty parts", () => {
    const sections = splitBriefing("Intro text.\n\n## Why we ask\n\nBecause.\n\n### Detail\n\nMore.\n\n## What **changes**\n\n- a\n- b\n\n## Empty\n");
    expect(sections).toEqual([
      { title: null, body: "Intro text." },
      { title: "Why we ask", body: "Because.\n\n### Detail\n\nMore." },
      { title: "What changes", body: "- a\n- b" },
      { title: "Empty", body: "" },
    ]);
  });

  it("returns nothing for an empty briefing and one part when there are no headings", () => {
    expect(splitBriefing("")).toEqual([]);
    expect(splitBriefing("Just a paragraph.")).toEqual([{ title: null, body: "Just a paragraph." }]);
  });
});
