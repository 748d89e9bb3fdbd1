// One bot, as an actor: a facade over its settings, update log, webhook delivery, sending,
// schedules and broadcasts. It executes the bot's Bot API calls (methods.ts) and receives
// what its chats tell it (to-update.ts).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { chatIdFor } from "../chat/chat-ids.ts";
import { actorSchemaVersion, LazyActorStorage } from "../platform/actor-schema.ts";
import { ActorAlarm } from "../platform/alarms.ts";
import { constantTimeEqual, sha256Hex } from "../platform/crypto.ts";
import { ok, refuse } from "../platform/result.ts";
import type { BotStatus, RateLimits } from "../protocol/api.ts";
import { Broadcasts } from "./broadcasts.ts";
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
import { toUpdate, updateType, type Update } from "./to-update.ts";
import { Audience, UpdateLog } from "./updates.ts";
import { WebhookDelivery } from "./webhook.ts";

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
  private readonly poll = new LongPoll();
  private readonly alarmTimer: ActorAlarm;
  private readonly context: BotContext;
  private readonly storage: LazyActorStorage;

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
    this.alarmTimer = new ActorAlarm(ctx.storage);
    this.context = {
      settings: this.settings,
      sending: this.sending,
      webhook: this.webhook,
      schedules: this.schedules,
      broadcasts: this.broadcasts,
      getUpdates: (p) => this.getUpdates(p),
      webhookChanged: () => {
        this.poll.end("conflict");
        void this.webhook.deliver();
      },
      answerCallback: (p) => this.answerCallback(p),
      saveCommands: (commands) => this.saveCommands(commands),
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

  /** A new token (or none): whatever waits on the old one ends now. */
  setTokenHash(tokenHash: string | null): void {
    this.settings.setTokenHash(tokenHash);
    this.poll.end("revoked");
  }

  async authenticate(secret: string): Promise<boolean> {
    if (!this.storage.exists()) return false;
    const stored = this.settings.tokenHash();
    return stored !== null && constantTimeEqual(stored, await sha256Hex(secret));
  }

  configure(change: { privacy?: boolean; rateLimits?: RateLimits }): void {
    if (change.privacy !== undefined) this.settings.setPrivacy(change.privacy);
    if (change.rateLimits) this.settings.setRateLimits(change.rateLimits);
  }

  /** The developer page's view: webhook status and settings. */
  status(): BotStatus {
    return { webhook: this.webhook.info(), privacy: this.settings.privacy(), rateLimits: this.settings.rateLimits(), subscribers: this.audience.count() };
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
    const handler = botMethods[call.method] as (bot: BotContext, p: Params<MethodName>, uploads: Record<string, Upload>) => Promise<BotResult<unknown>> | BotResult<unknown>;
    const r = await handler(this.context, call.params, uploads);
    return r.ok ? { ok: true, result: r.value } : r;
  }

  /** Whether this bot may read the file at `path` (as getFile gave it); returns its R2 key. */
  fileKey(path: string): Promise<string | null> {
    return this.sending.fileKey(path);
  }

  // ---- updates ----------------------------------------------------------------------------

  /** Chats report here; events the bot may see become updates, in arrival order. */
  async receive(events: BotEvent[]): Promise<void> {
    if (!this.storage.exists()) throw new Error("no such bot"); // the chat marks this member lagging
    const me = this.settings.profile();
    const allowed = this.settings.allowedUpdates();
    let added = 0;
    for (const e of events) {
      const update = this.toStoredUpdate(me, e);
      if (!update || !allowed.includes(updateType(update))) continue;
      this.updates.append(update, Date.now());
      added++;
    }
    if (!added) return;
    this.poll.wake();
    void this.armAlarm(); // a safety net, should delivery below be cut short
    void this.webhook.deliver();
  }

  /** Records what an event implies for this bot (cursors, subscribers, callback ids), then translates it. */
  private toStoredUpdate(me: BotProfile, e: BotEvent): Update | null {
    if (e.type === "message" && e.message.from.id !== me.id && !this.updates.advanceCursor(e.chat.key, e.message.id)) return null; // a repeated fan-out
    if (e.type === "my_chat_member" && e.chat.type === "private") this.audience.set(e.by.id, e.newStatus);
    let callbackId: string | undefined;
    if (e.type === "callback_query") {
      callbackId = crypto.randomUUID().replaceAll("-", "");
      this.audience.saveCallback(callbackId, e.by.id, e.chat.key, e.message.id, Date.now());
    }
    return toUpdate(me, e, { privacy: this.settings.privacy(), now: nowSeconds(), ...(callbackId ? { callbackId } : {}) });
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

  /** A method call in a webhook's answer is executed, as Telegram does; its failure is only logged. */
  private async runReplyCall(method: string, params: Record<string, unknown>): Promise<void> {
    const call = parseCall(method, params);
    const r = call.ok ? await this.invoke(call.value) : call;
    if (!r.ok) console.warn("webhook reply method refused", method, r.reason);
  }

  // ---- the alarm --------------------------------------------------------------------------

  /** Schedules, broadcasts and webhook retries; a failing stage does not stop the others. */
  override async alarm(): Promise<void> {
    this.alarmTimer.fired();
    if (!this.storage.exists()) return;
    const stages = [() => this.schedules.run(nowSeconds()), () => this.broadcasts.run(nowSeconds()), () => this.webhook.deliver()];
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
    return this.alarmTimer.arm([this.webhook.due(now), this.schedules.due(), this.broadcasts.due(now)]);
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
