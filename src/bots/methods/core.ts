// The core of the Bot API: identity, updates and webhooks, text and single-file messages,
// edits, commands, chats; and Switchboard's extensions (schedules, broadcasts).
import { z } from "zod";
import { ok, refuse } from "../../platform/result.ts";
import type { MediaKind } from "../../protocol/messages.ts";
import { statedFacts } from "../../chat/media.ts";
import { contentOf, extras, fileRef, formatted, type FileRef, type Upload } from "../content.ts";
import { allowedUpdates, bool, json, caption, chatId, entities, inputFile, int, link, linkPreviewOptions, replyMarkup, sendCommon, text, tgWords } from "../params.ts";
import type { BotResult } from "../reasons.ts";
import { done } from "../sending.ts";
import { tgChat } from "../wire.ts";
import { parseAvatarFileId } from "../avatars.ts";
import type { Handler, Handlers } from "./context.ts";

export const schemas = {
  getMe: z.object({}),
  logOut: z.object({}),
  close: z.object({}),
  getUpdates: z.object({
    offset: int.optional(),
    limit: int.pipe(z.number().min(1).max(100)).optional(),
    timeout: int.pipe(z.number().min(0)).optional(),
    allowed_updates: allowedUpdates.optional(),
  }),
  setWebhook: z.object({
    // No url, or an empty one, removes the webhook, as in Telegram (libraries switching to polling call it so).
    url: z.string().max(2048).optional(),
    secret_token: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "secret token contains unallowed characters").optional(),
    max_connections: int.pipe(z.number().min(1).max(100)).optional(),
    allowed_updates: allowedUpdates.optional(),
    drop_pending_updates: bool.optional(),
    ip_address: z.string().max(64).optional(),
    // certificate (a self-signed certificate to trust) is not taken: webhooks need a public one.
  }),
  deleteWebhook: z.object({ drop_pending_updates: bool.optional() }),
  getWebhookInfo: z.object({}),
  sendMessage: z.object({ ...sendCommon, text, entities: entities.optional() }),
  sendPhoto: z.object({ ...sendCommon, photo: inputFile, caption, caption_entities: entities.optional() }),
  sendDocument: z.object({ ...sendCommon, document: inputFile, caption, caption_entities: entities.optional() }),
  // What a bot states of a file (duration, width, height) is kept, clamped to Telegram's ranges.
  sendVoice: z.object({ ...sendCommon, voice: inputFile, caption, caption_entities: entities.optional(), duration: int.optional() }),
  sendVideo: z.object({
    ...sendCommon,
    video: inputFile,
    caption,
    caption_entities: entities.optional(),
    duration: int.optional(),
    width: int.optional(),
    height: int.optional(),
    supports_streaming: bool.optional(),
    has_spoiler: bool.optional(),
    show_caption_above_media: bool.optional(),
  }),
  sendAudio: z.object({
    ...sendCommon,
    audio: inputFile,
    caption,
    caption_entities: entities.optional(),
    duration: int.optional(),
    performer: z.string().max(256).optional(),
    title: z.string().max(256).optional(),
  }),
  getFile: z.object({ file_id: z.string().min(1) }),
  editMessageText: z.object({
    chat_id: chatId,
    message_id: int,
    text,
    parse_mode: z.string().max(16).optional(),
    entities: entities.optional(),
    reply_markup: replyMarkup.optional(),
    link_preview_options: linkPreviewOptions.optional(),
    disable_web_page_preview: bool.optional(),
  }),
  editMessageReplyMarkup: z.object({ chat_id: chatId, message_id: int, reply_markup: replyMarkup.optional() }),
  deleteMessage: z.object({ chat_id: chatId, message_id: int }),
  deleteMessages: z.object({
    chat_id: chatId,
    // Bounded here; the count is checked in the handler, so the answers are Telegram's words.
    message_ids: json(z.array(int).max(1000, tgWords("too many message identifiers specified"))),
  }),
  answerCallbackQuery: z.object({
    callback_query_id: z.string().min(1),
    text: z.string().max(200).optional(),
    show_alert: bool.optional(),
    url: link.optional(),
    cache_time: int.optional(),
  }),
  sendChatAction: z.object({
    chat_id: chatId,
    // Telegram's actions; anything else is "wrong parameter action in request", as there.
    action: z.enum(
      ["typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"],
      { error: tgWords("wrong parameter action in request") },
    ),
    message_thread_id: int.optional(),
  }),
  // setMyCommands, getMyCommands and deleteMyCommands: see profile.ts (they honour scope and language_code)
  getChat: z.object({ chat_id: chatId }),
  // Switchboard extensions
  scheduleMessage: z.object({
    ...sendCommon,
    text: text.optional(),
    photo: inputFile.optional(),
    document: inputFile.optional(),
    entities: entities.optional(),
    send_at: int,
  }),
  getScheduledMessages: z.object({ chat_id: chatId.optional() }),
  deleteScheduledMessage: z.object({ scheduled_message_id: int }),
  broadcastMessage: z.object({
    text: text.optional(),
    photo: inputFile.optional(),
    document: inputFile.optional(),
    caption,
    parse_mode: z.string().max(16).optional(),
    entities: entities.optional(),
    reply_markup: replyMarkup.optional(),
    send_at: int.optional(),
    dedup_key: z.string().min(1).max(128).optional(),
  }),
  getBroadcast: z.object({ broadcast_id: int }),
} as const;

type P<M extends keyof typeof schemas> = z.infer<(typeof schemas)[M]>;

type SendParams = { chat_id: number | string; caption?: string; parse_mode?: string; caption_entities?: P<"sendMessage">["entities"] } & Parameters<typeof extras>[0];

/** sendPhoto, sendDocument ...: one file, an optional caption. */
function sendFile<M extends "sendPhoto" | "sendDocument" | "sendVoice" | "sendVideo" | "sendAudio">(field: keyof P<M> & string, kind: MediaKind): Handler<P<M>> {
  return async (bot, p, uploads) => {
    const q = p as unknown as SendParams & Record<string, string> & { duration?: number; width?: number; height?: number };
    const media = fileRef(q[field]!, kind, uploads, statedFacts(q));
    if (!media.ok) return media;
    const caption = q.caption ? formatted(q.caption, q.parse_mode, q.caption_entities) : ok({ text: "" });
    if (!caption.ok) return caption;
    return bot.sending.send(q.chat_id, { ...caption.value, ...extras(q), media: media.value });
  };
}

/** A schedule's or broadcast's optional file: a photo or a document. */
function optionalFile(p: { photo?: string; document?: string }, uploads: Record<string, Upload>): BotResult<FileRef | undefined> {
  if (p.photo) return fileRef(p.photo, "image", uploads);
  if (p.document) return fileRef(p.document, "file", uploads);
  return ok(undefined);
}

const now = () => Math.floor(Date.now() / 1000);

export const handlers: Handlers<typeof schemas> = {
  getMe: (bot) => {
    const p = bot.settings.profile();
    return ok({
      id: p.id,
      is_bot: true,
      first_name: p.name,
      username: p.username,
      can_join_groups: true,
      can_read_all_group_messages: !bot.settings.privacy(),
      supports_inline_queries: bot.settings.inlinePlaceholder() !== null,
    });
  },
  logOut: (bot) => bot.logOut(),
  close: (bot) => bot.close(),
  getUpdates: (bot, p) => bot.getUpdates(p),
  setWebhook: (bot, p) => {
    if (!p.url) {
      bot.webhook.clear(p.drop_pending_updates ?? false);
      return ok(true);
    }
    const r = bot.webhook.set({ ...p, url: p.url });
    if (r.ok) bot.webhookChanged();
    return r;
  },
  deleteWebhook: (bot, p) => {
    bot.webhook.clear(p.drop_pending_updates ?? false);
    return ok(true);
  },
  getWebhookInfo: (bot) => ok(bot.webhook.info()),
  sendMessage: (bot, p) => {
    const text = formatted(p.text, p.parse_mode, p.entities);
    return text.ok ? bot.sending.send(p.chat_id, { ...text.value, ...extras(p) }) : text;
  },
  sendPhoto: sendFile<"sendPhoto">("photo", "image"),
  sendDocument: sendFile<"sendDocument">("document", "file"),
  sendVoice: sendFile<"sendVoice">("voice", "voice"),
  sendVideo: sendFile<"sendVideo">("video", "video"),
  sendAudio: sendFile<"sendAudio">("audio", "audio"),
  // A profile photo's file id (getUserProfilePhotos) names an avatar, not a file in a chat.
  getFile: (bot, p) => (parseAvatarFileId(p.file_id) !== null ? bot.avatars.getFile(p.file_id) : bot.sending.getFile(p.file_id)),
  editMessageText: (bot, p) => {
    const f = formatted(p.text, p.parse_mode, p.entities);
    if (!f.ok) return f;
    // As in Telegram, an edit without reply_markup removes the buttons.
    return bot.sending.edit(p.chat_id, p.message_id, { text: f.value.text, ...(f.value.entities ? { entities: f.value.entities } : {}), replyMarkup: p.reply_markup ?? null });
  },
  editMessageReplyMarkup: (bot, p) => bot.sending.edit(p.chat_id, p.message_id, { replyMarkup: p.reply_markup ?? null }),
  deleteMessage: (bot, p) => bot.sending.act(p.chat_id, "delete", (chat, botId) => chat.remove(botId, p.message_id)).then(done),
  // As Telegram: messages that cannot be found are skipped; any other refusal stops there.
  deleteMessages: async (bot, p) => {
    if (!p.message_ids.length) return refuse("bad_parameters", { detail: "message identifiers are not specified" });
    if (p.message_ids.length > 100) return refuse("bad_parameters", { detail: "too many message identifiers specified" });
    for (const id of new Set(p.message_ids)) {
      const r = await bot.sending.act(p.chat_id, "delete", (chat, botId) => chat.remove(botId, id));
      if (!r.ok && r.reason !== "message_to_delete_not_found") return r;
    }
    return ok(true);
  },
  answerCallbackQuery: (bot, p) => bot.answerCallback(p),
  sendChatAction: (bot, p) => bot.sending.act(p.chat_id, "other", (chat, botId) => chat.typing(botId)).then(done),
  getChat: async (bot, p) => {
    const target = bot.sending.chat(p.chat_id);
    if (!target.ok) return target;
    const chat = await target.value.chat.botChat(bot.settings.profile().id);
    if (!chat) return refuse(typeof p.chat_id === "number" && p.chat_id > 0 ? "cant_initiate" : "not_in_group");
    return ok(tgChat(chat));
  },
  scheduleMessage: async (bot, p, uploads) => {
    const target = bot.sending.chat(p.chat_id);
    if (!target.ok) return target;
    if (!(await target.value.chat.isMember(bot.settings.profile().id))) return refuse(typeof p.chat_id === "number" && p.chat_id > 0 ? "cant_initiate" : "not_in_group");
    const media = optionalFile(p, uploads);
    if (!media.ok) return media;
    const content = contentOf(p, media.value);
    if (!content.ok) return content;
    const r = bot.schedules.create(p.chat_id, { ...content.value, ...extras(p) }, p.send_at, now());
    if (r.ok) await bot.workStored();
    return r;
  },
  getScheduledMessages: (bot, p) => ok(bot.schedules.list(p.chat_id)),
  deleteScheduledMessage: (bot, p) => bot.schedules.cancel(p.scheduled_message_id),
  broadcastMessage: async (bot, p, uploads) => {
    const media = optionalFile(p, uploads);
    if (!media.ok) return media;
    const content = contentOf(p, media.value);
    if (!content.ok) return content;
    // A file_id is checked once, here, rather than failing for every recipient; a URL is not
    // taken, as it would be fetched once for every recipient.
    if (media.value && "url" in media.value) return refuse("wrong_file_id");
    if (media.value && "fileId" in media.value && !(await bot.sending.canReadFile(media.value.fileId))) return refuse("wrong_file_id");
    const sendAt = Math.max(p.send_at ?? now(), now());
    // As for scheduled messages: at most a year ahead (an alarm cannot be set past 2189).
    if (sendAt > now() + 366 * 86400) return refuse("send_at_too_far");
    const { id, contentKey } = await bot.broadcasts.create(content.value, p.dedup_key, sendAt);
    await bot.workStored(sendAt <= now());
    const status = bot.broadcasts.status(id);
    return status.ok ? ok({ broadcast_id: id, content_key: contentKey, send_at: sendAt, ...status.value }) : status;
  },
  getBroadcast: (bot, p) => bot.broadcasts.status(p.broadcast_id),
};
