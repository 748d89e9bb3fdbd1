// The bot's update log (update_id 1, 2, 3 ...), what getUpdates confirms, and the per-chat
// cursors that drop a chat's repeated fan-out. Also who started the bot (its broadcast
// audience) and the callback queries waiting for an answer.

export interface StoredUpdate {
  updateId: number;
  payload: Record<string, unknown>;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

type UpdateRow = { update_id: number; payload: string; created_at: number; attempts: number; next_attempt_at: number };

export class UpdateLog {
  constructor(private readonly sql: SqlStorage) {}

  append(update: Record<string, unknown>, now: number): void {
    this.sql.exec("INSERT INTO updates (payload, created_at) VALUES (?, ?)", JSON.stringify(update), now);
  }

  /** Oldest first, each with its update_id. */
  pending(limit: number): Record<string, unknown>[] {
    return this.sql
      .exec<UpdateRow>("SELECT * FROM updates ORDER BY update_id LIMIT ?", limit)
      .toArray()
      .map((r) => ({ update_id: r.update_id, ...JSON.parse(r.payload) }));
  }

  oldest(): StoredUpdate | null {
    const r = this.sql.exec<UpdateRow>("SELECT * FROM updates ORDER BY update_id LIMIT 1").toArray()[0];
    return r ? { updateId: r.update_id, payload: JSON.parse(r.payload), createdAt: r.created_at, attempts: r.attempts, nextAttemptAt: r.next_attempt_at } : null;
  }

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM updates").one().n;
  }

  /** An offset confirms every update below it: they are dropped. A negative offset keeps the last -offset. */
  confirm(offset: number): void {
    if (offset >= 0) this.sql.exec("DELETE FROM updates WHERE update_id < ?", offset);
    else this.sql.exec("DELETE FROM updates WHERE update_id NOT IN (SELECT update_id FROM updates ORDER BY update_id DESC LIMIT ?)", -offset);
  }

  remove(updateId: number): void {
    this.sql.exec("DELETE FROM updates WHERE update_id = ?", updateId);
  }

  clear(): void {
    this.sql.exec("DELETE FROM updates");
  }

  recordFailure(updateId: number, attempts: number, nextAttemptAt: number): void {
    this.sql.exec("UPDATE updates SET attempts = ?, next_attempt_at = ? WHERE update_id = ?", attempts, nextAttemptAt, updateId);
  }

  /** A new webhook starts afresh: everything waiting is due now. */
  resetAttempts(): void {
    this.sql.exec("UPDATE updates SET next_attempt_at = 0, attempts = 0");
  }

  /** True the first time a chat's message id is seen; chats send their messages in id order. */
  advanceCursor(chatKey: string, messageId: number): boolean {
    const last = this.sql.exec<{ last_id: number }>("SELECT last_id FROM chat_cursors WHERE chat_key = ?", chatKey).toArray()[0]?.last_id ?? 0;
    if (messageId <= last) return false;
    this.sql.exec("INSERT OR REPLACE INTO chat_cursors VALUES (?, ?)", chatKey, messageId);
    return true;
  }
}

export type SubscriberStatus = "member" | "kicked" | "left";

export class Audience {
  constructor(private readonly sql: SqlStorage) {}

  set(userId: number, status: SubscriberStatus): void {
    this.sql.exec("INSERT OR REPLACE INTO subscribers VALUES (?, ?)", userId, status);
  }

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM subscribers WHERE status = 'member'").one().n;
  }

  /** Whether `userId` started the bot and has not blocked it. */
  isMember(userId: number): boolean {
    return this.sql.exec<{ status: string }>("SELECT status FROM subscribers WHERE user_id = ?", userId).toArray()[0]?.status === "member";
  }

  /** Up to `limit` subscribers who have not had `contentKey` from a broadcast. */
  without(contentKey: string, limit: number): number[] {
    return this.sql
      .exec<{ user_id: number }>(
        `SELECT user_id FROM subscribers s WHERE status = 'member'
           AND NOT EXISTS (SELECT 1 FROM broadcast_ledger l WHERE l.user_id = s.user_id AND l.content_key = ?)
         ORDER BY user_id LIMIT ?`,
        contentKey,
        limit,
      )
      .toArray()
      .map((r) => r.user_id);
  }

  /** Records that `userId` has `contentKey` (message 0: sent before, since deleted). */
  received(userId: number, contentKey: string, messageId: number): void {
    this.sql.exec("INSERT OR IGNORE INTO broadcast_ledger VALUES (?, ?, ?)", userId, contentKey, messageId);
  }

  saveCallback(id: string, userId: number, chatKey: string, messageId: number, now: number): void {
    this.sql.exec("INSERT INTO callbacks VALUES (?, ?, ?, ?, ?)", id, userId, chatKey, messageId, now);
  }

  /** The callback query `id`, removed: it is answered once. */
  takeCallback(id: string): { userId: number; chatKey: string; messageId: number } | null {
    const row = this.sql.exec<{ user_id: number; chat_key: string; message_id: number }>("SELECT * FROM callbacks WHERE id = ?", id).toArray()[0];
    if (!row) return null;
    this.sql.exec("DELETE FROM callbacks WHERE id = ?", id);
    return { userId: row.user_id, chatKey: row.chat_key, messageId: row.message_id };
  }
}
