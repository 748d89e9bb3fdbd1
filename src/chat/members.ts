// The chat's members: roles, read cursors and unread counts (derived from the log, which
// they count), and, in a private chat with a bot, whether the person blocked it.
import type { Member, Role } from "../protocol/api.ts";
import type { Sender } from "../protocol/messages.ts";

type MemberRow = {
  user_id: number;
  role: string;
  handle: string;
  display_name: string;
  is_bot: number;
  read_id: number;
  unread: number;
  blocked: number;
};

/**
 * A member's unread count, derived rather than kept: every message after a member's read
 * cursor is someone else's (sending moves the sender's cursor to its message), less those
 * deleted since. So a post writes one row, not one per member, and a deletion none.
 */
const UNREAD = `max(0, (SELECT coalesce(max(id), 0) FROM messages) - members.read_id
  - (SELECT count(*) FROM messages d WHERE d.deleted = 1 AND d.id > members.read_id))`;

export class ChatMembers {
  constructor(
    private readonly sql: SqlStorage,
    /** False for a chat that was never created: it has no tables, and no members. */
    private readonly exists: () => boolean,
  ) {}

  get(userId: number): Member | null {
    if (!this.exists()) return null;
    const row = this.sql.exec<MemberRow>("SELECT * FROM members WHERE user_id = ?", userId).toArray()[0];
    return row ? toMember(row) : null;
  }

  all(): Member[] {
    return this.sql.exec<MemberRow>("SELECT * FROM members ORDER BY user_id").toArray().map(toMember);
  }

  ids(): number[] {
    if (!this.exists()) return [];
    return this.sql.exec<{ user_id: number }>("SELECT user_id FROM members").toArray().map((r) => r.user_id);
  }

  /** Who live events go to: bots, and people with a socket open. */
  liveIds(): number[] {
    if (!this.exists()) return [];
    return this.sql.exec<{ user_id: number }>("SELECT user_id FROM members WHERE is_bot = 1 OR online = 1").toArray().map((r) => r.user_id);
  }

  /**
   * Records whether a member has a socket open, as of `at` (the UserActor's clock): an older
   * word than the last one heard is ignored, so a late "gone" cannot undo a newer "here".
   */
  setPresence(userId: number, online: boolean, at: number): void {
    // On a tie (two words in the same millisecond), "here" wins: a wrong "here" costs one
    // delivery to nobody, which corrects it; a wrong "gone" would lose live messages.
    this.sql.exec(
      "UPDATE members SET online = ?, presence_at = ? WHERE user_id = ? AND (presence_at < ? OR (presence_at = ? AND ? = 1))",
      online ? 1 : 0,
      at,
      userId,
      at,
      at,
      online ? 1 : 0,
    );
  }

  botIds(): Set<number> {
    return new Set(this.sql.exec<{ user_id: number }>("SELECT user_id FROM members WHERE is_bot = 1").toArray().map((r) => r.user_id));
  }

  /** Adds a member who has read everything up to `readId` (a newcomer owes nothing). */
  add(s: Sender, role: Role, readId: number): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO members (user_id, role, handle, display_name, is_bot, read_id) VALUES (?, ?, ?, ?, ?, ?)",
      s.id,
      role,
      s.handle,
      s.displayName,
      s.isBot ? 1 : 0,
      readId,
    );
  }

  remove(userId: number): void {
    this.sql.exec("DELETE FROM members WHERE user_id = ?", userId);
  }

  /** A member's name as their account now has it (a bot renamed itself): their next messages carry it. */
  setName(userId: number, displayName: string): void {
    this.sql.exec("UPDATE members SET display_name = ? WHERE user_id = ? AND display_name != ?", displayName, userId, displayName);
  }

  setRole(userId: number, role: Role): void {
    this.sql.exec("UPDATE members SET role = ? WHERE user_id = ?", role, userId);
  }

  /** Sending reads the chat for the sender. Nobody else's row is written: unread is derived (below). */
  countSent(senderId: number, messageId: number): void {
    this.sql.exec("UPDATE members SET read_id = ? WHERE user_id = ?", messageId, senderId);
  }

  setReadId(userId: number, readId: number): void {
    this.sql.exec("UPDATE members SET read_id = ? WHERE user_id = ?", readId, userId);
  }

  unreadOf(userId: number): number {
    return this.sql.exec<{ unread: number }>(`SELECT ${UNREAD} AS unread FROM members WHERE user_id = ?`, userId).toArray()[0]?.unread ?? 0;
  }

  /** The unread counts of everyone live events go to (see liveIds). */
  liveUnreadCounts(): Map<number, number> {
    if (!this.exists()) return new Map();
    return new Map(
      this.sql
        .exec<{ user_id: number; unread: number }>(`SELECT user_id, ${UNREAD} AS unread FROM members WHERE is_bot = 1 OR online = 1`)
        .toArray()
        .map((r) => [r.user_id, r.unread]),
    );
  }

  setBlocked(userId: number, blocked: boolean): void {
    this.sql.exec("UPDATE members SET blocked = ? WHERE user_id = ?", blocked ? 1 : 0, userId);
  }

  hasBlocked(userId: number): boolean {
    return this.sql.exec<{ blocked: number }>("SELECT blocked FROM members WHERE user_id = ?", userId).toArray()[0]?.blocked === 1;
  }

  /** True when the other member of this private chat has blocked `botId`. */
  blockedBot(botId: number): boolean {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM members WHERE user_id != ? AND blocked = 1", botId).one().n > 0;
  }
}

function toMember(r: MemberRow): Member {
  const m: Member = { id: r.user_id, handle: r.handle, displayName: r.display_name, role: r.role as Role, readId: r.read_id };
  if (r.is_bot) m.isBot = true;
  return m;
}
