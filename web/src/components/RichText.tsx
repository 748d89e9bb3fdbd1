// A bot's formatted text: entities (UTF-16 offsets, i.e. JS string indices) as markup.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { isSafeLink } from "../../../src/platform/safe-link.ts";
import { richTree } from "../rich-text.ts";
import { EntityLink } from "./EntityLink.tsx";
import type { MessageEntity } from "../types.ts";

/** `chatId`: the chat the text is in, for entities that act in it (a command is sent there). */
export function RichText({ text, entities, chatId }: { text: string; entities: MessageEntity[] | undefined; chatId?: number }) {
  return <>{richTree<ComponentChildren>(text, entities, (e, children, key) => wrap(e, children, key, text, chatId))}</>;
}

function wrap(e: MessageEntity, children: ComponentChildren[], key: string, text: string, chatId: number | undefined): ComponentChildren {
  switch (e.type) {
    case "url":
    case "email":
    case "phone_number":
    case "mention":
    case "text_mention":
    case "bot_command":
    case "hashtag":
    case "cashtag":
      return (
        <EntityLink key={key} entity={e} covered={text.slice(e.offset, e.offset + e.length)} chatId={chatId}>
          {children}
        </EntityLink>
      );
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
