// A bot's formatted text: entities (UTF-16 offsets, i.e. JS string indices) as markup.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { isSafeLink } from "../../../src/platform/safe-link.ts";
import { richTree } from "../rich-text.ts";
import type { MessageEntity } from "../types.ts";

export function RichText({ text, entities }: { text: string; entities: MessageEntity[] | undefined }) {
  return <>{richTree<ComponentChildren>(text, entities, wrap)}</>;
}

function wrap(e: MessageEntity, children: ComponentChildren[], key: string): ComponentChildren {
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
      return e.url && isSafeLink(e.url) ? (
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
