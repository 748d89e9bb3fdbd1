import { clock, preview } from "../format.ts";
import { session, type Pending } from "../state/session.ts";
import type { Message } from "../types.ts";
import { Icon } from "./Icon.tsx";
import { MessageMedia } from "./Media.tsx";
import { RichText } from "./RichText.tsx";
import { InlineKeyboard, ViaBot } from "./InlineKeyboard.tsx";
import { ContactCard, ForwardHeader, LocationCard } from "./SharedContent.tsx";
import { MessageActions, PinNotice, PollView, ReactionBar } from "./Interactions.tsx";
import type { View } from "./Lightbox.tsx";

interface Props {
  message: Message;
  mine: boolean;
  showSender: boolean;
  read: boolean;
  onView: (view: View) => void;
  onMediaLoad: () => void;
  /** Inline buttons waiting for the bot's answer (`chatId:messageId:data`). */
  pressing: Record<string, true>;
}

export function MessageBubble({ message: m, mine, showSender, read, onView, onMediaLoad, pressing }: Props) {
  if (m.pinnedMessage) return <PinNotice message={m} />;
  // Pictures fill their bubble; a sticker has none, nor does a round video note.
  const image = m.media?.kind === "image" || m.media?.kind === "animation";
  const bare = (m.media?.kind === "sticker" || m.media?.kind === "video_note") && !m.text;
  const keyboard = m.replyMarkup && "inline_keyboard" in m.replyMarkup ? m.replyMarkup.inline_keyboard.filter((r) => r.length) : null;
  const meta = (
    <span class="meta">
      {m.pinned && (
        <span class="pin-mark" data-testid="pin-mark" title="Pinned">
          <Icon name="pin" size={11} />
        </span>
      )}
      {m.editDate && <span class="edited">edited</span>}
      <time>{clock(m.date)}</time>
      {mine && (
        <span class={`receipt${read ? " read" : ""}`} data-testid="receipt" data-state={read ? "read" : "sent"} title={read ? "Read" : "Sent"} aria-label={read ? "Read" : "Sent"}>
          {read ? "✓✓" : "✓"}
        </span>
      )}
    </span>
  );
  const bubble = (
      <div class={`bubble${image ? " has-image" : ""}${image && !m.text ? " image-only" : ""}${bare ? " bare" : ""}`} data-testid="message" data-message-id={m.id} data-mine={mine ? "true" : "false"} tabIndex={-1}>
        {(showSender || m.viaBot) && (
          <div class="sender">
            {showSender && m.from.displayName}
            {showSender && m.from.isBot && <span class="bot-tag">bot</span>}
            <ViaBot message={m} />
          </div>
        )}
        {m.forwardOrigin && <ForwardHeader origin={m.forwardOrigin} />}
        {m.replyToMessage && (
          <div class="reply-quote" data-testid="reply-quote">
            <strong>{m.replyToMessage.from.displayName}</strong>
            <span>{preview(m.replyToMessage) || "Message"}</span>
          </div>
        )}
        {m.media && <MessageMedia media={m.media} onView={(url) => onView({ urls: [url], index: 0 })} onLoad={onMediaLoad} />}
        {m.location && <LocationCard location={m.location} />}
        {m.contact && <ContactCard contact={m.contact} />}
        {m.poll && <PollView poll={m.poll} chatId={m.chatId} messageId={m.id} />}
        {m.text ? (
          <div class="text">
            <RichText text={m.text} entities={m.entities} chatId={m.chatId} />
            {meta}
          </div>
        ) : (
          meta
        )}
        {m.reactions?.length ? <ReactionBar reactions={m.reactions} chatId={m.chatId} messageId={m.id} /> : null}
        <MessageActions message={m} />
      </div>
  );
  if (!keyboard?.length) return <div class={`row ${mine ? "mine" : "theirs"}`}>{bubble}</div>;
  return (
    <div class={`row ${mine ? "mine" : "theirs"}`}>
      <div class="bubble-stack">
        {bubble}
        <InlineKeyboard message={m} rows={keyboard} pressing={pressing} />
      </div>
    </div>
  );
}

/** A message the server has not stored yet: sending, waiting for the connection, or refused. */
export function PendingBubble({ pending: p }: { pending: Pending }) {
  return (
    <div class="row mine">
      <div class={`bubble pending${p.previewUrl ? " has-image image-only" : ""}`} data-testid="pending-message" data-state={p.state}>
        {p.previewUrl && <img class="media-img" src={p.previewUrl} alt="" />}
        {p.text && <div class="text">{p.text}</div>}
        <div class="meta meta-block">
          {p.state !== "sending" ? (
            <span class="failed" data-testid="not-sent">
              {p.state === "unsent" ? "Not sent yet: it goes when the connection is back" : `Not sent: ${p.reason ?? "refused"}`} ·{" "}
              <button class="link" onClick={() => session.retry(p.clientMsgId)}>
                Retry
              </button>{" "}
              ·{" "}
              <button class="link" onClick={() => session.discard(p.clientMsgId)}>
                Discard
              </button>
            </span>
          ) : (
            <span class="receipt" data-state="sending" title="Sending" aria-label="Sending">
              <Icon name="clock" size={12} />
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
