// Everything a bot puts into chats goes through here: rate limits, files, then the chat.
// Refusals come back as the Bot API's reasons.
import type { Env } from "../env.ts";
import { chatKeyFor } from "../chat/chat-ids.ts";
import type { ChatActor } from "../chat/chat-actor.ts";
import { sameFile, type EditChange } from "../chat/edits.ts";
import { pictureProblem } from "../chat/image-size.ts";
import { fileExtension } from "../chat/media.ts";
import { copyMedia, removeMedia, storeMedia } from "../chat/media-store.ts";
import type { NewMessage } from "../chat/log.ts";
import { take, type Bucket } from "../platform/rate-limit.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Media } from "../protocol/messages.ts";
import { fromChatRefusal, type BotReason, type BotResult, type ChatAct } from "./reasons.ts";
import type { Content, FileRef } from "./content.ts";
import type { BotSettings } from "./settings.ts";
import { fetchRemoteFile } from "./remote-file.ts";
import { parseFileId, tgMessage } from "./wire.ts";
import { fileUniqueId } from "./wire-media.ts";

/** A file placed in a chat for a message; `ours` when this module stored it (a copy, a fetched URL) and must remove it if the message is not sent. */
type Placed = { media: Media; ours: boolean };

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
    if (content.replyOptional) input.replyOptional = true;
    if (content.clientMsgId) input.clientMsgId = content.clientMsgId;
    if (content.location) input.location = content.location;
    if (content.contact) input.contact = content.contact;
    if (content.forwardOrigin) input.forwardOrigin = content.forwardOrigin;
    if (content.poll) input.poll = content.poll;
    if (content.protectContent) input.protectContent = true;
    let placed: Placed | null = null;
    if (content.media) {
      const p = await this.place(key, content.media);
      if (!p.ok) return p;
      placed = p.value;
      input.media = placed.media;
    }
    const r = await chat.post({ id: me.id, handle: me.username, displayName: me.name, isBot: true }, input);
    if (!r.ok) {
      await this.unplace(key, placed ? [placed] : []); // the edge removes an upload that was not sent
      return refuse(fromChatRefusal(r.reason, Number(chatId), "send"));
    }
    // An idempotency key used before answers the earlier message: the file placed now is nobody's.
    if (placed && r.value.media?.fileId !== placed.media.fileId) await removeMedia(this.env.MEDIA, key, placed.media);
    return ok(tgMessage(r.value, (await chat.botChat(me.id))!, me.id));
  }

  /**
   * An album: each item's file is placed, then the chat stores every message or none. A file
   * that fails to place (a URL that cannot be fetched) fails the album, and what was placed
   * for it is removed.
   */
  async sendAlbum(
    chatId: number | string,
    items: { text: string; entities?: Content["entities"]; media: FileRef }[],
    replyTo?: number,
    replyOptional = false,
    protectContent = false,
  ): Promise<BotResult<TgMessage[]>> {
    const target = this.chat(chatId);
    if (!target.ok) return target;
    const { key, chat } = target.value;
    const spent = this.spend(key, items.length);
    if (!spent.ok) return spent;
    const placed: Placed[] = [];
    for (const item of items) {
      const p = await this.place(key, item.media);
      if (!p.ok) {
        await this.unplace(key, placed);
        return p;
      }
      placed.push(p.value);
    }
    const mediaGroupId = newMediaGroupId();
    const inputs: NewMessage[] = items.map((item, i) => ({
      text: item.text,
      ...(item.entities ? { entities: item.entities } : {}),
      media: placed[i]!.media,
      mediaGroupId,
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(replyOptional ? { replyOptional } : {}),
      ...(protectContent ? { protectContent } : {}),
    }));
    const me = this.settings.profile();
    const r = await chat.postAlbum({ id: me.id, handle: me.username, displayName: me.name, isBot: true }, inputs);
    if (!r.ok) {
      await this.unplace(key, placed);
      return refuse(fromChatRefusal(r.reason, Number(chatId), "send"));
    }
    const view = (await chat.botChat(me.id))!;
    return ok(r.value.map((m) => tgMessage(m, view, me.id)));
  }

  /**
   * Replaces a message's media (and caption): the new file is placed first, and removed again
   * if the chat refuses the edit. The message's own file_id changes no file.
   */
  async editMedia(chatId: number | string, messageId: number, ref: FileRef, change: Omit<EditChange, "media" | "target">): Promise<BotResult<TgMessage>> {
    const target = this.chat(chatId);
    if (!target.ok) return target;
    const { key, chat } = target.value;
    const me = this.settings.profile();
    let placed: Placed | null = null;
    const source = "fileId" in ref ? parseFileId(ref.fileId) : null;
    if (source?.chatKey === key) {
      // The message's own file named again (a caption change): kept, not copied (edits.ts decides).
      const current = await chat.originals(me.id, [messageId]);
      const own = sameFile(current.ok ? current.value.messages[0]?.media : undefined, source.fileId);
      if (own) placed = { media: own, ours: false };
    }
    if (!placed) {
      const p = await this.place(key, ref);
      if (!p.ok) return p;
      placed = p.value;
    }
    const r = await chat.edit(me.id, messageId, { ...change, media: placed.media, target: "media" });
    if (!r.ok) {
      await this.unplace(key, [placed]);
      return refuse(fromChatRefusal(r.reason, Number(chatId), "edit"));
    }
    return ok(tgMessage(r.value, (await chat.botChat(me.id))!, me.id));
  }

  async edit(chatId: number | string, messageId: number, change: EditChange): Promise<BotResult<TgMessage>> {
    const target = this.chat(chatId);
    if (!target.ok) return target;
    const me = this.settings.profile();
    const r = await target.value.chat.edit(me.id, messageId, change);
    if (!r.ok) return refuse(fromChatRefusal(r.reason, Number(chatId), "edit"));
    return ok(tgMessage(r.value, (await target.value.chat.botChat(me.id))!, me.id));
  }

  /**
   * Runs an act (or a read) in the chat `chatId` names, as this bot: its outcome, or the chat's
   * refusal in Telegram's words for `act`. `privateChat`: the words for an act only groups have,
   * when tried in a private chat. The one way methods act in a chat beyond sending and editing.
   */
  async act<T>(
    chatId: number | string,
    act: ChatAct,
    run: (chat: ChatStub, botId: number) => Promise<Result<T, ChatReason>>,
    privateChat?: BotReason,
  ): Promise<BotResult<T>> {
    const target = this.chat(chatId);
    if (!target.ok) return target;
    const r = await run(target.value.chat, this.settings.profile().id);
    if (r.ok) return ok(r.value);
    return refuse(r.reason === "not_group" && privateChat ? privateChat : fromChatRefusal(r.reason, Number(chatId), act));
  }

  /** Whether this bot is in the chat a file_id names. */
  async canReadFile(fileId: string): Promise<{ chatKey: string; fileId: string } | null> {
    const source = parseFileId(fileId);
    return source && (await this.env.CHATS.getByName(source.chatKey).isMember(this.settings.profile().id)) ? source : null;
  }

  /** The file's download path ends in its real extension (from its type, else its name), as Telegram's do. */
  async getFile(fileId: string) {
    const source = await this.canReadFile(fileId);
    const object = source ? await this.env.MEDIA.head(`${source.chatKey}/${source.fileId}`) : null;
    if (!source || !object) return refuse("invalid_file_id");
    const extension = fileExtension(object.httpMetadata?.contentType ?? "", object.customMetadata?.name ?? "");
    return ok({
      file_id: fileId,
      file_unique_id: fileUniqueId(source.fileId),
      file_size: object.size,
      file_path: `${source.chatKey.replaceAll(":", "_")}/${source.fileId}.${extension}`,
    });
  }

  /** Whether this bot may read the file at `path` (as getFile gave it, with or without its extension); returns its R2 key. */
  async fileKey(path: string): Promise<string | null> {
    const m = /^([pg]_[\d_]+)\/([0-9a-f-]{36})(?:\.[a-z0-9]{1,8})?$/.exec(path);
    if (!m) return null;
    const chatKey = m[1]!.replaceAll("_", ":");
    return (await this.env.CHATS.getByName(chatKey).isMember(this.settings.profile().id)) ? `${chatKey}/${m[2]}` : null;
  }

  /**
   * Puts a file in the chat `key` for a message about to be posted there (see `place`); the
   * caller removes it (removeMedia, thumbnail included) if the message is not posted.
   */
  async placeFile(key: string, ref: FileRef): Promise<BotResult<Media>> {
    const p = await this.place(key, ref);
    return p.ok ? ok(p.value.media) : p;
  }

  /**
   * Puts a file in the target chat: an upload is already in R2 under that chat (the HTTP edge
   * stored it); a file_id names a file in a chat this bot is in, and is copied (with its
   * thumbnail), so deleting one message never takes another message's file with it; a URL is
   * fetched and stored as an upload would be.
   */
  private async place(key: string, ref: FileRef): Promise<BotResult<Placed>> {
    if ("upload" in ref) {
      const { key: uploadKey, ...file } = ref.upload;
      if (uploadKey !== key) return refuse("upload_in_other_chat");
      return ok({ media: { kind: ref.kind, ...file }, ours: false });
    }
    if ("url" in ref) {
      const fetched = await fetchRemoteFile(ref.url, ref.kind, { allowLoopbackHttp: this.env.LOCAL_WEBHOOKS === "1" });
      if (!fetched.ok) return fetched;
      const problem = pictureProblem(ref.kind, fetched.value.body);
      if (problem) return refuse("photo_invalid", { detail: problem });
      const stored = await storeMedia(this.env.MEDIA, key, fetched.value, ref.facts);
      return ok({ media: { kind: ref.kind, ...stored }, ours: true });
    }
    const source = await this.canReadFile(ref.fileId);
    if (!source) return refuse("wrong_file_id");
    const copied = await copyMedia(this.env.MEDIA, source, key, ref.kind);
    if (!copied.ok) return copied.reason === "not_found" ? refuse("wrong_file_id") : refuse("wrong_file_type", { detail: copied.detail });
    return ok({ media: { kind: ref.kind, ...copied.file }, ours: true });
  }

  /** Removes files this module placed for messages that were not sent. */
  private async unplace(key: string, placed: Placed[]): Promise<void> {
    for (const p of placed) if (p.ours) await removeMedia(this.env.MEDIA, key, p.media);
  }

  /**
   * Takes from both buckets, or from neither. An album of `messages` counts as one send in its
   * chat (Telegram's per-chat limit is about sends: one album of 10 goes to a private chat,
   * whose burst is 5) and as each of its messages in the bot's global bucket.
   */
  private spend(chatKey: string, messages = 1): BotResult<null> {
    const limits = this.settings.rateLimits();
    const at = Date.now();
    const global = take(this.buckets.get("*"), limits.global, at, messages);
    const perChat = take(this.buckets.get(chatKey), chatKey.startsWith("g:") ? limits.group : limits.privateChat, at);
    if (!global.ok) return refuse("too_many_requests", { retryAfter: global.retryAfter });
    if (!perChat.ok) return refuse("too_many_requests", { retryAfter: perChat.retryAfter });
    this.buckets.set("*", global.bucket);
    this.buckets.set(chatKey, perChat.bucket);
    return ok(null);
  }
}

/** An act's answer when the method answers only `true` (deleteMessage, pinChatMessage ...). */
export function done<T>(r: BotResult<T>): BotResult<true> {
  return r.ok ? ok(true) : r;
}

/** A new album's id: the decimal text of a positive 63-bit number, as Telegram's media_group_id is. */
function newMediaGroupId(): string {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2));
  return ((BigInt(hi! & 0x7fffffff) << 32n) | BigInt(lo!)).toString();
}
