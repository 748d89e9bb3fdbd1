// Webhook delivery: pending updates go out one at a time, oldest first. An update is removed
// only after a 2xx; a failure leaves it (and everything after it) waiting for its retry, so
// updates never overtake each other. After 24 hours of failures an update is dropped. A
// method call in the webhook's answer runs as the bot's own, where Telegram would run it.
import type { Env } from "../env.ts";
import { parseBoundedJson } from "../platform/bounded-json.ts";
import { checkOutboundUrl } from "../platform/outbound-url.ts";
import { ok, refuse } from "../platform/result.ts";
import type { WebhookInfo } from "../protocol/api.ts";
import type { BotResult } from "./reasons.ts";
import { runsInWebhookReply } from "./reply-methods.ts";
import { parseCall, type ParsedCall } from "./schemas.ts";
import type { BotSettings } from "./settings.ts";
import type { UpdateLog } from "./updates.ts";
import { retryDelayMs, signWebhook, WEBHOOK_GIVE_UP_MS } from "./webhook-signature.ts";

const WEBHOOK_TIMEOUT_MS = 10_000;
/** While a delivery is under way, the alarm checks back this soon in case it is cut short. */
const IN_FLIGHT_CHECK_MS = 10_000;

export interface WebhookRequest {
  url: string;
  secret_token?: string;
  max_connections?: number;
  allowed_updates?: string[];
  drop_pending_updates?: boolean;
}

export class WebhookDelivery {
  private delivering = false;

  constructor(
    private readonly env: Env,
    private readonly settings: BotSettings,
    private readonly updates: UpdateLog,
    /** Runs a Bot API call as the bot's own (BotActor.invoke): a method call found in a webhook's answer. */
    private readonly invoke: (call: ParsedCall) => Promise<{ ok: boolean; reason?: string }>,
    /** A failed delivery stored a retry time: the actor's alarm must come back for it. */
    private readonly retryStored: () => Promise<void>,
  ) {}

  set(p: WebhookRequest): BotResult<true> {
    const check = checkOutboundUrl(p.url, { allowLoopbackHttp: this.env.LOCAL_WEBHOOKS === "1" });
    if (!check.ok) return refuse("bad_webhook", { detail: check.detail });
    this.settings.setWebhook({ url: p.url, secret: p.secret_token ?? null, maxConnections: p.max_connections ?? 40 });
    if (p.allowed_updates) this.settings.setAllowedUpdates(p.allowed_updates);
    if (p.drop_pending_updates) this.updates.clear();
    this.updates.resetAttempts();
    return ok(true);
  }

  clear(dropPending: boolean): void {
    this.settings.clearWebhook();
    if (dropPending) this.updates.clear();
  }

  info(): WebhookInfo {
    const hook = this.settings.webhook();
    const info: WebhookInfo = { url: hook?.url ?? "", has_custom_certificate: false, pending_update_count: this.updates.count() };
    if (!hook) return info;
    info.max_connections = hook.maxConnections;
    const lastError = this.settings.lastError();
    if (lastError) {
      info.last_error_date = lastError.date;
      info.last_error_message = lastError.message;
    }
    const asked = this.settings.askedUpdates();
    if (asked) info.allowed_updates = asked;
    return info;
  }

  /** When the alarm should next run for delivery: the oldest update's retry time only, since delivery is in order. */
  due(now: number): number | null {
    if (!this.settings.webhook()) return null;
    const t = this.updates.oldest()?.nextAttemptAt;
    if (t === undefined) return null;
    return t > now ? t : now + IN_FLIGHT_CHECK_MS;
  }

  /** Delivers what is due, oldest first, until the queue is empty or an update fails. */
  async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (;;) {
        const hook = this.settings.webhook();
        const tokenHash = this.settings.tokenHash();
        if (!hook || !tokenHash) return; // no webhook, or the token was revoked
        const update = this.updates.oldest();
        if (!update || update.nextAttemptAt > Date.now()) return; // the alarm brings it back
        if (Date.now() - update.createdAt > WEBHOOK_GIVE_UP_MS) {
          this.updates.remove(update.updateId);
          continue;
        }
        const body = JSON.stringify({ update_id: update.updateId, ...update.payload });
        const error = await this.postToWebhook(hook.url, hook.secret, tokenHash, body);
        if (error === null) {
          this.updates.remove(update.updateId);
          continue;
        }
        const attempts = update.attempts + 1;
        this.updates.recordFailure(update.updateId, attempts, Date.now() + retryDelayMs(attempts, Number(this.env.WEBHOOK_RETRY_BASE_MS ?? 1000)));
        this.settings.setLastError(Math.floor(Date.now() / 1000), error);
        await this.retryStored();
        return;
      }
    } finally {
      this.delivering = false;
    }
  }

  /** POSTs one update; null on success, else the error to show in getWebhookInfo. */
  private async postToWebhook(url: string, secret: string | null, tokenHash: string, body: string): Promise<string | null> {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "X-Switchboard-Signature": await signWebhook(tokenHash, Math.floor(Date.now() / 1000), body),
    };
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
    const call = replyCall(await response.text(), response.headers.get("Content-Type") ?? "");
    if (call) await this.runReplyCall(call.method, call.params);
    return null;
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
    if (!r.ok) console.warn("webhook reply method refused", method.slice(0, 64), r.reason);
  }
}

/** A method call in a webhook's answer (`{"method": ..., ...params}`), or null. Pure. */
export function replyCall(text: string, contentType: string): { method: string; params: Record<string, unknown> } | null {
  if (!text || !contentType.includes("json")) return null;
  // A body that is not a method call (not JSON, or nested too deep) is ignored.
  const call = parseBoundedJson(text);
  if (typeof call !== "object" || call === null || Array.isArray(call)) return null;
  const { method, ...params } = call as Record<string, unknown>;
  return typeof method === "string" ? { method, params } : null;
}
