import { createElement, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "../domain/markdown";

/**
 * Renders staff-written Markdown (a safe subset, see app/domain/markdown.ts)
 * as GOV.UK-styled React elements. Never uses innerHTML: raw HTML in the
 * source appears as text, and links are limited to http(s), mailto and
 * same-site paths. `headingOffset` shifts heading levels (e.g. 1 turns `#`
 * into h2) so the content sits under the page's own h1; `topLevel` instead
 * names the level the source's highest heading takes.
 */
export function Markdown({ source, headingOffset = 1, topLevel, lang }: { source: string; headingOffset?: number; topLevel?: number; lang?: string }) {
  const blocks = parseMarkdown(source);
  // `topLevel`: the source's highest heading becomes this level, keeping the page's heading order
  // whichever level the author started at (a briefing usually starts at `##`).
  if (topLevel !== undefined) {
    const levels = blocks.filter((b): b is Extract<Block, { type: "heading" }> => b.type === "heading").map((b) => b.level);
    headingOffset = levels.length ? topLevel - Math.min(...levels) : 0;
  }
  return (
    <div className="app-markdown" lang={lang}>
      {blocks.map((block, i) => renderBlock(block, i, headingOffset))}
    </div>
  );
}

const HEADING_CLASS = ["govuk-heading-xl", "govuk-heading-l", "govuk-heading-m", "govuk-heading-s", "govuk-heading-s", "govuk-heading-s"];

function renderBlock(block: Block, key: number, offset: number): ReactNode {
  switch (block.type) {
    case "heading": {
      const level = Math.min(6, Math.max(1, block.level + offset));
      return createElement(`h${level}`, { key, className: HEADING_CLASS[level - 1] }, renderInlines(block.children));
    }
    case "paragraph":
      return (
        <p key={key} className="govuk-body">
          {renderInlines(block.children)}
        </p>
      );
    case "list": {
      const Tag = block.ordered ? "ol" : "ul";
      return (
        <Tag key={key} className={`govuk-list ${block.ordered ? "govuk-list--number" : "govuk-list--bullet"}`}>
          {block.items.map((item, j) => (
            <li key={j}>{renderInlines(item)}</li>
          ))}
        </Tag>
      );
    }
    case "quote":
      return (
        <blockquote key={key} className="govuk-inset-text">
          {renderInlines(block.children)}
        </blockquote>
      );
  }
}

function renderInlines(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.value;
      case "strong":
        return <strong key={i}>{renderInlines(node.children)}</strong>;
      case "em":
        return <em key={i}>{renderInlines(node.children)}</em>;
      case "code":
        return <code key={i}>{node.value}</code>;
      case "break":
        return <br key={i} />;
      case "link": {
        const external = /^(https?:)/i.test(node.href);
        return (
          <a key={i} className="govuk-link" href={node.href} rel={external ? "noopener noreferrer" : undefined}>
            {renderInlines(node.children)}
          </a>
        );
      }
    }
  });
}
