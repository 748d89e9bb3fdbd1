// Broadcasts to every user who started the bot and has not blocked it. A user gets a content
// key at most once: the ledger is checked first, and the send itself carries the content key
// as its idempotency key, so a crash between the send and the ledger write cannot cause a
// second message either.
import { sha256Hex } from "../platform/crypto.ts";
import { ok, refuse } from "../platform/result.ts";
import type { Content } from "./content.ts";
import type { BotReason, BotResult } from "./reasons.ts";
import type { BotSending } from "./sending.ts";
import { isBotReason, toTelegramError } from "./tg-errors.ts";
import type { Audience } from "./updates.ts";

const BATCH = 25;

/** What a refused send means for a broadcast. Pure. */
export function refusalOutcome(reason: BotReason): "received" | "skip_recipient" | "wait" | "stop" {
  if (reason === "too_many_requests") return "wait"; // paced by the bot's rate limits, like any send
  if (reason === "duplicate_deleted") return "received"; // sent before, since deleted
  if (reason === "bot_blocked" || reason === "cant_initiate") return "skip_recipient"; // blocked or gone
  return "stop"; // the content itself is at fault
}

export class Broadcasts {
  /** Held back by the rate limits until then (ms); in memory, as the buckets are. */
  private pausedUntil = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly sending: BotSending,
    private readonly audience: Audience,
  ) {}

  /** `dedupKey` names "the same content" outright; without it, the content's hash does. */
  async create(content: Content, dedupKey: string | undefined, sendAt: number) {
    const contentKey = dedupKey ?? (await sha256Hex(JSON.stringify([content.text, content.entities, content.replyMarkup, content.media])));
    const id = this.sql
      .exec<{ id: number }>("INSERT INTO broadcasts (content_key, content, send_at) VALUES (?, ?, ?) RETURNING id", contentKey, JSON.stringify(content), sendAt)
      .one().id;
    return { id, contentKey };
  }

  status(id: number): BotResult<{ status: string; sent: number; skipped: number; error?: string }> {
    const b = this.sql
      .exec<{ status: string; sent: number; skipped: number; error: string | null }>("SELECT status, sent, skipped, error FROM broadcasts WHERE id = ?", id)
      .toArray()[0];
    if (!b) return refuse("broadcast_not_found");
    return ok({ status: b.status, sent: b.sent, skipped: b.skipped, ...(b.error ? { error: describeStored(b.error) } : {}) });
  }

  /** When the next batch is due (ms), or null. */
  due(now: number): number | null {
    const b = this.sql.exec<{ t: number | null }>("SELECT min(send_at) AS t FROM broadcasts WHERE status IN ('pending', 'sending')").one().t;
    return b === null ? null : Math.max(b * 1000, now + 1000, this.pausedUntil);
  }

  /** Sends one batch of each due broadcast, as the rate limits allow. `now` in Unix seconds. */
  async run(now: number): Promise<void> {
    if (Date.now() < this.pausedUntil) return;
    const due = this.sql
      .exec<{ id: number; content_key: string; content: string }>(
        "SELECT id, content_key, content FROM broadcasts WHERE status IN ('pending', 'sending') AND send_at <= ? ORDER BY id",
        now,
      )
      .toArray();
    for (const b of due) {
      this.sql.exec("UPDATE broadcasts SET status = 'sending' WHERE id = ?", b.id);
      const recipients = this.audience.without(b.content_key, BATCH);
      for (const userId of recipients) {
        const r = await this.sending.send(userId, { ...JSON.parse(b.content), clientMsgId: `broadcast:${b.content_key}` });
        if (r.ok) {
          this.audience.received(userId, b.content_key, r.value.message_id as number);
          this.sql.exec("UPDATE broadcasts SET sent = sent + 1 WHERE id = ?", b.id);
          continue;
        }
        const outcome = refusalOutcome(r.reason);
        if (outcome === "wait") {
          this.pausedUntil = Date.now() + (r.retryAfter ?? 1) * 1000;
          return;
        }
        if (outcome === "received") this.audience.received(userId, b.content_key, 0);
        if (outcome === "skip_recipient") {
          this.audience.set(userId, "kicked");
          this.sql.exec("UPDATE broadcasts SET skipped = skipped + 1 WHERE id = ?", b.id);
        }
        if (outcome === "stop") {
          this.sql.exec("UPDATE broadcasts SET status = 'failed', error = ? WHERE id = ?", r.reason, b.id);
          break;
        }
      }
      if (recipients.length < BATCH) this.sql.exec("UPDATE broadcasts SET status = 'done' WHERE id = ? AND status = 'sending'", b.id);
    }
  }
}

/** A stored refusal in Telegram's words (rows written before reasons were stored hold the words already). */
function describeStored(error: string): string {
  return isBotReason(error) ? toTelegramError({ reason: error }).description : error;
}
