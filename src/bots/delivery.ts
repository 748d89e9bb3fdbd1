// How a bot's updates reach it: what its chats report becomes updates in its log (those of
// the types it takes), handed to the waiting getUpdates (polling.ts) or pushed to its webhook
// (webhook.ts). Its lifecycle (lifecycle-store.ts) gates it all: a logged-out bot's calls are
// refused and its webhook waits; the first call after the logout sends what waited.
import { ok, refuse } from "../platform/result.ts";
import type { Callbacks } from "./callbacks.ts";
import type { BotEvent } from "./events.ts";
import type { BotLifecycle } from "./lifecycle-store.ts";
import { LongPoll, type PollEnd } from "./polling.ts";
import type { BotResult } from "./reasons.ts";
import type { BotSettings } from "./settings.ts";
import { toUpdate, updateType, type CallbackIds, type Update } from "./to-update.ts";
import type { Audience, UpdateLog } from "./updates.ts";
import type { WebhookDelivery } from "./webhook.ts";

const MAX_POLL_SECONDS = 50;

export interface GetUpdates {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowed_updates?: string[];
}

export class UpdateDelivery {
  private readonly poll = new LongPoll();

  constructor(
    private readonly settings: BotSettings,
    private readonly updates: UpdateLog,
    private readonly audience: Audience,
    private readonly callbacks: Callbacks,
    private readonly webhook: WebhookDelivery,
    private readonly lifecycle: BotLifecycle,
    /** Asks the actor to arm its alarm for whatever is now due. */
    private readonly armAlarm: () => Promise<void>,
  ) {}

  // ---- the lifecycle ------------------------------------------------------------------------

  /** Every call passes here first: a logged-out bot is refused; the first call launches the bot (lifecycle.ts). */
  admit(now: number): BotResult<unknown> {
    const r = this.lifecycle.admit(now);
    if (r.ok && r.value.loggedBackIn) void this.deliverWebhook(); // what waited goes out now
    return r;
  }

  logOut(now: number): BotResult<true> {
    this.lifecycle.logOut(now);
    this.poll.end("logged_out");
    return ok(true);
  }

  close(now: number): BotResult<true> {
    const r = this.lifecycle.close(now);
    if (r.ok) this.poll.end("closed");
    return r;
  }

  /** The waiting getUpdates ends: its token was replaced ("revoked"), or a webhook was set ("conflict"). */
  endPoll(how: PollEnd): void {
    this.poll.end(how);
  }

  /** Webhook delivery, unless the bot logged out (its updates wait until it logs in again). */
  deliverWebhook(): Promise<void> {
    return this.lifecycle.paused() ? Promise.resolve() : this.webhook.deliver();
  }

  /** When the webhook is next due (ms), or null. */
  webhookDue(now: number): number | null {
    return this.lifecycle.paused() ? null : this.webhook.due(now);
  }

  // ---- updates in -----------------------------------------------------------------------------

  /** Chats report here; events the bot may see become updates, in arrival order. */
  async receive(events: BotEvent[], now: number): Promise<void> {
    const me = this.settings.profile();
    const added: Update[] = [];
    for (const e of events) {
      // Records what the event implies for this bot (cursors, subscribers, callback ids), then translates it.
      if (e.type === "message" && e.message.from.id !== me.id && !this.updates.advanceCursor(e.chat.key, e.message.id)) continue; // a repeated fan-out
      if (e.type === "my_chat_member" && e.chat.type === "private") this.audience.set(e.by.id, e.newStatus);
      let callback: CallbackIds | undefined;
      if (e.type === "callback_query" || e.type === "inline_callback_query") callback = await this.callbacks.record(e, now);
      const update = toUpdate(me, e, { privacy: this.settings.privacy(), now: Math.floor(now / 1000), ...(callback ? { callback } : {}) });
      if (update) added.push(update);
    }
    this.append(added, now);
  }

  /** An update of the bot's own making (inline mode): appended when the bot takes its type. */
  push(update: Update, now: number): boolean {
    return this.append([update], now) > 0;
  }

  /** Appends the updates of types the bot takes, and wakes whoever delivers them; returns how many. */
  private append(updates: Update[], now: number): number {
    const allowed = this.settings.allowedUpdates();
    const taken = updates.filter((u) => allowed.includes(updateType(u)));
    for (const u of taken) this.updates.append(u, now);
    if (!taken.length) return 0;
    this.poll.wake();
    void this.armAlarm(); // a safety net, should delivery below be cut short
    void this.deliverWebhook();
    return taken.length;
  }

  // ---- updates out: getUpdates --------------------------------------------------------------

  async getUpdates(p: GetUpdates): Promise<BotResult<unknown[]>> {
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
}
