// Everything a bot puts into chats goes through here: rate limits, files, then the chat.
// Refusals come back as the Bot API's reasons.
import type { Env } from "../env.ts";
import { chatKeyFor } from "../chat/chat-ids.ts";
import type { ChatActor } from "../chat/chat-actor.ts";
import type { EditChange } from "../chat/edits.ts";
import type { NewMessage } from "../chat/log.ts";
import { take, type Bucket } from "../platform/rate-limit.ts";
import { ok, refuse } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Media } from "../protocol/messages.ts";
import { fromChatRefusal, type BotResult, type ChatAct } from "./reasons.ts";
import type { Content, FileRef } from "./content.ts";
import type { BotSettings } from "./settings.ts";
import { parseFileId, tgMessage } from "./wire.ts";

type ChatStub = DurableObjectStub<ChatActor>;
export type TgMessage = Record<string, unknown>;

export class BotSending {
  /** Token buckets live in memory: an evicted actor starts with full buckets, which only errs towards sending. */
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly env: Env,
    private readonly settings: BotSettings,
  ) {}

  /** The chat `chatId` names for this bot. */
  chat(chatId: number | string): BotResult<{ key: string; chat: ChatStub }> {
    const key = typeof chatId === "number" ? chatKeyFor(this.settings.profile().id, chatId) : null;
    return key ? ok({ key, chat: this.env.CHATS.getByName(key) }) : refuse("chat_not_found");
  }

  /**
   * Every send spends from the bot's buckets, whoever asked for it: a direct call is refused
   * with too_many_requests, a schedule or broadcast waits for the buckets to refill.
   */
  async send(chatId: number | string, content: Content): Promise<BotResult<TgMessage>> {
    const target = this.chat(chatId);
    if (!target.ok) return target;
    const { key, chat } = target.value;
    const spent = this.spend(key);
    if (!spent.ok) return spent;
    const me = this.settings.profile();
    const input: NewMessage = { text: content.text };
    if (content.entities) input.entities = content.entities;
    if (content.replyMarkup) input.replyMarkup = content.replyMarkup;
    if (content.replyTo !== undefined) input.replyTo = content.replyTo;
    if (content.clientMsgId) input.clientMsgId = content.clientMsgId;
    if (content.location) input.location = content.location;
    if (content.contact) input.contact = content.contact;
    if (content.forwardOrigin) input.forwardOrigin = content.forwardOrigin;
    if (content.poll) input.poll = content.poll;
    if (content.media) {
      const placed = await this.placeFile(key, content.media);
      if (!placed.ok) return placed;
      input.media = placed.value;
    }
    const r = await chat.post({ id: me.id, handle: me.username, displayName: me.name, isBot: true }, input);
    if (!r.ok) return refuse(fromChatRefusal(r.reason, Number(chatId), "send")); // the edge removes an upload that was not sent
    return ok(tgMessage(r.value, (await chat.botChat(me.id))!));
  }

  async edit(chatId: number | string, messageId: number, change: EditChange): Promise<BotResult<TgMessage>> {
    const target = this.chat(chatId);
    if (!target.ok) return target;
    const me = this.settings.profile();
    const r = await target.value.chat.edit(me.id, messageId, change);
    if (!r.ok) return refuse(fromChatRefusal(r.reason, Number(chatId), "edit"));
    return ok(tgMessage(r.value, (await target.value.chat.botChat(me.id))!));
  }

  /** A chat act with no message in the answer (delete, typing). */
  async act(
    chatId: number | string,
    act: ChatAct,
    run: (chat: ChatStub, botId: number) => Promise<{ ok: true } | { ok: false; reason: ChatReason }>,
  ): Promise<BotResult<true>> {
    const target = this.chat(chatId);
    if (!target.ok) return target;
    const r = await run(target.value.chat, this.settings.profile().id);
    return r.ok ? ok(true) : refuse(fromChatRefusal(r.reason, Number(chatId), act));
  }

  /** Whether this bot is in the chat a file_id names. */
  async canReadFile(fileId: string): Promise<{ chatKey: string; fileId: string } | null> {
    const source = parseFileId(fileId);
    return source && (await this.env.CHATS.getByName(source.chatKey).isMember(this.settings.profile().id)) ? source : null;
  }

  async getFile(fileId: string) {
    const source = await this.canReadFile(fileId);
    const object = source ? await this.env.MEDIA.head(`${source.chatKey}/${source.fileId}`) : null;
    if (!source || !object) return refuse("invalid_file_id");
    return ok({
      file_id: fileId,
      file_unique_id: source.fileId.replaceAll("-", "").slice(0, 16),
      file_size: object.size,
      file_path: `${source.chatKey.replaceAll(":", "_")}/${source.fileId}`,
    });
  }

  /** Whether this bot may read the file at `path` (as getFile gave it); returns its R2 key. */
  async fileKey(path: string): Promise<string | null> {
    const m = /^([pg]_[\d_]+)\/([0-9a-f-]{36})$/.exec(path);
    if (!m) return null;
    const chatKey = m[1]!.replaceAll("_", ":");
    return (await this.env.CHATS.getByName(chatKey).isMember(this.settings.profile().id)) ? `${chatKey}/${m[2]}` : null;
  }

  /**
   * Puts a file in the target chat: an upload is already in R2 under that chat (the HTTP edge
   * stored it); a file_id names a file in a chat this bot is in, and is copied, so deleting
   * one message never takes another message's file with it.
   */
  private async placeFile(key: string, ref: FileRef): Promise<BotResult<Media>> {
    if ("upload" in ref) {
      const { fileId, mime, size, name } = ref.upload;
      if (ref.upload.key !== key) return refuse("upload_in_other_chat");
      return ok({ kind: ref.kind, fileId, mime, size, name });
    }
    const source = await this.canReadFile(ref.fileId);
    const object = source ? await this.env.MEDIA.get(`${source.chatKey}/${source.fileId}`) : null;
    if (!object) return refuse("wrong_file_id");
    const mime = object.httpMetadata?.contentType ?? "application/octet-stream";
    const name = object.customMetadata?.name ?? "file";
    const fileId = crypto.randomUUID();
    await this.env.MEDIA.put(`${key}/${fileId}`, object.body, { httpMetadata: { contentType: mime }, customMetadata: { name } });
    return ok({ kind: ref.kind, fileId, mime, size: object.size, name });
  }

  private spend(chatKey: string): BotResult<null> {
    const limits = this.settings.rateLimits();
    const at = Date.now();
    const global = take(this.buckets.get("*"), limits.global, at);
    const perChat = take(this.buckets.get(chatKey), chatKey.startsWith("g:") ? limits.group : limits.privateChat, at);
    if (!global.ok) return refuse("too_many_requests", { retryAfter: global.retryAfter });
    if (!perChat.ok) return refuse("too_many_requests", { retryAfter: perChat.retryAfter });
    this.buckets.set("*", global.bucket);
    this.buckets.set(chatKey, perChat.bucket);
    return ok(null);
  }
}
