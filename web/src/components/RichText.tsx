// A bot's formatted text: entities (UTF-16 offsets, i.e. JS string indices) as markup.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { MessageEntity } from "../types.ts";

const SAFE_LINK = /^(https?:|mailto:|tg:)/i;

export function RichText({ text, entities }: { text: string; entities: MessageEntity[] | undefined }) {
  if (!entities?.length) return <>{text}</>;
  // Outer before inner: by start, then the longer first; an entity that crosses another's
  // end is split in two, so the result is always a tree.
  const sorted = entities
    .filter((e) => e.length > 0 && e.offset >= 0 && e.offset < text.length)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  return <>{range(text, 0, text.length, sorted, "e")}</>;
}

function range(text: string, start: number, end: number, ents: MessageEntity[], key: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let cursor = start;
  ents.forEach((e, i) => {
    const from = Math.max(e.offset, cursor);
    const to = Math.min(e.offset + e.length, end);
    if (from >= to) return; // already covered by an earlier one
    if (from > cursor) out.push(text.slice(cursor, from));
    const inner = ents.slice(i + 1).filter((x) => x.offset < to && x.offset + x.length > from);
    out.push(wrap(e, range(text, from, to, inner, `${key}.${i}`), `${key}.${i}`));
    cursor = to;
  });
  if (cursor < end) out.push(text.slice(cursor, end));
  return out;
}

function wrap(e: MessageEntity, children: ComponentChildren, key: string): ComponentChildren {
  switch (e.type) {
    case "bold":
      return <b key={key}>{children}</b>;
    case "italic":
      return <i key={key}>{children}</i>;
    case "underline":
      return <u key={key}>{children}</u>;
    case "strikethrough":
      return <s key={key}>{children}</s>;
    case "code":
      return <code key={key}>{children}</code>;
    case "pre":
      return (
        <pre key={key} class="pre" data-language={e.language || undefined}>
          <code class={e.language ? `language-${e.language}` : undefined}>{children}</code>
        </pre>
      );
    case "blockquote":
      return <blockquote key={key}>{children}</blockquote>;
    case "spoiler":
      return <Spoiler key={key}>{children}</Spoiler>;
    case "text_link":
      return e.url && SAFE_LINK.test(e.url) ? (
        <a key={key} href={e.url} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      ) : (
        <span key={key}>{children}</span>
      );
    default:
      return <span key={key}>{children}</span>;
  }
}

function Spoiler({ children }: { children: ComponentChildren }) {
  const [shown, setShown] = useState(false);
  return (
    <span
      class={`spoiler${shown ? " revealed" : ""}`}
      data-testid="spoiler"
      role={shown ? undefined : "button"}
      tabIndex={shown ? undefined : 0}
      aria-label={shown ? undefined : "Spoiler, click to reveal"}
      onClick={() => setShown(true)}
      onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && setShown(true)}
    >
      {children}
    </span>
  );
}
