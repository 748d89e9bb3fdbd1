// Scheduled messages: stored with their time, sent once when due (even across restarts),
// and marked with the message they became.
import { ok, refuse } from "../platform/result.ts";
import type { Content } from "./content.ts";
import type { BotResult } from "./reasons.ts";
import type { BotSending } from "./sending.ts";

const YEAR_S = 366 * 86400;

export class Schedules {
  /** Held back by the rate limits until then (ms); in memory, as the buckets are. */
  private pausedUntil = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly sending: BotSending,
  ) {}

  /** `now` in Unix seconds. The bot must be in the chat: checked by the caller. */
  create(chatId: number | string, content: Content, sendAt: number, now: number): BotResult<{ scheduled_message_id: number; chat_id: number | string; send_at: number }> {
    if (sendAt < now - 60) return refuse("send_at_past");
    if (sendAt > now + YEAR_S) return refuse("send_at_too_far");
    const id = this.sql
      .exec<{ id: number }>("INSERT INTO scheduled (chat_id, content, send_at) VALUES (?, ?, ?) RETURNING id", chatId, JSON.stringify(content), sendAt)
      .one().id;
    return ok({ scheduled_message_id: id, chat_id: chatId, send_at: sendAt });
  }

  list(chatId?: number | string) {
    return this.sql
      .exec<{ id: number; chat_id: number; content: string; send_at: number }>(
        "SELECT id, chat_id, content, send_at FROM scheduled WHERE status = 'pending' ORDER BY send_at, id",
      )
      .toArray()
      .filter((r) => chatId === undefined || r.chat_id === chatId)
      .map((r) => ({ scheduled_message_id: r.id, chat_id: r.chat_id, send_at: r.send_at, text: (JSON.parse(r.content) as Content).text }));
  }

  cancel(id: number): BotResult<true> {
    return this.sql.exec("DELETE FROM scheduled WHERE id = ? AND status = 'pending'", id).rowsWritten ? ok(true) : refuse("scheduled_not_found");
  }

  /** When the earliest pending schedule is due (ms), or null. */
  due(): number | null {
    const s = this.sql.exec<{ t: number | null }>("SELECT min(send_at) AS t FROM scheduled WHERE status = 'pending'").one().t;
    return s === null ? null : Math.max(s * 1000, this.pausedUntil);
  }

  /**
   * Sends what is due, paced by the bot's rate limits: when they refuse, the rest waits for
   * the buckets to refill. Each send carries the schedule's own idempotency key, so it fires once.
   */
  async run(now: number): Promise<void> {
    if (Date.now() < this.pausedUntil) return;
    const due = this.sql
      .exec<{ id: number; chat_id: number; content: string }>("SELECT id, chat_id, content FROM scheduled WHERE status = 'pending' AND send_at <= ? ORDER BY send_at, id", now)
      .toArray();
    for (const s of due) {
      const content: Content = { ...JSON.parse(s.content), clientMsgId: `scheduled:${s.id}` };
      const r = await this.sending.send(s.chat_id, content);
      if (!r.ok && r.reason === "too_many_requests") {
        this.pausedUntil = Date.now() + (r.retryAfter ?? 1) * 1000;
        return;
      }
      if (r.ok) this.sql.exec("UPDATE scheduled SET status = 'sent', message_id = ? WHERE id = ?", r.value.message_id as number, s.id);
      // Sent before (its message since deleted) counts as sent; anything else is a failure to report.
      else this.sql.exec("UPDATE scheduled SET status = ?, error = ? WHERE id = ?", r.reason === "duplicate_deleted" ? "sent" : "failed", r.reason, s.id);
    }
  }
}
