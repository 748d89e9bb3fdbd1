// Whether an edit changes anything, what the message becomes, and which edits a message
// takes (Telegram's rules for captions and media). Pure.
import type { Media, MediaKind, MessageEntity, ReplyMarkup, StoredMessage } from "../protocol/messages.ts";

/**
 * `target` says what the edit is for, as Telegram's methods do: a caption (editMessageCaption)
 * or a message's media (editMessageMedia, which brings `media` and the new caption as `text`).
 * A plain text edit names none.
 */
export type EditChange = { text?: string; entities?: MessageEntity[]; replyMarkup?: ReplyMarkup | null; media?: Media; target?: "caption" | "media" };

/** Why a message does not take an edit, or null. */
export type EditProblem = "no_caption" | "media_not_editable" | "album_media_type";

/** The media an edit may put in place, and those it may replace (Telegram's: not voice, video notes or stickers). */
const replaceable = new Set<MediaKind>(["image", "video", "file", "audio", "animation"]);

/** An album keeps audio with audio and documents with documents; photos and videos may swap. */
const albumClass = (kind: MediaKind) => (kind === "audio" || kind === "file" ? kind : kind === "image" || kind === "video" ? "visual" : "other");

export function editProblem(m: Pick<StoredMessage, "media" | "mediaGroupId" | "poll">, change: EditChange): EditProblem | null {
  if (change.target === "caption" && (!m.media || m.poll)) return "no_caption";
  if (change.target !== "media") return null;
  if (!m.media || !replaceable.has(m.media.kind) || (change.media && !replaceable.has(change.media.kind))) return "media_not_editable";
  if (m.mediaGroupId && change.media && albumClass(change.media.kind) !== albumClass(m.media.kind)) return "album_media_type";
  return null;
}

/**
 * The message's own file when an edit names it again (`fileId`, from the file_id a bot
 * passed), to be kept as it is: the one place that decides what counts as the same file. Null
 * when the edit brings another file, which must be placed (copied) before the edit.
 */
export function sameFile(current: Media | undefined, fileId: string): Media | null {
  return current && current.fileId === fileId ? current : null;
}

/**
 * The message's next text, entities, buttons and media, or null when the edit changes nothing.
 * A new text brings its own entities (none, if not given); `replyMarkup: null` removes the
 * buttons; new media counts as a change only when it is another file.
 */
export function editChanges(
  m: Pick<StoredMessage, "text" | "entities" | "replyMarkup" | "media">,
  change: EditChange,
): { text: string; entities?: MessageEntity[]; replyMarkup?: ReplyMarkup; media?: Media } | null {
  const text = change.text ?? m.text;
  const entities = change.text !== undefined ? change.entities : m.entities;
  const replyMarkup = change.replyMarkup === undefined ? m.replyMarkup : (change.replyMarkup ?? undefined);
  const media = change.media && !sameFile(m.media, change.media.fileId) ? change.media : undefined;
  const norm = (e?: MessageEntity[]) => (e?.length ? e : undefined);
  if (!media && text === m.text && JSON.stringify([norm(entities), replyMarkup]) === JSON.stringify([norm(m.entities), m.replyMarkup])) return null;
  return { text, ...(norm(entities) ? { entities: norm(entities)! } : {}), ...(replyMarkup ? { replyMarkup } : {}), ...(media ? { media } : {}) };
}
