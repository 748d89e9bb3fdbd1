// Media beyond the core's single files: stickers, animations, video notes, albums
// (sendMediaGroup), and edits of a message's caption or media. Files come as uploads (the
// HTTP edge stored them, named "upload://<part>"), file_ids or http(s) URLs.
import { z } from "zod";
import { statedFacts } from "../../chat/media.ts";
import { ok, refuse } from "../../platform/result.ts";
import type { MediaKind, MessageEntity } from "../../protocol/messages.ts";
import { albumProblem, inputMediaKinds } from "../album.ts";
import { extras, fileRef, formatted, type FileRef, type Upload } from "../content.ts";
import { bool, caption, chatId, entities, inputFile, int, json, replyMarkup, sendCommon, tgWords } from "../params.ts";
import type { BotResult } from "../reasons.ts";
import type { Handler, Handlers } from "./context.ts";

const parseMode = z.string().max(16).optional();
/** Thumbnails are uploads only ("attach://<part>"): the edge takes the part; any other text is ignored, as Telegram ignores it. */
const thumbnail = z.string().max(512).optional();

const inputMediaCommon = {
  media: inputFile,
  caption,
  parse_mode: parseMode,
  caption_entities: entities.optional(),
  show_caption_above_media: bool.optional(),
  has_spoiler: bool.optional(),
  thumbnail,
};

/** Telegram's InputMedia types; what each states of its file is clamped to Telegram's ranges when stored. */
export const inputMedia = z.discriminatedUnion("type", [
  z.object({ type: z.literal("photo"), ...inputMediaCommon }),
  z.object({
    type: z.literal("video"),
    ...inputMediaCommon,
    width: int.optional(),
    height: int.optional(),
    duration: int.optional(),
    supports_streaming: bool.optional(),
    start_timestamp: int.optional(),
  }),
  z.object({ type: z.literal("animation"), ...inputMediaCommon, width: int.optional(), height: int.optional(), duration: int.optional() }),
  z.object({ type: z.literal("audio"), ...inputMediaCommon, duration: int.optional(), performer: z.string().max(256).optional(), title: z.string().max(256).optional() }),
  z.object({ type: z.literal("document"), ...inputMediaCommon, disable_content_type_detection: bool.optional() }),
]);
export type InputMedia = z.infer<typeof inputMedia>;

/** Parsing stops here; the album's own bounds (2-10) are checked with Telegram's words in the handler. */
const MAX_PARSED_ITEMS = 50;

export const schemas = {
  sendSticker: z.object({ ...sendCommon, sticker: inputFile, emoji: z.string().max(16).optional() }),
  sendAnimation: z.object({
    ...sendCommon,
    animation: inputFile,
    duration: int.optional(),
    width: int.optional(),
    height: int.optional(),
    thumbnail,
    caption,
    caption_entities: entities.optional(),
    show_caption_above_media: bool.optional(),
    has_spoiler: bool.optional(),
  }),
  sendVideoNote: z.object({ ...sendCommon, video_note: inputFile, duration: int.optional(), length: int.optional(), thumbnail }),
  // An album takes what any send takes but buttons and text formatting (each item has its own).
  sendMediaGroup: z
    .object(sendCommon)
    .omit({ parse_mode: true, reply_markup: true, link_preview_options: true, disable_web_page_preview: true })
    .extend({ media: json(z.array(inputMedia).max(MAX_PARSED_ITEMS, tgWords("too many messages to send as an album"))) }),
  editMessageCaption: z.object({
    chat_id: chatId,
    message_id: int,
    caption,
    parse_mode: parseMode,
    caption_entities: entities.optional(),
    show_caption_above_media: bool.optional(),
    reply_markup: replyMarkup.optional(),
  }),
  editMessageMedia: z.object({ chat_id: chatId, message_id: int, media: json(inputMedia), reply_markup: replyMarkup.optional() }),
} as const;

type P<M extends keyof typeof schemas> = z.infer<(typeof schemas)[M]>;

/** A caption with its entities, or none. */
function captionOf(p: { caption?: string; parse_mode?: string; caption_entities?: MessageEntity[] }): BotResult<{ text: string; entities?: MessageEntity[] }> {
  return p.caption ? formatted(p.caption, p.parse_mode, p.caption_entities) : ok({ text: "" });
}

/** sendSticker, sendAnimation, sendVideoNote: one file, what the bot states of it, and a caption where the method takes one. */
function sendOne<M extends "sendSticker" | "sendAnimation" | "sendVideoNote">(field: keyof P<M> & string, kind: MediaKind): Handler<P<M>> {
  return async (bot, p, uploads) => {
    const q = p as P<"sendAnimation"> & P<"sendVideoNote"> & Record<string, unknown>;
    const media = fileRef(q[field] as string, kind, uploads, statedFacts(q));
    if (!media.ok) return media;
    const text = captionOf(q);
    if (!text.ok) return text;
    return bot.sending.send(q.chat_id, { ...text.value, ...extras(q), media: media.value });
  };
}

/** An InputMedia's file and caption. */
function itemOf(item: InputMedia, uploads: Record<string, Upload>): BotResult<{ text: string; entities?: MessageEntity[]; media: FileRef }> {
  const media = fileRef(item.media, inputMediaKinds[item.type], uploads, statedFacts(item as { duration?: number; width?: number; height?: number }));
  if (!media.ok) return media;
  const text = captionOf(item);
  if (!text.ok) return text;
  return ok({ ...text.value, media: media.value });
}

export const handlers: Handlers<typeof schemas> = {
  sendSticker: sendOne<"sendSticker">("sticker", "sticker"),
  sendAnimation: sendOne<"sendAnimation">("animation", "animation"),
  sendVideoNote: sendOne<"sendVideoNote">("video_note", "video_note"),
  sendMediaGroup: (bot, p, uploads) => {
    const problem = albumProblem(p.media.map((i) => i.type));
    if (problem) return refuse("media_group_invalid", { detail: problem });
    const items = [];
    for (const item of p.media) {
      const it = itemOf(item, uploads);
      if (!it.ok) return it;
      items.push(it.value);
    }
    const reply = extras(p); // allow_sending_without_reply: a reply to a message that is gone goes out without it
    return bot.sending.sendAlbum(p.chat_id, items, reply.replyTo, reply.replyOptional, reply.protectContent);
  },
  editMessageCaption: (bot, p) => {
    const text = captionOf(p);
    if (!text.ok) return text;
    // As in Telegram, an edit without reply_markup removes the buttons; no caption removes the caption.
    return bot.sending.edit(p.chat_id, p.message_id, { text: text.value.text, ...(text.value.entities ? { entities: text.value.entities } : {}), replyMarkup: p.reply_markup ?? null, target: "caption" });
  },
  editMessageMedia: (bot, p, uploads) => {
    const it = itemOf(p.media, uploads);
    if (!it.ok) return it;
    return bot.sending.editMedia(p.chat_id, p.message_id, it.value.media, { text: it.value.text, ...(it.value.entities ? { entities: it.value.entities } : {}), replyMarkup: p.reply_markup ?? null });
  },
};
