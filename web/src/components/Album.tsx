import { clock } from "../format.ts";
import type { Message } from "../types.ts";
import { MessageMedia } from "./Media.tsx";
import { RichText } from "./RichText.tsx";
import type { View } from "./Lightbox.tsx";

interface Props {
  /** The album's messages, in order (see albums.ts). */
  messages: Message[];
  mine: boolean;
  showSender: boolean;
  read: boolean;
  onView: (view: View) => void;
  onMediaLoad: () => void;
}

/**
 * An album: one bubble, its photos and videos in a grid (documents and audio files listed),
 * each item's caption under it, as Telegram shows a media group.
 */
export function AlbumBubble({ messages, mine, showSender, read, onView, onMediaLoad }: Props) {
  const first = messages[0]!;
  const last = messages[messages.length - 1]!;
  const visual = messages.every((m) => m.media?.kind === "image" || m.media?.kind === "video" || m.media?.kind === "animation");
  const captions = messages.filter((m) => m.text);
  // The viewer steps through the album's photos.
  const photos = messages.flatMap((m) => (m.media?.kind === "image" ? [m.media.url] : []));
  const view = (url: string) => onView({ urls: photos.length ? photos : [url], index: Math.max(0, photos.indexOf(url)) });
  return (
    <div class={`row ${mine ? "mine" : "theirs"}`}>
      <div class="bubble has-image album" data-testid="album" data-count={messages.length} data-message-id={first.id} data-mine={mine ? "true" : "false"}>
        {showSender && (
          <div class="sender">
            {first.from.displayName}
            {first.from.isBot && <span class="bot-tag">bot</span>}
          </div>
        )}
        <div class={visual ? `album-grid n${Math.min(messages.length, 4)}` : "album-list"}>
          {messages.map((m) => (
            <div class="album-item" key={m.id} data-testid="album-item" data-message-id={m.id}>
              {m.media && <MessageMedia media={m.media} onView={view} onLoad={onMediaLoad} />}
            </div>
          ))}
        </div>
        {captions.map((m) => (
          <div class="text album-caption" key={m.id} data-testid="album-caption">
            <RichText text={m.text} entities={m.entities} chatId={m.chatId} />
          </div>
        ))}
        <span class="meta album-meta">
          {messages.some((m) => m.editDate) && <span class="edited">edited</span>}
          <time>{clock(last.date)}</time>
          {mine && (
            <span class={`receipt${read ? " read" : ""}`} data-testid="receipt" data-state={read ? "read" : "sent"} title={read ? "Read" : "Sent"} aria-label={read ? "Read" : "Sent"}>
              {read ? "✓✓" : "✓"}
            </span>
          )}
        </span>
      </div>
    </div>
  );
}
