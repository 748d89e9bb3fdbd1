// One bot: its token hash, its update log (update_id 1, 2, 3 ...), webhook delivery (in
// order, signed, retried with backoff for up to 24 hours), getUpdates waiters, rate limits,
// schedules, and the broadcast ledger. It executes the bot's Bot API calls.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { chatIdFor, chatKeyFor } from "../domain/chat-ids.ts";
import type { BotEvent } from "../domain/events.ts";
import type { Media, ReplyMarkup, Sender } from "../domain/messages.ts";
import { botSees } from "../domain/privacy.ts";
import { defaultRateLimits, take, type Bucket, type RateLimits } from "../domain/rate-limit.ts";
import type { Reason } from "../domain/result.ts";
import { parseMarkup, type MessageEntity } from "../domain/telegram/markup.ts";
import { commandEntities, parseFileId, tgChat, tgMessage, tgUser, type BotChat } from "../domain/telegram/wire.ts";
import { checkWebhookUrl } from "../domain/webhook-url.ts";
import { retryDelayMs, sha256Hex, signWebhook, WEBHOOK_GIVE_UP_MS } from "../domain/webhook-signature.ts";
import { badRequest, isMethod, methods, type MethodName, type Params } from "../bot-api/schemas.ts";
import type { MediaKind } from "../domain/media.ts";

export type TgResult = { ok: true; result: unknown } | TgError;
export type TgError = { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

class TgFailure extends Error {
  constructor(readonly error: TgError) {
    super(error.description);
  }
}

const fail = (error_code: number, description: string, retryAfter?: number): never => {
  const error: TgError = { ok: false, error_code, description };
  if (retryAfter !== undefined) error.parameters = { retry_after: retryAfter };
  throw new TgFailure(error);
};

export interface BotProfile {
  id: number;
  username: string;
  name: string;
  ownerId: number;
}

/** Update types sent when the bot names none; message_read is sent only when asked for. */
const defaultUpdateTypes = ["message", "edited_message", "callback_query", "my_chat_member"];
const MAX_POLL_SECONDS = 50;
const WEBHOOK_TIMEOUT_MS = 10_000;
const BROADCAST_BATCH = 25;

/** A file the HTTP edge already put in R2 under the target chat. Only the edge makes these. */
export interface Upload {
  key: string;
  fileId: string;
  mime: string;
  size: number;
  name: string;
}

/** A file to send: a file_id to copy, or an upload (resolved before anything is stored). */
type FileRef = { kind: MediaKind; fileId: string } | { kind: MediaKind; upload: Upload };

type Content = {
  text: string;
  entities?: MessageEntity[];
  replyMarkup?: ReplyMarkup;
  replyTo?: number;
  media?: FileRef;
  clientMsgId?: string;
};

export class BotActor extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly buckets = new Map<string, Bucket>();
  private poller: { resolve: (conflict: boolean) => void } | null = null;
  private delivering = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS updates (
        update_id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL, created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS subscribers (user_id INTEGER PRIMARY KEY, status TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS chat_cursors (chat_key TEXT PRIMARY KEY, last_id INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS callbacks (id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, chat_key TEXT NOT NULL,
        message_id INTEGER NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS scheduled (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL,
        content TEXT NOT NULL, send_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending', message_id INTEGER,
        error TEXT);
      CREATE TABLE IF NOT EXISTS broadcasts (id INTEGER PRIMARY KEY AUTOINCREMENT, content_key TEXT NOT NULL,
        content TEXT NOT NULL, send_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
        sent INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, error TEXT);
      CREATE TABLE IF NOT EXISTS broadcast_ledger (user_id INTEGER NOT NULL, content_key TEXT NOT NULL,
        message_id INTEGER NOT NULL, PRIMARY KEY (user_id, content_key));
    `);
  }

  // ---- administration (client API) --------------------------------------------------------

  init(profile: BotProfile, tokenHash: string): void {
    this.setMeta("profile", JSON.stringify(profile));
    this.setMeta("token_hash", tokenHash);
  }

  setTokenHash(tokenHash: string | null): void {
    if (tokenHash) this.setMeta("token_hash", tokenHash);
    else this.sql.exec("DELETE FROM meta WHERE k = 'token_hash'");
  }

  async authenticate(secret: string): Promise<boolean> {
    const stored = this.meta("token_hash");
    if (!stored) return false;
    const given = await sha256Hex(secret);
    let diff = stored.length ^ given.length;
    for (let i = 0; i < Math.min(stored.length, given.length); i++) diff |= stored.charCodeAt(i) ^ given.charCodeAt(i);
    return diff === 0;
  }

  configure(settings: { privacy?: boolean; rateLimits?: RateLimits }): void {
    if (settings.privacy !== undefined) this.setMeta("privacy", settings.privacy ? "1" : "0");
    if (settings.rateLimits) this.setMeta("rate_limits", JSON.stringify(settings.rateLimits));
  }

  /** The developer page's view: webhook status and settings. */
  status() {
    return {
      webhook: this.webhookInfo(),
      privacy: this.privacy(),
      rateLimits: this.rateLimits(),
      subscribers: this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM subscribers WHERE status = 'member'").one().n,
    };
  }

  // ---- the Bot API ------------------------------------------------------------------------

  /** Runs one Bot API call. `uploads` are files the HTTP edge stored, named by field. */
  async invoke(method: string, raw: Record<string, unknown>, uploads: Record<string, Upload> = {}): Promise<TgResult> {
    if (!isMethod(method)) return { ok: false, error_code: 404, description: "Not Found: method not found" };
    const parsed = methods[method].safeParse(raw);
    if (!parsed.success) return { ok: false, error_code: 400, description: badRequest(parsed.error) };
    try {
      return { ok: true, result: await this.run(method, parsed.data, uploads) };
    } catch (err) {
      if (err instanceof TgFailure) return err.error;
      throw err;
    }
  }

  private async run(method: MethodName, p: any, uploads: Record<string, Upload>): Promise<unknown> {
    const file = (field: string, kind: MediaKind) => fileRef(p[field], kind, uploads);
    switch (method) {
      case "getMe":
        return this.getMe();
      case "logOut":
      case "close":
        return true;
      case "getUpdates":
        return this.getUpdates(p as Params<"getUpdates">);
      case "setWebhook":
        return this.setWebhook(p as Params<"setWebhook">);
      case "deleteWebhook":
        this.clearWebhook((p as Params<"deleteWebhook">).drop_pending_updates ?? false);
        return true;
      case "getWebhookInfo":
        return this.webhookInfo();
      case "sendMessage":
        return this.send(p.chat_id, { ...this.formatted(p.text, p.parse_mode, p.entities), ...this.extras(p) });
      case "sendPhoto":
        return this.sendMedia(p, file("photo", "image"));
      case "sendDocument":
        return this.sendMedia(p, file("document", "file"));
      case "sendVoice":
        return this.sendMedia(p, file("voice", "voice"));
      case "sendVideo":
        return this.sendMedia(p, file("video", "video"));
      case "sendAudio":
        return this.sendMedia(p, file("audio", "audio"));
      case "getFile":
        return this.getFile((p as Params<"getFile">).file_id);
      case "editMessageText": {
        const q = p as Params<"editMessageText">;
        const f = this.formatted(q.text, q.parse_mode, q.entities);
        // As in Telegram, an edit without reply_markup removes the buttons.
        return this.edit(q.chat_id, q.message_id, { text: f.text, ...(f.entities ? { entities: f.entities } : {}), replyMarkup: q.reply_markup ?? null });
      }
      case "editMessageReplyMarkup": {
        const q = p as Params<"editMessageReplyMarkup">;
        return this.edit(q.chat_id, q.message_id, { replyMarkup: q.reply_markup ?? null });
      }
      case "deleteMessage": {
        const q = p as Params<"deleteMessage">;
        const { chat } = this.chat(q.chat_id);
        const r = await chat.remove(this.profile().id, q.message_id);
        if (!r.ok) this.chatFailure(r.reason, q.chat_id, "message to delete not found");
        return true;
      }
      case "answerCallbackQuery":
        return this.answerCallback(p as Params<"answerCallbackQuery">);
      case "sendChatAction": {
        const q = p as Params<"sendChatAction">;
        const r = await this.chat(q.chat_id).chat.typing(this.profile().id);
        if (!r.ok) this.chatFailure(r.reason, q.chat_id);
        return true;
      }
      case "setMyCommands":
        await this.saveCommands((p as Params<"setMyCommands">).commands);
        return true;
      case "getMyCommands":
        return JSON.parse(this.meta("commands") ?? "[]");
      case "deleteMyCommands":
        await this.saveCommands([]);
        return true;
      case "getChat": {
        const q = p as Params<"getChat">;
        const chat = await this.chat(q.chat_id).chat.botChat(this.profile().id);
        if (!chat) this.chatFailure("not_member", q.chat_id);
        return tgChat(chat!);
      }
      case "scheduleMessage":
        return this.schedule(p as Params<"scheduleMessage">, p.photo ? file("photo", "image") : p.document ? file("document", "file") : undefined);
      case "getScheduledMessages":
        return this.scheduledList((p as Params<"getScheduledMessages">).chat_id);
      case "deleteScheduledMessage": {
        const id = (p as Params<"deleteScheduledMessage">).scheduled_message_id;
        const gone = this.sql.exec("DELETE FROM scheduled WHERE id = ? AND status = 'pending'", id).rowsWritten;
        if (!gone) fail(400, "Bad Request: scheduled message not found");
        return true;
      }
      case "broadcastMessage":
        return this.broadcast(p as Params<"broadcastMessage">, p.photo ? file("photo", "image") : p.document ? file("document", "file") : undefined);
      case "getBroadcast":
        return this.broadcastStatus((p as Params<"getBroadcast">).broadcast_id);
    }
  }

  private getMe() {
    const p = this.profile();
    return {
      id: p.id,
      is_bot: true,
      first_name: p.name,
      username: p.username,
      can_join_groups: true,
      can_read_all_group_messages: !this.privacy(),
      supports_inline_queries: false,
    };
  }

  // ---- updates ----------------------------------------------------------------------------

  /** Chats report here; events the bot may see become updates, in arrival order. */
  async receive(events: BotEvent[]): Promise<void> {
    const me = this.profile();
    let added = 0;
    for (const e of events) {
      const update = this.toUpdate(me, e);
      if (!update) continue;
      const [type] = Object.keys(update);
      if (!this.allowedUpdates().includes(type!)) continue;
      this.sql.exec("INSERT INTO updates (payload, created_at) VALUES (?, ?)", JSON.stringify(update), Date.now());
      added++;
    }
    if (!added) return;
    this.poller?.resolve(false);
    this.poller = null;
    this.reschedule(); // a safety net, should delivery below be cut short
    void this.deliverWebhook();
  }

  private toUpdate(me: BotProfile, e: BotEvent): Record<string, unknown> | null {
    const bot: Sender = { id: me.id, handle: me.username, displayName: me.name, isBot: true };
    switch (e.type) {
      case "message":
      case "edited_message": {
        const m = e.message;
        if (m.from.id === me.id) return null;
        if (e.type === "message" && !this.advanceCursor(e.chat.key, m.id)) return null; // a repeated fan-out
        const seen = { text: m.text, fromId: m.from.id, ...(m.replyToMessage ? { replyToSenderId: m.replyToMessage.from.id } : {}) };
        if (!botSees(seen, { id: me.id, username: me.username, privacy: this.privacy() }, e.chat.type)) return null;
        const message = tgMessage(m, e.chat);
        if (!m.entities?.length && !m.media && commandEntities(m.text).length) message.entities = commandEntities(m.text);
        return { [e.type]: message };
      }
      case "read":
        return { message_read: { chat: tgChat(e.chat), from: tgUser(e.by), message_id: e.messageId, date: now() } };
      case "my_chat_member": {
        if (e.chat.type === "private") {
          this.sql.exec("INSERT OR REPLACE INTO subscribers VALUES (?, ?)", e.by.id, e.newStatus);
        }
        return {
          my_chat_member: {
            chat: tgChat(e.chat),
            from: tgUser(e.by),
            date: now(),
            old_chat_member: { user: tgUser(bot), status: e.oldStatus },
            new_chat_member: { user: tgUser(bot), status: e.newStatus },
          },
        };
      }
      case "callback_query": {
        const id = crypto.randomUUID().replaceAll("-", "");
        this.sql.exec("INSERT INTO callbacks VALUES (?, ?, ?, ?, ?)", id, e.by.id, e.chat.key, e.message.id, Date.now());
        return {
          callback_query: { id, from: tgUser(e.by), message: tgMessage(e.message, e.chat), chat_instance: e.chat.key, data: e.data },
        };
      }
    }
  }

  /** True the first time a chat's message id is seen; chats send their messages in id order. */
  private advanceCursor(chatKey: string, messageId: number): boolean {
    const last = this.sql.exec<{ last_id: number }>("SELECT last_id FROM chat_cursors WHERE chat_key = ?", chatKey).toArray()[0]?.last_id ?? 0;
    if (messageId <= last) return false;
    this.sql.exec("INSERT OR REPLACE INTO chat_cursors VALUES (?, ?)", chatKey, messageId);
    return true;
  }

  private async getUpdates(p: Params<"getUpdates">): Promise<unknown[]> {
    if (this.meta("webhook_url")) {
      fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    if (p.allowed_updates) this.setMeta("allowed_updates", JSON.stringify(p.allowed_updates));
    if (p.offset !== undefined) this.confirm(p.offset);
    const limit = p.limit ?? 100;
    let batch = this.pending(limit);
    const timeout = Math.min(p.timeout ?? 0, MAX_POLL_SECONDS);
    if (batch.length === 0 && timeout > 0) {
      // A newer getUpdates ends an older one, as in Telegram.
      this.poller?.resolve(true);
      const conflict = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeout * 1000);
        this.poller = {
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
      });
      if (conflict) fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
      batch = this.pending(limit);
    }
    return batch;
  }

  /** An offset confirms every update below it: they are dropped. A negative offset keeps the last -offset. */
  private confirm(offset: number): void {
    if (offset >= 0) {
      this.sql.exec("DELETE FROM updates WHERE update_id < ?", offset);
    } else {
      this.sql.exec("DELETE FROM updates WHERE update_id NOT IN (SELECT update_id FROM updates ORDER BY update_id DESC LIMIT ?)", -offset);
    }
  }

  private pending(limit: number): unknown[] {
    return this.sql
      .exec<{ update_id: number; payload: string }>("SELECT update_id, payload FROM updates ORDER BY update_id LIMIT ?", limit)
      .toArray()
      .map((r) => ({ update_id: r.update_id, ...JSON.parse(r.payload) }));
  }

  private pendingCount(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM updates").one().n;
  }

  private allowedUpdates(): string[] {
    const list = JSON.parse(this.meta("allowed_updates") ?? "[]") as string[];
    return list.length ? list : defaultUpdateTypes;
  }

  // ---- webhooks ---------------------------------------------------------------------------

  private setWebhook(p: Params<"setWebhook">): true {
    if (p.url === "") {
      this.clearWebhook(p.drop_pending_updates ?? false);
      return true;
    }
    const check = checkWebhookUrl(p.url, { allowLoopbackHttp: this.env.LOCAL_WEBHOOKS === "1" });
    if (!check.ok) fail(400, `Bad Request: ${check.reason}`);
    this.setMeta("webhook_url", p.url);
    if (p.secret_token) this.setMeta("webhook_secret", p.secret_token);
    else this.sql.exec("DELETE FROM meta WHERE k = 'webhook_secret'");
    this.setMeta("max_connections", String(p.max_connections ?? 40));
    if (p.allowed_updates) this.setMeta("allowed_updates", JSON.stringify(p.allowed_updates));
    if (p.drop_pending_updates) this.sql.exec("DELETE FROM updates");
    this.sql.exec("UPDATE updates SET next_attempt_at = 0, attempts = 0");
    this.poller?.resolve(true);
    this.poller = null;
    void this.deliverWebhook();
    return true;
  }

  private clearWebhook(dropPending: boolean): void {
    this.sql.exec("DELETE FROM meta WHERE k IN ('webhook_url', 'webhook_secret', 'last_error_date', 'last_error_message')");
    if (dropPending) this.sql.exec("DELETE FROM updates");
  }

  private webhookInfo() {
    const info: Record<string, unknown> = {
      url: this.meta("webhook_url") ?? "",
      has_custom_certificate: false,
      pending_update_count: this.pendingCount(),
    };
    const url = this.meta("webhook_url");
    if (url) {
      info.max_connections = Number(this.meta("max_connections") ?? 40);
      const lastErrorDate = this.meta("last_error_date");
      if (lastErrorDate) {
        info.last_error_date = Number(lastErrorDate);
        info.last_error_message = this.meta("last_error_message");
      }
      const allowed = this.meta("allowed_updates");
      if (allowed && JSON.parse(allowed).length) info.allowed_updates = JSON.parse(allowed);
    }
    return info;
  }

  /**
   * Sends pending updates to the webhook one at a time, oldest first. An update is removed
   * only after a 2xx; a failure leaves it (and everything after it) waiting for its retry,
   * so updates never overtake each other. After 24 hours of failures an update is dropped.
   */
  private async deliverWebhook(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (;;) {
        const url = this.meta("webhook_url");
        if (!url || !this.meta("token_hash")) return; // no webhook, or the token was revoked
        const row = this.sql
          .exec<{ update_id: number; payload: string; created_at: number; attempts: number; next_attempt_at: number }>(
            "SELECT * FROM updates ORDER BY update_id LIMIT 1",
          )
          .toArray()[0];
        if (!row) return;
        if (row.next_attempt_at > Date.now()) return; // the alarm brings it back
        if (Date.now() - row.created_at > WEBHOOK_GIVE_UP_MS) {
          this.sql.exec("DELETE FROM updates WHERE update_id = ?", row.update_id);
          continue;
        }
        const body = JSON.stringify({ update_id: row.update_id, ...JSON.parse(row.payload) });
        const error = await this.post(url, body);
        if (error === null) {
          this.sql.exec("DELETE FROM updates WHERE update_id = ?", row.update_id);
          continue;
        }
        const attempts = row.attempts + 1;
        const next = Date.now() + retryDelayMs(attempts, Number(this.env.WEBHOOK_RETRY_BASE_MS ?? 1000));
        this.sql.exec("UPDATE updates SET attempts = ?, next_attempt_at = ? WHERE update_id = ?", attempts, next, row.update_id);
        this.setMeta("last_error_date", String(now()));
        this.setMeta("last_error_message", error);
        this.reschedule();
        return;
      }
    } finally {
      this.delivering = false;
    }
  }

  /** POSTs one update; null on success, else the error to show in getWebhookInfo. */
  private async post(url: string, body: string): Promise<string | null> {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "X-Switchboard-Signature": await signWebhook(this.meta("token_hash") ?? "", now(), body),
    };
    const secret = this.meta("webhook_secret");
    if (secret) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
    let response: Response;
    try {
      response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
    } catch (err) {
      return err instanceof Error && err.name === "TimeoutError" ? "Connection timed out" : "Connection refused";
    }
    if (response.status < 200 || response.status >= 300) {
      await response.body?.cancel();
      return `Wrong response from the webhook: ${response.status} ${response.statusText}`.trim();
    }
    // A method call in the response body is executed, as Telegram does.
    const text = await response.text();
    if (text && (response.headers.get("Content-Type") ?? "").includes("json")) {
      try {
        const call = JSON.parse(text) as Record<string, unknown>;
        if (typeof call.method === "string") {
          const { method, ...params } = call;
          const r = await this.invoke(method, params);
          if (!r.ok) console.warn("webhook reply method failed", method, r.description);
        }
      } catch {
        // a body that is not a method call is ignored
      }
    }
    return null;
  }

  /** Schedules, broadcasts and webhook retries; a failing stage does not stop the others. */
  override async alarm(): Promise<void> {
    for (const stage of [() => this.runSchedules(), () => this.runBroadcasts(), () => this.deliverWebhook()]) {
      try {
        await stage();
      } catch (err) {
        console.error("bot alarm stage failed", this.meta("profile"), err);
      }
    }
    this.reschedule();
  }

  /**
   * Sets the one alarm to the earliest time stored work is due: a webhook retry (or, while
   * a delivery is under way, a check in 10 s in case it is cut short), the next schedule, or
   * the next broadcast batch. Derived from stored state, so callers cannot undo each other.
   */
  private reschedule(): void {
    const now = Date.now();
    const times: number[] = [];
    if (this.meta("webhook_url")) {
      // Delivery is in order, so only the oldest update's time matters.
      const t = this.sql.exec<{ t: number }>("SELECT next_attempt_at AS t FROM updates ORDER BY update_id LIMIT 1").toArray()[0]?.t;
      if (t !== undefined) times.push(t > now ? t : now + 10_000);
    }
    const s = this.sql.exec<{ t: number | null }>("SELECT min(send_at) AS t FROM scheduled WHERE status = 'pending'").one().t;
    if (s !== null) times.push(s * 1000);
    const b = this.sql.exec<{ t: number | null }>("SELECT min(send_at) AS t FROM broadcasts WHERE status != 'done' AND status != 'failed'").one().t;
    if (b !== null) times.push(Math.max(b * 1000, now + 1000));
    if (times.length) void this.ctx.storage.setAlarm(Math.min(...times));
  }

  // ---- sending ----------------------------------------------------------------------------

  private formatted(text: string, parseMode?: string, entities?: MessageEntity[]): { text: string; entities?: MessageEntity[] } {
    if (entities) return { text, entities };
    const parsed = parseMarkup(text, parseMode);
    if (!parsed.ok) fail(400, `Bad Request: ${parsed.reason}`);
    const ok = parsed as Extract<typeof parsed, { ok: true }>;
    return ok.entities.length ? { text: ok.text, entities: ok.entities } : { text: ok.text };
  }

  private extras(p: { reply_markup?: ReplyMarkup; reply_parameters?: { message_id: number }; reply_to_message_id?: number }) {
    const out: Pick<Content, "replyMarkup" | "replyTo"> = {};
    if (p.reply_markup) out.replyMarkup = p.reply_markup;
    const replyTo = p.reply_parameters?.message_id ?? p.reply_to_message_id;
    if (replyTo !== undefined) out.replyTo = replyTo;
    return out;
  }

  private sendMedia(p: any, media: FileRef) {
    const caption = p.caption ? this.formatted(p.caption, p.parse_mode, p.caption_entities) : { text: "" };
    return this.send(p.chat_id, { ...caption, ...this.extras(p), media });
  }

  private chat(chatId: number | string) {
    const key = typeof chatId === "number" ? chatKeyFor(this.profile().id, chatId) : null;
    if (!key) return fail(400, "Bad Request: chat not found");
    return { key, chat: this.env.CHATS.getByName(key) };
  }

  /** Maps a chat's refusal to the error Telegram gives in the same case. */
  private chatFailure(reason: Reason, chatId: number | string, notFound = "message not found"): never {
    switch (reason) {
      case "not_member":
        if (typeof chatId === "number" && chatId > 0) return fail(403, "Forbidden: bot can't initiate conversation with a user");
        return fail(403, "Forbidden: bot is not a member of the group chat");
      case "bot_blocked":
        return fail(403, "Forbidden: bot was blocked by the user");
      case "reply_not_found":
        return fail(400, "Bad Request: message to be replied not found");
      case "message_not_found":
        return fail(400, `Bad Request: ${notFound}`);
      case "not_modified":
        return fail(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
      case "forbidden":
        return fail(400, notFound.includes("delete") ? "Bad Request: message can't be deleted" : "Bad Request: message can't be edited");
      case "duplicate_deleted":
        return fail(409, "Conflict: a message with this idempotency key was sent and has since been deleted");
      default:
        return fail(400, `Bad Request: ${reason}`);
    }
  }

  /** Every bot message goes out here: rate limits, media, then the chat. */
  private async send(chatId: number | string, content: Content, { limited = true } = {}): Promise<Record<string, unknown>> {
    const { key, chat } = this.chat(chatId);
    if (limited) this.spend(key);
    const me = this.profile();
    const input: Parameters<typeof chat.post>[1] = { text: content.text };
    if (content.entities) input.entities = content.entities;
    if (content.replyMarkup) input.replyMarkup = content.replyMarkup;
    if (content.replyTo !== undefined) input.replyTo = content.replyTo;
    if (content.clientMsgId) input.clientMsgId = content.clientMsgId;
    if (content.media) input.media = await this.placeFile(key, content.media);
    const r = await chat.post({ id: me.id, handle: me.username, displayName: me.name, isBot: true }, input);
    if (!r.ok) this.chatFailure(r.reason, chatId); // the HTTP edge removes an upload that was not sent
    const message = (r as Extract<typeof r, { ok: true }>).value;
    const botChat = (await chat.botChat(me.id))!;
    return tgMessage(message, botChat);
  }

  /**
   * Puts a file in the target chat: an upload is already in R2 under that chat (the HTTP edge
   * stored it); a file_id names a file in a chat this bot is in, and is copied, so deleting
   * one message never takes another message's file with it.
   */
  private async placeFile(key: string, ref: FileRef): Promise<Media> {
    if ("upload" in ref) {
      const { fileId, mime, size, name } = ref.upload;
      if (ref.upload.key !== key) fail(400, "Bad Request: the uploaded file belongs to another chat");
      return { kind: ref.kind, fileId, mime, size, name };
    }
    const source = parseFileId(ref.fileId);
    if (!source || !(await this.env.CHATS.getByName(source.chatKey).isMember(this.profile().id))) {
      return fail(400, "Bad Request: wrong file identifier/HTTP URL specified");
    }
    const object = await this.env.MEDIA.get(`${source.chatKey}/${source.fileId}`);
    if (!object) return fail(400, "Bad Request: wrong file identifier/HTTP URL specified");
    const mime = object.httpMetadata?.contentType ?? "application/octet-stream";
    const name = object.customMetadata?.name ?? "file";
    const fileId = crypto.randomUUID();
    await this.env.MEDIA.put(`${key}/${fileId}`, object.body, { httpMetadata: { contentType: mime }, customMetadata: { name } });
    return { kind: ref.kind, fileId, mime, size: object.size, name };
  }

  private async getFile(fileId: string) {
    const source = parseFileId(fileId);
    if (!source || !(await this.env.CHATS.getByName(source.chatKey).isMember(this.profile().id))) {
      return fail(400, "Bad Request: invalid file_id");
    }
    const object = await this.env.MEDIA.head(`${source.chatKey}/${source.fileId}`);
    if (!object) return fail(400, "Bad Request: invalid file_id");
    return {
      file_id: fileId,
      file_unique_id: source.fileId.replaceAll("-", "").slice(0, 16),
      file_size: object.size,
      file_path: `${source.chatKey.replaceAll(":", "_")}/${source.fileId}`,
    };
  }

  /** Whether this bot may read the file at `path` (as getFile gave it); returns its R2 key. */
  async fileKey(path: string): Promise<string | null> {
    const m = /^([pg]_[\d_]+)\/([0-9a-f-]{36})$/.exec(path);
    if (!m) return null;
    const chatKey = m[1]!.replaceAll("_", ":");
    return (await this.env.CHATS.getByName(chatKey).isMember(this.profile().id)) ? `${chatKey}/${m[2]}` : null;
  }

  private async edit(chatId: number | string, messageId: number, change: Parameters<ChatStub["edit"]>[2]) {
    const { chat } = this.chat(chatId);
    const me = this.profile();
    const r = await chat.edit(me.id, messageId, change);
    if (!r.ok) this.chatFailure(r.reason, chatId, "message to edit not found");
    const botChat = (await chat.botChat(me.id))!;
    return tgMessage((r as Extract<typeof r, { ok: true }>).value, botChat);
  }

  private spend(chatKey: string): void {
    const limits = this.rateLimits();
    const at = Date.now();
    const global = take(this.buckets.get("*"), limits.global, at);
    const perChat = take(this.buckets.get(chatKey), chatKey.startsWith("g:") ? limits.group : limits.privateChat, at);
    if (!global.ok) fail(429, `Too Many Requests: retry after ${global.retryAfter}`, global.retryAfter);
    if (!perChat.ok) fail(429, `Too Many Requests: retry after ${perChat.retryAfter}`, perChat.retryAfter);
    this.buckets.set("*", (global as Extract<typeof global, { ok: true }>).bucket);
    this.buckets.set(chatKey, (perChat as Extract<typeof perChat, { ok: true }>).bucket);
  }

  private async answerCallback(p: Params<"answerCallbackQuery">): Promise<true> {
    const row = this.sql
      .exec<{ user_id: number; chat_key: string; message_id: number }>("SELECT * FROM callbacks WHERE id = ?", p.callback_query_id)
      .toArray()[0];
    if (!row) return fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
    this.sql.exec("DELETE FROM callbacks WHERE id = ?", p.callback_query_id);
    await this.env.USERS.getByName(String(row.user_id)).deliver([
      {
        type: "callback_answer",
        chatId: chatIdFor(row.user_id, row.chat_key),
        messageId: row.message_id,
        callbackQueryId: p.callback_query_id,
        ...(p.text ? { text: p.text } : {}),
        ...(p.show_alert ? { showAlert: true } : {}),
        ...(p.url ? { url: p.url } : {}),
      },
    ]);
    return true;
  }

  private async saveCommands(commands: { command: string; description: string }[]): Promise<void> {
    this.setMeta("commands", JSON.stringify(commands));
    await this.env.DB.prepare("UPDATE bots SET commands = ? WHERE id = ?").bind(JSON.stringify(commands), this.profile().id).run();
  }

  // ---- schedules and broadcasts -----------------------------------------------------------

  private contentOf(
    p: { text?: string; caption?: string; parse_mode?: string; entities?: MessageEntity[]; reply_markup?: ReplyMarkup },
    media: FileRef | undefined,
  ): Content {
    const body = p.text ?? p.caption;
    if (!body && !media) return fail(400, "Bad Request: message text is empty");
    const content: Content = body ? this.formatted(body, p.parse_mode, p.entities) : { text: "" };
    if (p.reply_markup) content.replyMarkup = p.reply_markup;
    if (media) content.media = media;
    return content;
  }

  private async schedule(p: Params<"scheduleMessage">, media: FileRef | undefined) {
    const { key } = this.chat(p.chat_id);
    if (!(await this.env.CHATS.getByName(key).isMember(this.profile().id))) this.chatFailure("not_member", p.chat_id);
    if (p.send_at < now() - 60) fail(400, "Bad Request: send_at is in the past");
    if (p.send_at > now() + 366 * 86400) fail(400, "Bad Request: send_at is more than a year ahead");
    const content = { ...this.contentOf(p, media), ...this.extras(p) };
    const id = this.sql
      .exec<{ id: number }>("INSERT INTO scheduled (chat_id, content, send_at) VALUES (?, ?, ?) RETURNING id", p.chat_id, JSON.stringify(content), p.send_at)
      .one().id;
    this.reschedule();
    return { scheduled_message_id: id, chat_id: p.chat_id, send_at: p.send_at };
  }

  private scheduledList(chatId?: number | string) {
    return this.sql
      .exec<{ id: number; chat_id: number; content: string; send_at: number }>(
        "SELECT id, chat_id, content, send_at FROM scheduled WHERE status = 'pending' ORDER BY send_at, id",
      )
      .toArray()
      .filter((r) => chatId === undefined || r.chat_id === chatId)
      .map((r) => ({ scheduled_message_id: r.id, chat_id: r.chat_id, send_at: r.send_at, text: (JSON.parse(r.content) as Content).text }));
  }

  /** Sends what is due. A schedule is marked sent with the message it became, so it fires once. */
  private async runSchedules(): Promise<void> {
    const due = this.sql
      .exec<{ id: number; chat_id: number; content: string }>("SELECT id, chat_id, content FROM scheduled WHERE status = 'pending' AND send_at <= ? ORDER BY send_at, id", now())
      .toArray();
    for (const s of due) {
      try {
        const content: Content = { ...JSON.parse(s.content), clientMsgId: `scheduled:${s.id}` };
        const m = await this.send(s.chat_id, content, { limited: false });
        this.sql.exec("UPDATE scheduled SET status = 'sent', message_id = ? WHERE id = ?", m.message_id as number, s.id);
      } catch (err) {
        if (!(err instanceof TgFailure)) throw err;
        // 409: sent before (its message since deleted); anything else is a failure to report
        const status = err.error.error_code === 409 ? "sent" : "failed";
        this.sql.exec("UPDATE scheduled SET status = ?, error = ? WHERE id = ?", status, err.error.description, s.id);
      }
    }
  }

  private async broadcast(p: Params<"broadcastMessage">, media: FileRef | undefined) {
    const content = this.contentOf(p, media);
    if (media && "fileId" in media) {
      // Check the file once, here, rather than failing for every recipient.
      const source = parseFileId(media.fileId);
      if (!source || !(await this.env.CHATS.getByName(source.chatKey).isMember(this.profile().id))) {
        fail(400, "Bad Request: wrong file identifier/HTTP URL specified");
      }
    }
    // The content key: what "the same content" means. A dedup_key names it outright.
    const contentKey = p.dedup_key ?? (await sha256Hex(JSON.stringify([content.text, content.entities, content.replyMarkup, content.media])));
    const sendAt = Math.max(p.send_at ?? now(), now());
    const id = this.sql
      .exec<{ id: number }>("INSERT INTO broadcasts (content_key, content, send_at) VALUES (?, ?, ?) RETURNING id", contentKey, JSON.stringify(content), sendAt)
      .one().id;
    if (sendAt <= now()) await this.runBroadcasts();
    this.reschedule();
    return { broadcast_id: id, content_key: contentKey, send_at: sendAt, ...this.broadcastStatus(id) };
  }

  private broadcastStatus(id: number) {
    const b = this.sql
      .exec<{ status: string; sent: number; skipped: number; error: string | null }>("SELECT status, sent, skipped, error FROM broadcasts WHERE id = ?", id)
      .toArray()[0];
    if (!b) return fail(400, "Bad Request: broadcast not found");
    return { status: b.status, sent: b.sent, skipped: b.skipped, ...(b.error ? { error: b.error } : {}) };
  }

  /**
   * Sends due broadcasts in batches. A user gets a content key at most once: the ledger is
   * checked first, and the send itself carries the content key as its idempotency key, so a
   * crash between the send and the ledger write cannot cause a second message either.
   */
  private async runBroadcasts(): Promise<void> {
    const due = this.sql
      .exec<{ id: number; content_key: string; content: string }>(
        "SELECT id, content_key, content FROM broadcasts WHERE status IN ('pending', 'sending') AND send_at <= ? ORDER BY id",
        now(),
      )
      .toArray();
    for (const b of due) {
      this.sql.exec("UPDATE broadcasts SET status = 'sending' WHERE id = ?", b.id);
      const recipients = this.sql
        .exec<{ user_id: number }>(
          `SELECT user_id FROM subscribers s WHERE status = 'member'
             AND NOT EXISTS (SELECT 1 FROM broadcast_ledger l WHERE l.user_id = s.user_id AND l.content_key = ?)
           ORDER BY user_id LIMIT ?`,
          b.content_key,
          BROADCAST_BATCH,
        )
        .toArray();
      for (const { user_id } of recipients) {
        const content: Content = { ...JSON.parse(b.content), clientMsgId: `broadcast:${b.content_key}` };
        try {
          const m = await this.send(user_id, content, { limited: false });
          this.sql.exec("INSERT OR IGNORE INTO broadcast_ledger VALUES (?, ?, ?)", user_id, b.content_key, m.message_id as number);
          this.sql.exec("UPDATE broadcasts SET sent = sent + 1 WHERE id = ?", b.id);
        } catch (err) {
          if (!(err instanceof TgFailure)) throw err;
          if (err.error.error_code === 409) {
            // Sent before (and since deleted): it counts as received.
            this.sql.exec("INSERT OR IGNORE INTO broadcast_ledger VALUES (?, ?, 0)", user_id, b.content_key);
          } else if (err.error.error_code === 403) {
            // Blocked or gone: not a recipient any more.
            this.sql.exec("UPDATE subscribers SET status = 'kicked' WHERE user_id = ?", user_id);
            this.sql.exec("UPDATE broadcasts SET skipped = skipped + 1 WHERE id = ?", b.id);
          } else {
            // The content itself is at fault: stop, and say why.
            this.sql.exec("UPDATE broadcasts SET status = 'failed', error = ? WHERE id = ?", err.error.description, b.id);
            break;
          }
        }
      }
      if (recipients.length < BROADCAST_BATCH) this.sql.exec("UPDATE broadcasts SET status = 'done' WHERE id = ? AND status = 'sending'", b.id);
    }
  }

  // ---- state ------------------------------------------------------------------------------

  private profile(): BotProfile {
    const p = this.meta("profile");
    if (!p) throw new Error("bot not initialised");
    return JSON.parse(p) as BotProfile;
  }

  private privacy(): boolean {
    return this.meta("privacy") !== "0";
  }

  private rateLimits(): RateLimits {
    const r = this.meta("rate_limits");
    return r ? (JSON.parse(r) as RateLimits) : defaultRateLimits;
  }

  private meta(k: string): string | null {
    return this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0]?.v ?? null;
  }

  private setMeta(k: string, v: string): void {
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES (?, ?)", k, v);
  }
}

/** A file parameter: "upload://<field>" names a file the edge stored; anything else is a file_id. */
function fileRef(value: string, kind: MediaKind, uploads: Record<string, Upload>): FileRef {
  const field = /^upload:\/\/(\w+)$/.exec(value)?.[1];
  if (field === undefined) return { kind, fileId: value };
  const upload = uploads[field];
  if (!upload) return fail(400, "Bad Request: there is no file in the request");
  return { kind, upload };
}

type ChatStub = DurableObjectStub<import("./chat-actor.ts").ChatActor>;

function now(): number {
  return Math.floor(Date.now() / 1000);
}

