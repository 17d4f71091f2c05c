/**
 * Names written in another language inside a translated sentence (the partnership, a consultation
 * or document title that has no translation): each is marked with its own `lang` and isolated in
 * `<bdi>` so a right-to-left sentence (Urdu) keeps the English name whole and in its place, and a
 * screen reader reads it in the right voice.
 */
import { Fragment, type ReactNode } from "react";

export interface ForeignName {
  text: string;
  /** The name's own language; nothing is marked when it is the page's. */
  lang: string;
}

/** The partnership's name is stored once, in English. */
export const PARTNERSHIP_LANG = "en";

export function withNames(text: string, names: ForeignName[], locale: string): ReactNode {
  const marked = names.filter((n) => n.text.trim() !== "" && n.lang !== locale && text.includes(n.text));
  if (marked.length === 0) return text;
  const pattern = new RegExp(`(${marked.map((n) => n.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "g");
  return text.split(pattern).map((part, i) => {
    const name = i % 2 === 1 ? marked.find((n) => n.text === part) : undefined;
    return name ? (
      <bdi key={i} lang={name.lang}>
        {part}
      </bdi>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    );
  });
}

/** A name standing on its own (a caption): marked when it is not in the page's language. */
export function Name({ name, locale }: { name: ForeignName; locale: string }) {
  return name.lang === locale ? <>{name.text}</> : <bdi lang={name.lang}>{name.text}</bdi>;
}
