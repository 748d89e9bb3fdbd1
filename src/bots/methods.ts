// The Bot API's methods, as one typed table: each method's handler gets its parameters as
// its zod schema in schemas.ts parsed them, and answers a result or a typed refusal.
import { ok, refuse } from "../platform/result.ts";
import type { MediaKind } from "../protocol/messages.ts";
import { contentOf, extras, fileRef, formatted, type FileRef, type Upload } from "./content.ts";
import type { BotResult } from "./reasons.ts";
import type { MethodName, Params } from "./schemas.ts";
import type { BotSettings } from "./settings.ts";
import type { BotSending, TgMessage } from "./sending.ts";
import type { Schedules } from "./schedules.ts";
import type { Broadcasts } from "./broadcasts.ts";
import type { WebhookDelivery } from "./webhook.ts";
import { tgChat } from "./wire.ts";

/** What a method may use of its bot: the actor's modules and the acts that span several. */
export interface BotContext {
  settings: BotSettings;
  sending: BotSending;
  webhook: WebhookDelivery;
  schedules: Schedules;
  broadcasts: Broadcasts;
  getUpdates(p: Params<"getUpdates">): Promise<BotResult<unknown[]>>;
  webhookChanged(): void;
  answerCallback(p: Params<"answerCallbackQuery">): Promise<BotResult<true>>;
  saveCommands(commands: { command: string; description: string }[]): Promise<void>;
  /** Work was stored that the alarm must pick up; `runNow` also runs due broadcasts at once. */
  workStored(runNow?: boolean): Promise<void>;
}

type Handler<M extends MethodName> = (bot: BotContext, p: Params<M>, uploads: Record<string, Upload>) => BotResult<unknown> | Promise<BotResult<unknown>>;

type SendParams = { chat_id: number | string; caption?: string; parse_mode?: string; caption_entities?: Params<"sendMessage">["entities"] } & Parameters<typeof extras>[0];

/** sendPhoto, sendDocument ...: one file, an optional caption. */
function sendFile<M extends "sendPhoto" | "sendDocument" | "sendVoice" | "sendVideo" | "sendAudio">(field: keyof Params<M> & string, kind: MediaKind): Handler<M> {
  return async (bot, p, uploads) => {
    const q = p as unknown as SendParams & Record<string, string>;
    const media = fileRef(q[field]!, kind, uploads);
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

export const botMethods: { [M in MethodName]: Handler<M> } = {
  getMe: (bot) => {
    const p = bot.settings.profile();
    return ok({
      id: p.id,
      is_bot: true,
      first_name: p.name,
      username: p.username,
      can_join_groups: true,
      can_read_all_group_messages: !bot.settings.privacy(),
      supports_inline_queries: false,
    });
  },
  logOut: () => ok(true),
  close: () => ok(true),
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
  sendPhoto: sendFile("photo", "image"),
  sendDocument: sendFile("document", "file"),
  sendVoice: sendFile("voice", "voice"),
  sendVideo: sendFile("video", "video"),
  sendAudio: sendFile("audio", "audio"),
  getFile: (bot, p) => bot.sending.getFile(p.file_id),
  editMessageText: (bot, p) => {
    const f = formatted(p.text, p.parse_mode, p.entities);
    if (!f.ok) return f;
    // As in Telegram, an edit without reply_markup removes the buttons.
    return bot.sending.edit(p.chat_id, p.message_id, { text: f.value.text, ...(f.value.entities ? { entities: f.value.entities } : {}), replyMarkup: p.reply_markup ?? null });
  },
  editMessageReplyMarkup: (bot, p) => bot.sending.edit(p.chat_id, p.message_id, { replyMarkup: p.reply_markup ?? null }),
  deleteMessage: (bot, p) => bot.sending.act(p.chat_id, "delete", (chat, botId) => chat.remove(botId, p.message_id)),
  answerCallbackQuery: (bot, p) => bot.answerCallback(p),
  sendChatAction: (bot, p) => bot.sending.act(p.chat_id, "other", (chat, botId) => chat.typing(botId)),
  setMyCommands: async (bot, p) => {
    await bot.saveCommands(p.commands);
    return ok(true);
  },
  getMyCommands: (bot) => ok(bot.settings.commands()),
  deleteMyCommands: async (bot) => {
    await bot.saveCommands([]);
    return ok(true);
  },
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
    // A file_id is checked once, here, rather than failing for every recipient.
    if (media.value && "fileId" in media.value && !(await bot.sending.canReadFile(media.value.fileId))) return refuse("wrong_file_id");
    const sendAt = Math.max(p.send_at ?? now(), now());
    const { id, contentKey } = await bot.broadcasts.create(content.value, p.dedup_key, sendAt);
    await bot.workStored(sendAt <= now());
    const status = bot.broadcasts.status(id);
    return status.ok ? ok({ broadcast_id: id, content_key: contentKey, send_at: sendAt, ...status.value }) : status;
  },
  getBroadcast: (bot, p) => bot.broadcasts.status(p.broadcast_id),
};

export type { TgMessage };
