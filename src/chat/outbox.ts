// The only live path by which messages leave a chat. A message is marked pending in the
// same synchronous block that stores it; the drain hands pending messages to every member
// in id order, one batch at a time. A member whose delivery fails is marked lagging and
// skipped by later batches (so nobody ever receives a chat's messages out of order); the
// actor's alarm replays the log to it until it has caught up. Receivers drop repeats, so a
// replay is invisible.
import type { StoredMessage } from "../protocol/messages.ts";
import type { Fanout } from "./fanout.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import { present } from "./messages.ts";

/** How soon the alarm repairs an interrupted drain or a lagging member. */
export const REPAIR_DELAY_MS = 2_000;
const BATCH = 100;

export class Outbox {
  /** One drain at a time: it loops until nothing is pending, so a second would find nothing to do. */
  private draining = false;

  constructor(
    private readonly sql: SqlStorage,
    private readonly log: ChatLog,
    private readonly members: ChatMembers,
    private readonly identity: ChatIdentity,
    private readonly fanout: Fanout,
    /** Runs after each batch reached its members (the chat list's head); a failure leaves the batch pending, to be done again. */
    private readonly afterBatch: (batch: StoredMessage[]) => Promise<void>,
  ) {}

  /** Marks a stored message for fan-out. Synchronous: it commits with the message. */
  enqueue(messageId: number): void {
    this.sql.exec("INSERT INTO pending_fanout VALUES (?)", messageId);
  }

  /** When the alarm should next run for this module: while anything is pending or lagging. */
  due(now: number): number | null {
    const work = this.sql.exec<{ n: number }>("SELECT (SELECT count(*) FROM pending_fanout) + (SELECT count(*) FROM lagging) AS n").one().n;
    return work > 0 ? now + REPAIR_DELAY_MS : null;
  }

  /** What is waiting, for tests and operators. */
  view(): { pending: number[]; lagging: { userId: number; afterId: number }[] } {
    return {
      pending: this.sql.exec<{ message_id: number }>("SELECT message_id FROM pending_fanout ORDER BY message_id").toArray().map((r) => r.message_id),
      lagging: this.sql.exec<{ user_id: number; after_id: number }>("SELECT * FROM lagging ORDER BY user_id").toArray().map((r) => ({ userId: r.user_id, afterId: r.after_id })),
    };
  }

  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const ids = this.sql
          .exec<{ message_id: number }>("SELECT message_id FROM pending_fanout ORDER BY message_id LIMIT ?", BATCH)
          .toArray()
          .map((r) => r.message_id);
        if (ids.length === 0) break;
        const batch = ids.map((id) => this.log.message(id)).filter((m): m is StoredMessage => m !== null);
        const lagging = new Set(this.sql.exec<{ user_id: number }>("SELECT user_id FROM lagging").toArray().map((r) => r.user_id));
        const failed = await this.deliver(this.members.liveIds().filter((uid) => !lagging.has(uid)), batch);
        for (const uid of failed) this.sql.exec("INSERT OR IGNORE INTO lagging VALUES (?, ?)", uid, ids[0]! - 1);
        if (batch.length) await this.afterBatch(batch);
        this.sql.exec("DELETE FROM pending_fanout WHERE message_id <= ?", ids.at(-1)!);
      }
    } finally {
      this.draining = false;
    }
  }

  /** Replays the log to members whose delivery failed, until each has caught up. */
  async catchUpLagging(): Promise<void> {
    const rows = this.sql.exec<{ user_id: number; after_id: number }>("SELECT * FROM lagging").toArray();
    for (const { user_id, after_id } of rows) {
      let after = after_id;
      for (;;) {
        const batch = this.log.page({ after, limit: BATCH, direction: "forward" });
        if (batch.length === 0 || !this.members.get(user_id)) {
          this.sql.exec("DELETE FROM lagging WHERE user_id = ?", user_id); // caught up: live fan-out includes them again
          break;
        }
        if ((await this.deliver([user_id], batch)).length) {
          this.sql.exec("UPDATE lagging SET after_id = ? WHERE user_id = ?", after, user_id);
          break;
        }
        after = batch.at(-1)!.id;
      }
    }
  }

  /** Sends `batch` to each of `userIds`; returns those whose delivery failed. */
  private deliver(userIds: number[], batch: StoredMessage[]): Promise<number[]> {
    const unread = this.members.liveUnreadCounts();
    return this.fanout.send(userIds, (uid) => {
      const chatId = this.identity.idFor(uid);
      const n = unread.get(uid) ?? this.members.unreadOf(uid); // a lagging member need not be live
      return batch.map((m) => ({ type: "message" as const, chatId, message: present(chatId, m, uid), unread: n }));
    });
  }
}
