import { clock, fileSize } from "../format.ts";
import { session, type Pending } from "../state/session.ts";
import type { Message } from "../types.ts";
import { Icon } from "./Icon.tsx";
import { MediaFile, MediaImage } from "./Media.tsx";

interface Props {
  message: Message;
  mine: boolean;
  showSender: boolean;
  read: boolean;
  onView: (url: string) => void;
  onMediaLoad: () => void;
}

export function MessageBubble({ message: m, mine, showSender, read, onView, onMediaLoad }: Props) {
  const image = m.media?.kind === "image";
  const meta = (
    <span class="meta">
      {m.editDate && <span class="edited">edited</span>}
      <time>{clock(m.date)}</time>
      {mine && (
        <span class={`receipt${read ? " read" : ""}`} data-testid="receipt" data-state={read ? "read" : "sent"} title={read ? "Read" : "Sent"} aria-label={read ? "Read" : "Sent"}>
          {read ? "✓✓" : "✓"}
        </span>
      )}
    </span>
  );
  return (
    <div class={`row ${mine ? "mine" : "theirs"}`}>
      <div class={`bubble${image ? " has-image" : ""}${image && !m.text ? " image-only" : ""}`} data-testid="message" data-message-id={m.id} data-mine={mine ? "true" : "false"}>
        {showSender && <div class="sender">{m.from.displayName}</div>}
        {m.media &&
          (image ? (
            <MediaImage url={m.media.url} alt={m.media.name} onView={onView} onLoad={onMediaLoad} />
          ) : (
            <MediaFile url={m.media.url} name={m.media.name} size={fileSize(m.media.size)} />
          ))}
        {m.text ? (
          <div class="text">
            {m.text}
            {meta}
          </div>
        ) : (
          meta
        )}
      </div>
    </div>
  );
}

export function PendingBubble({ pending: p }: { pending: Pending }) {
  return (
    <div class="row mine">
      <div class={`bubble pending${p.previewUrl ? " has-image image-only" : ""}`} data-testid="pending-message">
        {p.previewUrl && <img class="media-img" src={p.previewUrl} alt="" />}
        {p.text && <div class="text">{p.text}</div>}
        <div class="meta meta-block">
          {p.failed ? (
            <span class="failed">
              Not sent: {p.failed} ·{" "}
              <button class="link" onClick={() => session.retry(p.key)}>
                Retry
              </button>{" "}
              ·{" "}
              <button class="link" onClick={() => session.discard(p.key)}>
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
