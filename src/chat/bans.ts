// Who is banned from a group, and until when (the `banned` table, storage version 5). A ban
// that has run out is treated as gone, and purged before a new ban is counted.
import { banHolds } from "./ban-rules.ts";

/** Ours: Telegram documents none. A group's members are far fewer; this bounds bans of non-members. */
export const MAX_BANS = 10_000;

export class ChatBans {
  constructor(
    private readonly sql: SqlStorage,
    /** False for a chat that was never created: it has no tables, and bans no one. */
    private readonly exists: () => boolean,
  ) {}

  /** The Unix time `userId`'s ban ends (0: never), or null when they are not banned at `now`. */
  until(userId: number, now: number): number | null {
    if (!this.exists()) return null;
    const row = this.sql.exec<{ until: number }>("SELECT until FROM banned WHERE user_id = ?", userId).toArray()[0];
    return row && banHolds(row.until, now) ? row.until : null;
  }

  /** Those of `userIds` banned at `now`. */
  bannedAmong(userIds: number[], now: number): number[] {
    return userIds.filter((id) => this.until(id, now) !== null);
  }

  /** Every ban in force, soonest to end last (bans for good first). */
  list(now: number): { userId: number; until: number }[] {
    return this.sql
      .exec<{ user_id: number; until: number }>("SELECT user_id, until FROM banned WHERE until = 0 OR until > ? ORDER BY until, user_id", now)
      .toArray()
      .map((r) => ({ userId: r.user_id, until: r.until }));
  }

  /** Deletes the bans that have run out by `now`. */
  purgeExpired(now: number): void {
    this.sql.exec("DELETE FROM banned WHERE until != 0 AND until <= ?", now);
  }

  /** Whether a ban of `userId` fits under the bound (a change of an existing ban always does). Reads only: purge run-out bans first. */
  hasRoomFor(userId: number, now: number): boolean {
    if (this.until(userId, now) !== null) return true; // a change of an existing ban
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM banned").one().n < MAX_BANS;
  }

  ban(userId: number, until: number): void {
    this.sql.exec("INSERT OR REPLACE INTO banned (user_id, until) VALUES (?, ?)", userId, until);
  }

  /** Whether there was a ban to lift. */
  unban(userId: number, now: number): boolean {
    const held = this.until(userId, now) !== null;
    this.sql.exec("DELETE FROM banned WHERE user_id = ?", userId);
    return held;
  }
}
