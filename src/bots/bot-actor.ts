// One bot, as an actor: a facade over its modules. Each public method is one act, delegated:
// the Bot API's calls go to the handlers in methods/ (the area files, their table in
// methods/index.ts), what its chats report to delivery.ts (which makes updates of it,
// to-update.ts, and delivers them), inline mode to inline-queries.ts, sending to sending.ts,
// its lifecycle to lifecycle-store.ts, its profile and menus to texts.ts and menu.ts.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { findUsers } from "../accounts/queries.ts";
import { actorSchemaVersion, LazyActorStorage } from "../platform/actor-schema.ts";
import { ActorAlarm } from "../platform/alarms.ts";
import { constantTimeEqual, sha256Hex } from "../platform/crypto.ts";
import { open } from "../platform/d1.ts";
import { refuse, type Result } from "../platform/result.ts";
import type { BotCommand, BotStatus, RateLimits } from "../protocol/api.ts";
import type { Message, Sender } from "../protocol/messages.ts";
import { Avatars, avatarKeyOf } from "./avatars.ts";
import { Broadcasts } from "./broadcasts.ts";
import { Callbacks } from "./callbacks.ts";
import type { CommandViewer } from "./command-scopes.ts";
import type { Upload } from "./content.ts";
import { UpdateDelivery } from "./delivery.ts";
import type { BotEvent } from "./events.ts";
import { InlineQueries, type Asked, type ChooseReason, type InlineAsk } from "./inline-queries.ts";
import type { StoredResult } from "./inline-results.ts";
import { BotLifecycle } from "./lifecycle-store.ts";
import { loginKeyOf, signedLoginUrl } from "./login-url.ts";
import { BotMenu, type MenuButton } from "./menu.ts";
import { metUser } from "./met-users.ts";
import { botMethods, type BotContext } from "./methods/index.ts";
import type { BotRefusal, BotResult } from "./reasons.ts";
import { Schedules } from "./schedules.ts";
import type { MethodName, ParsedCall, Params } from "./schemas.ts";
import { BotSending } from "./sending.ts";
import { BotSettings, type BotProfile } from "./settings.ts";
import { botActorMigrations } from "./storage.ts";
import { BotTexts, type BotTextsView } from "./texts.ts";
import { Audience, UpdateLog } from "./updates.ts";
import { WebhookDelivery } from "./webhook.ts";

export type { BotProfile, Upload };
export type InvokeResult = { ok: true; result: unknown } | BotRefusal;

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

import { getNotification, sendNotification } from "../notify/sending.ts";
import { NOTIFY_READ_PREFIX } from "../notify/read-button.ts";
import { NotifyTimers } from "../notify/timers.ts";
import { enqueue } from "../notify/jobs.ts";
export class BotActor extends DurableObject<Env> {
  private readonly storage: LazyActorStorage;
  private readonly settings: BotSettings;
  private readonly updates: UpdateLog;
  private readonly audience: Audience;
  private readonly sending: BotSending;
  private readonly webhook: WebhookDelivery;
  private readonly delivery: UpdateDelivery;
  private readonly schedules: Schedules;
  private readonly broadcasts: Broadcasts;
  private readonly inline: InlineQueries;
  private readonly timers: NotifyTimers;
  private readonly texts: BotTexts;
  private readonly menu: BotMenu;
  private readonly alarmTimer: ActorAlarm;
  private readonly context: BotContext;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Storage comes into being with `init`: a made-up token naming no bot stores nothing.
    this.storage = new LazyActorStorage(ctx.storage, botActorMigrations);
    const sql = ctx.storage.sql;
    const armAlarm = () => this.armAlarm();
    this.settings = new BotSettings(sql);
    this.updates = new UpdateLog(sql);
    this.audience = new Audience(sql);
    this.sending = new BotSending(env, this.settings);
    this.webhook = new WebhookDelivery(env, this.settings, this.updates, (call) => this.invoke(call), armAlarm);
    const callbacks = new Callbacks(env, this.settings, this.audience);
    this.delivery = new UpdateDelivery(this.settings, this.updates, this.audience, callbacks, this.webhook, new BotLifecycle(sql), armAlarm);
    this.schedules = new Schedules(sql, this.sending);
    this.broadcasts = new Broadcasts(sql, this.sending, this.audience);
    this.inline = new InlineQueries(sql, env, this.settings, this.sending, (update) => this.delivery.push(update, Date.now()));
    this.texts = new BotTexts(sql, env, this.settings);
    this.timers = new NotifyTimers(sql);
    this.menu = new BotMenu(sql, this.settings, env.DB);
    this.alarmTimer = new ActorAlarm(ctx.storage);
    this.context = {
      settings: this.settings,
      sending: this.sending,
      webhook: this.webhook,
      schedules: this.schedules,
      broadcasts: this.broadcasts,
      inline: this.inline,
      getUpdates: (p) => this.delivery.getUpdates(p),
      webhookChanged: () => {
        this.delivery.endPoll("conflict");
        void this.delivery.deliverWebhook();
      },
      answerCallback: (p) => callbacks.answer(p),
      saveCommands: (commands) => this.menu.saveDefaultCommands(commands),
      texts: this.texts,
      menu: this.menu,
      avatars: new Avatars(env),
      findUser: async (userId) => (await findUsers(open(env.DB), [userId]))[0] ?? null,
      metUser: (userId) => metUser(open(env.DB), this.settings.profile().id, userId),
      logOut: () => this.delivery.logOut(nowSeconds()),
      close: () => this.delivery.close(nowSeconds()),
      workStored: async (runNow) => {
        if (runNow) await this.broadcasts.run(nowSeconds());
        await this.armAlarm();
      },
      notifications: {
        send: (p) =>
          sendNotification(env, this.settings.profile().id, p, {
            started: this.audience.isMember(p.user_id),
            later: async (jobs) => {
              this.timers.add(jobs);
              await this.armAlarm();
            },
          }),
        get: (id) => getNotification(env, this.settings.profile().id, id),
      },
    };
  }

  /**
   * A notification's in-app copy (notify/consumer.ts): a message in the user's chat with this
   * bot, with a read button (pressing it is a read acknowledgement, not a callback to the bot).
   */
  async notifyInApp(userId: number, text: string, token: string, link: string | null): Promise<{ ok: true; messageId: number } | { ok: false; reason: string }> {
    const buttons = [{ text: "✓ Mark as read", callback_data: `${NOTIFY_READ_PREFIX}${token}` }, ...(link ? [{ text: "Open link", url: link }] : [])];
    const sent = await this.sending.send(userId, { text, replyMarkup: { inline_keyboard: [buttons] } });
    return sent.ok ? { ok: true, messageId: Number(sent.value.message_id) } : { ok: false, reason: sent.reason };
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
    this.delivery.endPoll("revoked");
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
    this.settings.configure(change);
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
   * cross into the actor), once the lifecycle admits it. `uploads` are files the HTTP edge
   * stored, named by field.
   */
  async invoke(call: ParsedCall, uploads: Record<string, Upload> = {}): Promise<InvokeResult> {
    const admitted = this.delivery.admit(nowSeconds());
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
    return this.storage.exists() ? this.menu.viewFor(viewer) : { commands: [], menuButton: { type: "default" } };
  }

  // ---- inline mode (client API) -----------------------------------------------------------

  /** The placeholder the composer shows after "@bot ", or null when inline mode is off. */
  inlinePlaceholder(): string | null {
    return this.storage.exists() ? this.settings.inlinePlaceholder() : null;
  }

  /** A user typed "@bot query": the bot's answer, or none in time; refused while inline mode is off. */
  inlineQuery(ask: InlineAsk): Promise<Result<Asked, "inline_off">> {
    return this.storage.exists() ? this.inline.query(ask, Date.now()) : Promise.resolve(refuse("inline_off"));
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
    return this.storage.exists() ? this.inline.choose(user, queryId, resultId, chatKey, clientMsgId, Date.now()) : Promise.resolve(refuse("query_expired"));
  }

  /** A login_url button's target with the user's signed login data, or null until the current token has been used. */
  async signLogin(user: { id: number; firstName: string; username?: string }, url: string): Promise<string | null> {
    const key = this.storage.exists() ? this.settings.loginKey() : null;
    return key ? signedLoginUrl(url, user, nowSeconds(), key) : null;
  }

  // ---- what chats report ------------------------------------------------------------------

  /** Chats report here; events the bot may see become updates, in arrival order. */
  async receive(events: BotEvent[]): Promise<void> {
    if (!this.storage.exists()) throw new Error("no such bot"); // the chat marks this member lagging
    await this.delivery.receive(events, Date.now());
  }

  // ---- the alarm --------------------------------------------------------------------------

  /** Schedules, broadcasts and webhook retries; a failing stage does not stop the others. */
  override async alarm(): Promise<void> {
    this.alarmTimer.fired();
    if (!this.storage.exists()) return;
    const stages = [() => this.schedules.run(nowSeconds()), () => this.broadcasts.run(nowSeconds()), () => this.delivery.deliverWebhook(), () => this.queueDueNotifications()];
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
    return this.alarmTimer.arm([this.delivery.webhookDue(now), this.schedules.due(), this.broadcasts.due(now), this.timers.due()]);
  }

  /** Notification jobs that waited longer than a queue can delay: on the queue now (put back if it refuses). */
  private async queueDueNotifications(): Promise<void> {
    const due = this.timers.take(Date.now());
    try {
      await enqueue(this.env, due, Date.now());
    } catch (err) {
      this.timers.add(due);
      throw err;
    }
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
