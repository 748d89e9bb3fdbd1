// One bot, as an actor: a facade over its settings, update log, webhook delivery, sending,
// schedules and broadcasts. It executes the bot's Bot API calls (methods.ts) and receives
// what its chats tell it (to-update.ts).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { chatIdFor } from "../chat/chat-ids.ts";
import { actorSchemaVersion, LazyActorStorage } from "../platform/actor-schema.ts";
import { ActorAlarm } from "../platform/alarms.ts";
import { constantTimeEqual, sha256Hex } from "../platform/crypto.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { BotStatus, RateLimits } from "../protocol/api.ts";
import type { Message, Sender } from "../protocol/messages.ts";
import { Broadcasts } from "./broadcasts.ts";
import { InlineQueries, type Asked, type ChooseReason, type InlineAsk } from "./inline-queries.ts";
import type { StoredResult } from "./inline-results.ts";
import { loginKeyOf, signedLoginUrl } from "./login-url.ts";
import type { Upload } from "./content.ts";
import type { BotEvent } from "./events.ts";
import { botMethods, type BotContext } from "./methods/index.ts";
import { LongPoll } from "./polling.ts";
import type { BotRefusal, BotResult } from "./reasons.ts";
import { parseCall, type MethodName, type ParsedCall, type Params } from "./schemas.ts";
import { Schedules } from "./schedules.ts";
import { BotSending } from "./sending.ts";
import { BotSettings, type BotProfile } from "./settings.ts";
import { botActorMigrations } from "./storage.ts";
import { toUpdate, updateType, type CallbackIds, type Update } from "./to-update.ts";
import { chatInstance, inlineMessageId } from "./opaque-ids.ts";
import { Audience, UpdateLog } from "./updates.ts";
import { WebhookDelivery } from "./webhook.ts";
import { Avatars, avatarKeyOf } from "./avatars.ts";
import type { CommandViewer } from "./command-scopes.ts";
import { BotLifecycle } from "./lifecycle-store.ts";
import { BotMenu, type MenuButton } from "./menu.ts";
import { runsInWebhookReply } from "./reply-methods.ts";
import { BotTexts, type BotTextsView } from "./texts.ts";
import { findUsers } from "../accounts/queries.ts";
import { metUser } from "./met-users.ts";
import { open } from "../platform/d1.ts";
import type { BotCommand } from "../protocol/api.ts";

export type { BotProfile, Upload };
export type InvokeResult = { ok: true; result: unknown } | BotRefusal;

const MAX_POLL_SECONDS = 50;

// An update as parsed from its stored JSON. Not `Record<string, unknown>`: over RPC a method
// whose result holds `unknown` is typed `never`, and a recursive JSON type is too deep for tsc.
type JsonObject = Record<string, any>;

/** What `inspect()` shows. */
export interface BotInspection {
  schemaVersion: number;
  hasTokenHash: boolean;
  pendingUpdates: JsonObject[];
  oldestUpdate: { updateId: number; payload: JsonObject; createdAt: number; attempts: number; nextAttemptAt: number } | null;
}

export class BotActor extends DurableObject<Env> {
  private readonly settings: BotSettings;
  private readonly updates: UpdateLog;
  private readonly audience: Audience;
  private readonly sending: BotSending;
  private readonly webhook: WebhookDelivery;
  private readonly schedules: Schedules;
  private readonly broadcasts: Broadcasts;
  private readonly inline: InlineQueries;
  private readonly poll = new LongPoll();
  private readonly alarmTimer: ActorAlarm;
  private readonly context: BotContext;
  private readonly storage: LazyActorStorage;
  private readonly texts: BotTexts;
  private readonly menu: BotMenu;
  private readonly lifecycle: BotLifecycle;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Storage comes into being with `init`: a made-up token naming no bot stores nothing.
    this.storage = new LazyActorStorage(ctx.storage, botActorMigrations);
    const sql = ctx.storage.sql;
    this.settings = new BotSettings(sql);
    this.updates = new UpdateLog(sql);
    this.audience = new Audience(sql);
    this.sending = new BotSending(env, this.settings);
    this.webhook = new WebhookDelivery(env, this.settings, this.updates, (method, params) => this.runReplyCall(method, params), () => this.armAlarm());
    this.schedules = new Schedules(sql, this.sending);
    this.broadcasts = new Broadcasts(sql, this.sending, this.audience);
    this.inline = new InlineQueries(sql, env, this.settings, this.sending, (update) => this.pushUpdate(update));
    this.alarmTimer = new ActorAlarm(ctx.storage);
    this.texts = new BotTexts(sql, env, this.settings);
    this.menu = new BotMenu(sql, this.settings);
    this.lifecycle = new BotLifecycle(sql);
    this.context = {
      settings: this.settings,
      sending: this.sending,
      webhook: this.webhook,
      schedules: this.schedules,
      broadcasts: this.broadcasts,
      inline: this.inline,
      getUpdates: (p) => this.getUpdates(p),
      webhookChanged: () => {
        this.poll.end("conflict");
        void this.deliverWebhook();
      },
      answerCallback: (p) => this.answerCallback(p),
      saveCommands: (commands) => this.saveCommands(commands),
      texts: this.texts,
      menu: this.menu,
      avatars: new Avatars(env),
      findUser: async (userId) => (await findUsers(open(env.DB), [userId]))[0] ?? null,
      metUser: (userId) => metUser(open(env.DB), this.settings.profile().id, userId),
      logOut: () => this.logOut(),
      close: () => this.close(),
      workStored: async (runNow) => {
        if (runNow) await this.broadcasts.run(nowSeconds());
        await this.armAlarm();
      },
    };
  }

  // ---- administration (client API) --------------------------------------------------------

  init(profile: BotProfile, tokenHash: string): void {
    this.storage.create();
    this.settings.setProfile(profile);
    this.settings.setTokenHash(tokenHash);
  }

  /** A new token (or none): whatever waits on the old one ends now, and logins are signed with the new one once it is used. */
  setTokenHash(tokenHash: string | null): void {
    this.settings.setTokenHash(tokenHash);
    this.settings.setLoginKey(null);
    this.poll.end("revoked");
  }

  async authenticate(secret: string): Promise<boolean> {
    if (!this.storage.exists()) return false;
    const stored = this.settings.tokenHash();
    if (stored === null || !constantTimeEqual(stored, await sha256Hex(secret))) return false;
    if (this.settings.loginKey() === null) {
      const key = await loginKeyOf(`${this.settings.profile().id}:${secret}`);
      // Only for the token still current: a rotation while this was being computed wins.
      if (this.settings.tokenHash() === stored) this.settings.setLoginKey(key);
    }
    return true;
  }

  configure(change: { privacy?: boolean; rateLimits?: RateLimits; inlinePlaceholder?: string | null; name?: string }): void {
    if (change.name) this.settings.setProfile({ ...this.settings.profile(), name: change.name });
    if (change.privacy !== undefined) this.settings.setPrivacy(change.privacy);
    if (change.rateLimits) this.settings.setRateLimits(change.rateLimits);
    if (change.inlinePlaceholder !== undefined) this.settings.setInlinePlaceholder(change.inlinePlaceholder);
  }

  /** The developer page's view: webhook status and settings. */
  status(): BotStatus {
    const placeholder = this.settings.inlinePlaceholder();
    return {
      webhook: this.webhook.info(),
      privacy: this.settings.privacy(),
      rateLimits: this.settings.rateLimits(),
      subscribers: this.audience.count(),
      inline: { enabled: placeholder !== null, placeholder: placeholder ?? "" },
    };
  }

  /** A read-only view for tests and operators: what is stored, without the secrets. */
  inspect(): BotInspection {
    if (!this.storage.exists()) return { schemaVersion: 0, hasTokenHash: false, pendingUpdates: [], oldestUpdate: null };
    return {
      schemaVersion: actorSchemaVersion(this.ctx.storage),
      hasTokenHash: this.settings.tokenHash() !== null,
      pendingUpdates: this.updates.pending(1000),
      /** The oldest update's delivery state: what the webhook retries next, and when. */
      oldestUpdate: this.updates.oldest(),
    };
  }

  // ---- the Bot API ------------------------------------------------------------------------

  /**
   * Runs one Bot API call, parsed by `parseCall` before it got here (so only known parameters
   * cross into the actor). `uploads` are files the HTTP edge stored, named by field.
   */
  async invoke(call: ParsedCall, uploads: Record<string, Upload> = {}): Promise<InvokeResult> {
    const admitted = this.admit();
    if (!admitted.ok) return admitted;
    const handler = botMethods[call.method] as (bot: BotContext, p: Params<MethodName>, uploads: Record<string, Upload>) => Promise<BotResult<unknown>> | BotResult<unknown>;
    const r = await handler(this.context, call.params, uploads);
    return r.ok ? { ok: true, result: r.value } : r;
  }

  /** Whether this bot may read the file at `path` (as getFile gave it); returns its R2 key. */
  async fileKey(path: string): Promise<string | null> {
    return avatarKeyOf(path) ?? (await this.sending.fileKey(path)); // avatars are anyone's to read
  }

  /** The bot's name and descriptions as a client in `language` shows them (falling back to the defaults). */
  profileTexts(language: string): Promise<BotTextsView> {
    return this.texts.view(language);
  }

  /** The commands and menu button one user sees in one chat (the client API's bot menu). */
  menuFor(viewer: CommandViewer): { commands: BotCommand[]; menuButton: MenuButton } {
    if (!this.storage.exists()) return { commands: [], menuButton: { type: "default" } };
    const chatButton = viewer.chatType === "private" ? viewer.chatKey : null;
    return { commands: this.menu.commandsFor(viewer), menuButton: this.menu.menuButton(chatButton) };
  }

  /** Every call passes here first: a logged-out bot is refused; the first call launches the bot (lifecycle.ts). */
  private admit(): BotResult<unknown> {
    const r = this.lifecycle.admit(nowSeconds());
    if (r.ok && r.value.loggedBackIn) void this.deliverWebhook(); // what waited goes out now
    return r;
  }

  private logOut(): BotResult<true> {
    this.lifecycle.logOut(nowSeconds());
    this.poll.end("logged_out");
    return ok(true);
  }

  private close(): BotResult<true> {
    const r = this.lifecycle.close(nowSeconds());
    if (r.ok) this.poll.end("closed");
    return r;
  }

  /** Webhook delivery, unless the bot logged out (its updates wait until it logs in again). */
  private deliverWebhook(): Promise<void> {
    return this.lifecycle.paused() ? Promise.resolve() : this.webhook.deliver();
  }

  // ---- inline mode (client API) -----------------------------------------------------------

  /** The placeholder the composer shows after "@bot ", or null when inline mode is off. */
  inlinePlaceholder(): string | null {
    return this.storage.exists() ? this.settings.inlinePlaceholder() : null;
  }

  /** A user typed "@bot query": the bot's answer, or none in time; refused while inline mode is off. */
  async inlineQuery(ask: InlineAsk): Promise<Result<Asked, "inline_off">> {
    if (this.inlinePlaceholder() === null) return refuse("inline_off");
    return ok(await this.inline.ask(ask, Date.now()));
  }

  /** One of a user's shown results (for its thumbnail), or null. */
  inlineResult(userId: number, queryId: string, index: number): StoredResult | null {
    return this.storage.exists() ? this.inline.result(userId, queryId, index, Date.now()) : null;
  }

  /** Whether this bot may read a file it named by file_id; returns where the file lives. */
  readableFile(fileId: string): Promise<{ chatKey: string; fileId: string } | null> {
    return this.sending.canReadFile(fileId);
  }

  /** The user picked a result: it is posted into their chat (`chatKey`) via this bot. */
  chooseInlineResult(user: Sender, queryId: string, resultId: string, chatKey: string, clientMsgId?: string): Promise<Result<Message, ChooseReason>> {
    if (!this.storage.exists()) return Promise.resolve(refuse("query_expired"));
    return this.inline.choose(user, queryId, resultId, chatKey, clientMsgId, Date.now());
  }

  /** A login_url button's target with the user's signed login data, or null until the current token has been used. */
  async signLogin(user: { id: number; firstName: string; username?: string }, url: string): Promise<string | null> {
    const key = this.storage.exists() ? this.settings.loginKey() : null;
    return key ? signedLoginUrl(url, user, Math.floor(Date.now() / 1000), key) : null;
  }

  // ---- updates ----------------------------------------------------------------------------

  /** An update of the bot's own making (inline mode): appended when the bot takes its type. */
  private pushUpdate(update: Record<string, unknown>): boolean {
    if (!this.settings.allowedUpdates().includes(updateType(update))) return false;
    this.updates.append(update, Date.now());
    this.poll.wake();
    void this.armAlarm();
    void this.deliverWebhook();
    return true;
  }

  /** Chats report here; events the bot may see become updates, in arrival order. */
  async receive(events: BotEvent[]): Promise<void> {
    if (!this.storage.exists()) throw new Error("no such bot"); // the chat marks this member lagging
    const me = this.settings.profile();
    const allowed = this.settings.allowedUpdates();
    let added = 0;
    for (const e of events) {
      const update = await this.toStoredUpdate(me, e);
      if (!update || !allowed.includes(updateType(update))) continue;
      this.updates.append(update, Date.now());
      added++;
    }
    if (!added) return;
    this.poll.wake();
    void this.armAlarm(); // a safety net, should delivery below be cut short
    void this.deliverWebhook();
  }

  /** Records what an event implies for this bot (cursors, subscribers, callback ids), then translates it. */
  private async toStoredUpdate(me: BotProfile, e: BotEvent): Promise<Update | null> {
    if (e.type === "message" && e.message.from.id !== me.id && !this.updates.advanceCursor(e.chat.key, e.message.id)) return null; // a repeated fan-out
    if (e.type === "my_chat_member" && e.chat.type === "private") this.audience.set(e.by.id, e.newStatus);
    let callback: CallbackIds | undefined;
    if (e.type === "callback_query" || e.type === "inline_callback_query") {
      const callbackId = crypto.randomUUID().replaceAll("-", "");
      const [chatKey, messageId] = e.type === "callback_query" ? [e.chat.key, e.message.id] : [e.chatKey, e.messageId];
      this.audience.saveCallback(callbackId, e.by.id, chatKey, messageId, Date.now());
      const key = this.settings.opaqueKey();
      callback = { callbackId, chatInstance: await chatInstance(key, chatKey) };
      if (e.type === "inline_callback_query") callback.inlineMessageId = await inlineMessageId(key, chatKey, messageId);
    }
    return toUpdate(me, e, { privacy: this.settings.privacy(), now: nowSeconds(), ...(callback ? { callback } : {}) });
  }

  private async getUpdates(p: Params<"getUpdates">): Promise<BotResult<unknown[]>> {
    if (this.settings.webhook()) return refuse("webhook_active");
    if (p.allowed_updates) this.settings.setAllowedUpdates(p.allowed_updates);
    if (p.offset !== undefined) this.updates.confirm(p.offset);
    const limit = p.limit ?? 100;
    const batch = this.updates.pending(limit);
    const timeout = Math.min(p.timeout ?? 0, MAX_POLL_SECONDS);
    if (batch.length > 0 || timeout <= 0) return ok(batch);
    const end = await this.poll.wait(timeout);
    if (end === "conflict") return refuse("poll_conflict");
    if (end === "revoked") return refuse("unauthorized");
    if (end === "logged_out") return refuse("logged_out");
    return ok(this.updates.pending(limit));
  }

  private async answerCallback(p: Params<"answerCallbackQuery">): Promise<BotResult<true>> {
    const q = this.audience.takeCallback(p.callback_query_id);
    if (!q) return refuse("query_too_old");
    await this.env.USERS.getByName(String(q.userId)).deliver([
      {
        type: "callback_answer",
        chatId: chatIdFor(q.userId, q.chatKey),
        messageId: q.messageId,
        callbackQueryId: p.callback_query_id,
        ...(p.text ? { text: p.text } : {}),
        ...(p.show_alert ? { showAlert: true } : {}),
        ...(p.url ? { url: p.url } : {}),
      },
    ]);
    return ok(true);
  }

  private async saveCommands(commands: { command: string; description: string }[]): Promise<void> {
    this.settings.setCommands(commands);
    await this.env.DB.prepare("UPDATE bots SET commands = ? WHERE id = ?").bind(JSON.stringify(commands), this.settings.profile().id).run();
  }

  /**
   * A method call in a webhook's answer is executed, as Telegram does, when it is one Telegram
   * executes there (reply-methods.ts); its failure, or a method left out, is only logged.
   */
  private async runReplyCall(method: string, params: Record<string, unknown>): Promise<void> {
    if (!runsInWebhookReply(method)) {
      console.warn("webhook reply method not executed", method.slice(0, 64));
      return;
    }
    const call = parseCall(method, params);
    const r = call.ok ? await this.invoke(call.value) : call;
    if (!r.ok) console.warn("webhook reply method refused", method, r.reason);
  }

  // ---- the alarm --------------------------------------------------------------------------

  /** Schedules, broadcasts and webhook retries; a failing stage does not stop the others. */
  override async alarm(): Promise<void> {
    this.alarmTimer.fired();
    if (!this.storage.exists()) return;
    const stages = [() => this.schedules.run(nowSeconds()), () => this.broadcasts.run(nowSeconds()), () => this.deliverWebhook()];
    for (const stage of stages) {
      try {
        await stage();
      } catch (err) {
        console.error("bot alarm stage failed", this.settings.isInitialised() ? this.settings.profile().id : "?", err);
      }
    }
    await this.armAlarm();
  }

  /** Each module says when its stored work is next due; the alarm takes the earliest. */
  private armAlarm(): Promise<void> {
    const now = Date.now();
    const webhookDue = this.lifecycle.paused() ? null : this.webhook.due(now);
    return this.alarmTimer.arm([webhookDue, this.schedules.due(), this.broadcasts.due(now)]);
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
